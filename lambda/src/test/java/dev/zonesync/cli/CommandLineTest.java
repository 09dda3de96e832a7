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
  void sync_withMetrics_printsTheFunctionDocumentAndTheDetailedZonesOwn(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    // masters nobody answers on: both zones fail at their SOA query, before any Route 53 call
    java.nio.file.Path config = dir.resolve("zonesync.yaml");
    java.nio.file.Files.writeString(
        config,
        """
        version: 1
        defaults: {timeouts: {query: 200ms}}
        zones:
          - {name: a.example., hostedZoneId: ZA, masters: ["127.0.0.1:9"], tsig: none,
             metrics: detailed}
          - {name: b.example., hostedZoneId: ZB, masters: ["127.0.0.1:9"], tsig: none}
        """);

    assertThat(run("sync", "--config", config.toString(), "--metrics")).isEqualTo(1);

    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.List<com.fasterxml.jackson.databind.JsonNode> docs = new java.util.ArrayList<>();
    for (String line : err.toString().split("\n")) {
      if (line.startsWith("{") && line.contains("\"_aws\"")) {
        docs.add(json.readTree(line));
      }
    }
    assertThat(docs).hasSize(2);
    assertThat(docs.get(0).path("Zone").asText()).isEqualTo("a.example.");
    assertThat(docs.get(0).path("Failed").asInt()).isEqualTo(1);
    assertThat(docs.get(1).path("Function").asText()).isEqualTo("zonesync-cli");
    assertThat(docs.get(1).path("ZonesFailed").asInt()).isEqualTo(2);
    assertThat(docs.get(1).path("RunsCompleted").asInt()).isEqualTo(1);
    assertThat(docs.get(1).path("failedZones").toString())
        .isEqualTo("[\"a.example.\",\"b.example.\"]");
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
