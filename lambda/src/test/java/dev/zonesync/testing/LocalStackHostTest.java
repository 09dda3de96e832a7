package dev.zonesync.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without LocalStack installed, the extension fails with the install command; it never skips. */
class LocalStackHostTest {

  @Test
  void notInstalled_failsWithTheInstallCommand(@TempDir Path emptyProject) {
    String before = System.getProperty("zonesync.projectRoot");
    System.setProperty("zonesync.projectRoot", emptyProject.toString());
    try {
      assertThatThrownBy(() -> new LocalStackHost().start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("LocalStack is not installed")
          .hasMessageContaining("ensure_localstack")
          .hasMessageContaining("-c scripts/lib/localstack-constraints.txt")
          .hasMessageContaining("localstack-core[runtime]==" + LocalStackHost.VERSION);
    } finally {
      if (before == null) {
        System.clearProperty("zonesync.projectRoot");
      } else {
        System.setProperty("zonesync.projectRoot", before);
      }
    }
  }

  @Test
  void unknownMode_failsSayingWhichExist() {
    System.setProperty(LocalStackHost.MODE_PROPERTY, "vagrant");
    try {
      assertThatThrownBy(() -> new LocalStackHost().start())
          .hasMessageContaining("use host (default) or docker");
    } finally {
      System.clearProperty(LocalStackHost.MODE_PROPERTY);
    }
  }

  @Test
  void dockerMode_withoutTheProfile_saysToUseIt() {
    System.setProperty(LocalStackHost.MODE_PROPERTY, "docker");
    try {
      assertThatThrownBy(() -> new LocalStackHost().start()).hasMessageContaining("-Plocalstack");
    } finally {
      System.clearProperty(LocalStackHost.MODE_PROPERTY);
    }
  }
}
