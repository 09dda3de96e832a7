package dev.zonesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.Samples;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void plan_whenConfigMissing_exitsTwoNamingTheFile() {
    assertThat(run("plan", "--config", "/nonexistent/zonesync.yaml")).isEqualTo(2);
    assertThat(err.toString()).contains("/nonexistent/zonesync.yaml does not exist");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void sync_whenOutputUnknown_exitsTwo() {
    assertThat(
            run("sync", "--config", Samples.sample("zonesync.yaml").toString(), "--output", "xml"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--output must be json or text");
  }

  @Test
  void sync_whenZoneUnknown_exitsTwoListingTheConfiguredZones() {
    assertThat(
            run(
                "sync",
                "--config",
                Samples.sample("zonesync.yaml").toString(),
                "--zone",
                "nope.example"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("unknown zone(s) [nope.example]").contains("corp.example.");
  }

  @Test
  void sync_whenZoneUnknown_isAnArgumentError_notAnInvalidConfiguration() {
    run("sync", "--config", Samples.sample("zonesync.yaml").toString(), "--zone", "nope.example");
    assertThat(err.toString())
        .startsWith("zonesync: --zone: unknown zone(s)")
        .doesNotContain("invalid configuration");
  }

  @Test
  void noCommand_isAUsageError() {
    assertThat(run()).isEqualTo(2);
  }
}
