package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app entry point, as the CDK CLI runs it: arguments/context in, exit status and message out.
 */
class ZoneSyncAppTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ZoneSyncApp.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void run_whenDeploymentInvalid_failsSynthNamingTheField() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, Synth.sampleYaml().replace("memoryMb: 1024", "memoryMb: 100000"));

    int status = run("-c", "config=" + config, "-c", "jar=" + Synth.dummyJar());

    assertThat(status).isEqualTo(2);
    assertThat(err())
        .contains("invalid config " + config)
        .contains("deployment.function.memoryMb: 100000 is out of range [128, 10240]");
  }

  @Test
  void run_whenAlarmSettingsInvalid_failsSynthNamingTheField() throws Exception {
    Path config = dir.resolve("bad-alarms.yaml");
    Files.writeString(config, Synth.sampleYaml().replace("staleAfter: 30m", "staleAfter: 32m"));

    int status = run("-c", "config=" + config, "-c", "jar=" + Synth.dummyJar());

    assertThat(status).isEqualTo(2);
    assertThat(err())
        .contains(
            "deployment.alarms.staleAfter: 32m must be a whole number of alarm periods"
                + " (deployment.alarms.period: 5m), at least two");
  }

  @Test
  void run_whenNoConfig_saysHowToPassOne() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("-c config=");
  }

  @Test
  void run_whenJarMissing_saysHowToBuildIt() {
    assertThat(run("-c", "config=" + Synth.SAMPLE, "-c", "jar=" + dir.resolve("none.jar")))
        .isEqualTo(2);
    assertThat(err()).contains("./mvnw -pl lambda -am package");
  }
}
