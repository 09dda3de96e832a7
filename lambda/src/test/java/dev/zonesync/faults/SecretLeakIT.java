package dev.zonesync.faults;

import static dev.zonesync.testing.SyncHarness.KEY;
import static dev.zonesync.testing.SyncHarness.SAMPLE_SERIAL;
import static dev.zonesync.testing.SyncHarness.SECRET_ENV;
import static dev.zonesync.testing.SyncHarness.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.app.ReportJson;
import dev.zonesync.handler.SyncHandler;
import dev.zonesync.model.Deadline;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.WireCall;
import dev.zonesync.testing.ZoneFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The TSIG secret must never appear in a log line, a report, an exception message, or anything else
 * a run prints — in any encoding (base64 with and without padding, base64url, hex in either case,
 * the raw bytes). Each scenario runs with every logger of the JVM at level ALL, stdout and stderr
 * captured, the report rendered as JSON and as {@code toString()}, every exception's full trace,
 * and every Route 53 request body; then the capture is searched. The CLI is checked as a child
 * process with {@code ZONESYNC_LOG_LEVEL=trace}.
 */
@Timeout(60)
class SecretLeakIT {

  private static Route53Proxy route53;

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Set<String> secrets = new LinkedHashSet<>();

  @BeforeAll
  static void route53() {
    route53 = Route53Proxy.in(SyncHarness.moto());
  }

  @AfterAll
  static void stopRoute53() {
    route53.close();
  }

  @AfterEach
  void closeResources() throws Exception {
    for (AutoCloseable c : resources) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }

  /** A fresh secret, remembered for the search. */
  private String secret() {
    String s = NamedServer.generateTsigSecret();
    secrets.add(s);
    return s;
  }

  private NamedServer named(String keyName, String secret, String zoneText) {
    return named(keyName, secret, ZONE, zoneText);
  }

  private NamedServer named(String keyName, String secret, String zone, String zoneText) {
    return keep(
        NamedServer.builder()
            .tsigKey(keyName, "hmac-sha256", secret)
            .zoneText(zone, zoneText)
            .start());
  }

  enum Scenario {
    /** Everything works: the secret signs every query and verifies every message. */
    SUCCESSFUL_SYNC("APPLIED"),
    /** Our secret is not the master's: BADSIG. */
    WRONG_SECRET("BADSIG"),
    /** The master does not know our key name: BADKEY. */
    UNKNOWN_KEY("BADKEY"),
    /** The master does not serve the zone: REFUSED to a signed query. */
    REFUSED("REFUSED"),
    /** The master's clock is off: BADTIME (its answer carries a TSIG of its own). */
    BADTIME("BADTIME"),
    /** The stored secret is not base64 at all. */
    MALFORMED_SECRET("not valid base64"),
    /** The secret comes from a file holding a whole tsig-keygen key statement. */
    SECRET_FILE_WITH_KEY_STATEMENT("BADSIG"),
    /** The Lambda handler's path: JSON request in, JSON report out. */
    LAMBDA_HANDLER("BADSIG");

    /** Text the capture must hold, so we know it saw the run. */
    final String seen;

    Scenario(String seen) {
      this.seen = seen;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scenario.class)
  void tsigSecret_neverAppearsInLogsReportsExceptionsOrOutput(Scenario scenario) throws Exception {
    route53.clear();
    String zoneId = SyncHarness.moto().createPrivateHostedZone(ZONE);
    try (OutputCapture capture = new OutputCapture()) {
      Status status = runScenario(scenario, zoneId, capture);
      for (WireCall c : route53.calls()) {
        capture.add(c.requestBody());
        capture.add(c.responseBody());
      }
      assertThat(status)
          .isEqualTo(scenario == Scenario.SUCCESSFUL_SYNC ? Status.APPLIED : Status.FAILED);
      String text = capture.text();
      assertThat(text).contains(scenario.seen);
      // every logger really was at ALL: dnsjava's and the SDK's debug lines are in the capture (a
      // master failure now stops the run before its first Route 53 call)
      assertThat(text).contains("DEBUG org.xbill");
      if (status == Status.APPLIED) {
        assertThat(text).contains("DEBUG software.amazon.awssdk");
      }
      if (status == Status.FAILED) {
        assertThat(text).contains("failure detail"); // the engine's debug line with the trace
      }
      assertNoSecretIn(text);
    }
  }

  private Status runScenario(Scenario scenario, String zoneId, OutputCapture capture)
      throws Exception {
    String ours = secret();
    String sample = SyncHarness.sampleZone();
    switch (scenario) {
      case SUCCESSFUL_SYNC -> {
        NamedServer n = named(KEY, ours, sample);
        return run(capture, SyncHarness.Config.of(zoneId, n.hostPort()).yaml(), ours);
      }
      case WRONG_SECRET -> {
        NamedServer n = named(KEY, secret(), sample);
        return run(capture, SyncHarness.Config.of(zoneId, n.hostPort()).yaml(), ours);
      }
      case UNKNOWN_KEY -> {
        NamedServer n = named("another-key.", ours, sample);
        return run(capture, SyncHarness.Config.of(zoneId, n.hostPort()).yaml(), ours);
      }
      case REFUSED -> {
        NamedServer n =
            named(KEY, ours, "other.example.", ZoneFiles.generate("other.example.", 3, 1, 1));
        return run(capture, SyncHarness.Config.of(zoneId, n.hostPort()).yaml(), ours);
      }
      case BADTIME -> {
        ScriptedMaster m = keep(ScriptedMaster.start(ZONE, KEY, ours, Duration.ofHours(-3)));
        m.soa = ScriptedMaster.soa(ZONE, SAMPLE_SERIAL);
        return run(capture, SyncHarness.Config.of(zoneId, m.hostPort()).yaml(), ours);
      }
      case MALFORMED_SECRET -> {
        NamedServer n = named(KEY, secret(), sample);
        String malformed = "Zs!not*base64:" + ours.substring(0, 20) + "#tail";
        secrets.add(malformed);
        return run(capture, SyncHarness.Config.of(zoneId, n.hostPort()).yaml(), malformed);
      }
      case SECRET_FILE_WITH_KEY_STATEMENT -> {
        NamedServer n = named(KEY, secret(), sample);
        Path file = Files.createTempFile("zonesync-key-", ".key");
        Files.writeString(
            file,
            "key \"" + KEY + "\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + ours + "\";\n};\n");
        String yaml =
            SyncHarness.Config.of(zoneId, n.hostPort())
                .yaml()
                .replace("{env: " + SECRET_ENV + "}", "{file: \"" + file + "\"}");
        return run(capture, yaml, "unused");
      }
      case LAMBDA_HANDLER -> {
        NamedServer n = named(KEY, secret(), sample);
        Path config = Files.createTempFile("zonesync-", ".yaml");
        Files.writeString(config, SyncHarness.Config.of(zoneId, n.hostPort()).yaml());
        SyncHandler handler =
            new SyncHandler(
                config.toString(),
                location -> SyncHarness.engine(readString(location), ours, route53.endpoint()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
          handler.handleRequest(
              new ByteArrayInputStream(
                  "{\"zones\": [\"corp.example.\"]}".getBytes(StandardCharsets.UTF_8)),
              out,
              null);
        } catch (Exception e) {
          capture.add(OutputCapture.stackTrace(e));
          throw e;
        }
        String json = out.toString(StandardCharsets.UTF_8);
        capture.add(json);
        return Status.valueOf(
            ReportJson.MAPPER.readTree(json).path("zones").get(0).path("status").asText());
      }
    }
    throw new IllegalArgumentException(scenario.name());
  }

  private static String readString(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Status run(OutputCapture capture, String yaml, String secretValue) {
    try {
      Engine engine = SyncHarness.engine(yaml, secretValue, route53.endpoint());
      RunReport r =
          engine.run(List.of(), SyncOptions.DEFAULT, Deadline.after(Duration.ofSeconds(30)));
      capture.add(ReportJson.toJson(r));
      capture.add(r.toString());
      return r.zones().get(0).status();
    } catch (RuntimeException e) {
      capture.add(OutputCapture.stackTrace(e));
      throw e;
    }
  }

  @Test
  void tsigSecret_neverAppearsInTheCliOutputAtTraceLevel() throws Exception {
    String ours = secret();
    String theirs = secret();
    StringBuilder all = new StringBuilder();
    for (String masterSecret : List.of(ours, theirs)) { // a successful run, then BADSIG
      NamedServer n = named(KEY, masterSecret, SyncHarness.sampleZone());
      String zoneId = SyncHarness.moto().createPrivateHostedZone(ZONE);
      CliProcess cli =
          CliProcess.start(
              SyncHarness.Config.of(zoneId, n.hostPort()).yaml(),
              ours,
              route53.endpoint(),
              List.of(),
              Map.of("ZONESYNC_LOG_LEVEL", "trace"));
      int exit = cli.await(Duration.ofSeconds(60));
      assertThat(exit).as(cli.stderr()).isEqualTo(masterSecret.equals(ours) ? 0 : 1);
      all.append(cli.stdout()).append('\n').append(cli.stderr()).append('\n');
    }
    assertThat(all.toString()).contains("BADSIG"); // the capture really holds the failure
    assertNoSecretIn(all.toString());
  }

  @Test
  void capture_catchesASecretWrittenToALogOrAStream() {
    // the control: a throwaway secret planted on purpose (and not passed to the real output)
    String s = secret();
    byte[] raw = Base64.getDecoder().decode(s);
    try (OutputCapture capture = new OutputCapture(false)) {
      org.slf4j.LoggerFactory.getLogger("org.xbill.DNS.TSIG")
          .trace("mac key {}", HexFormat.of().formatHex(raw));
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> assertNoSecretIn(capture.text())))
          .as("a secret logged at TRACE by a WARN-level logger is caught")
          .isInstanceOf(AssertionError.class);
    }
    try (OutputCapture capture = new OutputCapture(false)) {
      System.err.println("key=" + s.replace("=", ""));
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> assertNoSecretIn(capture.text())))
          .as("a secret printed to stderr is caught")
          .isInstanceOf(AssertionError.class);
    }
  }

  /** Every way a secret could be written out. */
  private static List<String> forms(String secret) {
    List<String> out = new ArrayList<>();
    out.add(secret);
    out.add(secret.replace("=", ""));
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(secret);
    } catch (IllegalArgumentException notBase64) {
      return out; // the malformed one: its text is what must not appear
    }
    out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
    out.add(HexFormat.of().formatHex(raw));
    out.add(HexFormat.of().withUpperCase().formatHex(raw));
    out.add(HexFormat.ofDelimiter(" ").formatHex(raw));
    out.add(Arrays.toString(raw).substring(0, 24));
    out.add(new String(raw, 0, 12, StandardCharsets.ISO_8859_1));
    return out;
  }

  private void assertNoSecretIn(String haystack) {
    assertThat(haystack).as("the capture is not empty").isNotBlank();
    for (String s : secrets) {
      for (String form : forms(s)) {
        assertThat(haystack.contains(form))
            .as(
                "a form of a TSIG secret appears in the output (%d chars captured)",
                haystack.length())
            .isFalse();
      }
    }
  }
}
