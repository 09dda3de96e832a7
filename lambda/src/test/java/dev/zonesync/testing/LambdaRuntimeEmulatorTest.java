package dev.zonesync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaRuntimeEmulatorTest {

  @TempDir Path dir;

  @Test
  void pinnedEmulatorVersion_isTheOneTheScriptsBuild() throws IOException {
    String env = Files.readString(TestProcesses.projectFile("scripts/lib/env.sh"));

    assertThat(env)
        .contains("RIE_VERSION=" + LambdaRuntimeEmulator.RIE_VERSION + "\n")
        .contains("RIE_MODULE=" + LambdaRuntimeEmulator.RIE_MODULE + "\n");
  }

  @Test
  void rieBinary_whenThePropertyNamesNoExecutable_saysSo() {
    String missing = dir.resolve("aws-lambda-rie").toString();
    String before = System.getProperty(LambdaRuntimeEmulator.RIE_PROPERTY);
    System.setProperty(LambdaRuntimeEmulator.RIE_PROPERTY, missing);
    try {
      assertThatThrownBy(LambdaRuntimeEmulator::rieBinary)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(missing)
          .hasMessageContaining("not an executable file");
    } finally {
      if (before == null) {
        System.clearProperty(LambdaRuntimeEmulator.RIE_PROPERTY);
      } else {
        System.setProperty(LambdaRuntimeEmulator.RIE_PROPERTY, before);
      }
    }
  }

  @Test
  void runtimeClassPath_holdsTheRuntimeInterfaceClientAndItsDependencies() {
    String cp = LambdaRuntimeEmulator.runtimeClassPath();

    assertThat(cp)
        .contains("aws-lambda-java-runtime-interface-client-")
        .contains("aws-lambda-java-core-")
        .contains("aws-lambda-java-serialization-")
        .contains("utils-lite-")
        .doesNotContain("zonesync");
  }
}
