package dev.zonesync.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/** zonesync's slf4j backend: the JSON fields the Lambda logs had with Powertools, levels, text. */
class ZonesyncBackendTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;

  @AfterEach
  void restore() {
    System.setOut(out);
    System.setErr(err);
    LogConfig.useJson();
    LogConfig.rootLevel(null);
    LogFields.clear();
    MDC.clear();
  }

  private static ByteArrayOutputStream redirect(boolean stderr) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    PrintStream p = new PrintStream(b, true, StandardCharsets.UTF_8);
    if (stderr) {
      System.setErr(p);
    } else {
      System.setOut(p);
    }
    return b;
  }

  private static List<JsonNode> lines(ByteArrayOutputStream b) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String l : b.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!l.isEmpty()) {
        nodes.add(JSON.readTree(l));
      }
    }
    return nodes;
  }

  @Test
  void slf4j_bindsToTheZonesyncBackend() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
        .startsWith(ZonesyncServiceProvider.class.getName());
  }

  @Test
  void jsonLine_carriesLevelMessageErrorFieldsServiceTimestampAndMdc() throws Exception {
    ByteArrayOutputStream b = redirect(false);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("cold_start", true);
    fields.put("function_request_id", "req-1");
    fields.put("function_memory_size", 1024);
    LogFields.set(fields);
    MDC.put("zone", "corp.example.");
    MDC.put("status", "APPLIED");
    Logger log = LoggerFactory.getLogger("dev.zonesync.test.Json");
    log.warn(
        "zone {}: {} \"quoted\"\ttab",
        "corp.example.",
        "APPLIED",
        new IllegalStateException("boom"));

    List<JsonNode> l = lines(b);
    assertThat(l).hasSize(1);
    JsonNode n = l.get(0);
    assertThat(n.path("level").asText()).isEqualTo("WARN");
    assertThat(n.path("message").asText()).isEqualTo("zone corp.example.: APPLIED \"quoted\"\ttab");
    assertThat(n.path("error").path("name").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(n.path("error").path("message").asText()).isEqualTo("boom");
    assertThat(n.path("error").path("stack").asText())
        .startsWith("java.lang.IllegalStateException: boom")
        .contains("ZonesyncBackendTest");
    assertThat(n.path("cold_start").isBoolean()).isTrue();
    assertThat(n.path("cold_start").asBoolean()).isTrue();
    assertThat(n.path("function_memory_size").isInt()).isTrue();
    assertThat(n.path("function_request_id").asText()).isEqualTo("req-1");
    assertThat(n.path("zone").asText()).isEqualTo("corp.example.");
    assertThat(n.path("status").asText()).isEqualTo("APPLIED");
    assertThat(n.has("service")).isTrue();
    assertThat(Instant.parse(n.path("timestamp").asText())).isNotNull();
    assertThat(n.path("timestamp").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  void jsonLine_escapesControlCharactersAndLineSeparators() throws Exception {
    LogEvent e =
        new LogEvent(
            Instant.EPOCH,
            Level.INFO,
            "x",
            "a\u0001b\u2028c\\d\r\n",
            Map.of("k\"ey", "v\u0000"),
            null);
    String line = LogConfig.jsonLine(e, Map.of(), "svc");
    assertThat(line).endsWith("}\n").doesNotContain("\u2028").doesNotContain("\u0001");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
    JsonNode n = JSON.readTree(line);
    assertThat(n.path("message").asText()).isEqualTo("a\u0001b\u2028c\\d\r\n");
    assertThat(n.path("k\"ey").asText()).isEqualTo("v\u0000");
    assertThat(n.path("service").asText()).isEqualTo("svc");
    assertThat(n.path("timestamp").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
  }

  @Test
  void mdcKeysNamedLikeFixedFields_doNotDuplicateThem() throws Exception {
    LogEvent e =
        new LogEvent(
            Instant.EPOCH, Level.INFO, "x", "m", Map.of("level", "fake", "cold_start", "x"), null);
    String line = LogConfig.jsonLine(e, Map.of("cold_start", false), "svc");
    JsonNode n = JSON.readTree(line);
    assertThat(n.path("level").asText()).isEqualTo("INFO");
    assertThat(n.path("cold_start").asBoolean()).isFalse();
    assertThat(line.split("\"level\"", -1)).hasSize(2);
  }

  @Test
  void levels_rootFromSettingAndChattyLibrariesHeldAtWarn() throws Exception {
    ByteArrayOutputStream b = redirect(false);
    LogConfig.rootLevel(Level.DEBUG);
    Logger ours = LoggerFactory.getLogger("dev.zonesync.test.Levels");
    Logger dns = LoggerFactory.getLogger("org.xbill.DNS.Test");
    Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.request");
    assertThat(ours.isDebugEnabled()).isTrue();
    assertThat(ours.isTraceEnabled()).isFalse();
    assertThat(dns.isInfoEnabled()).isFalse();
    assertThat(sdk.isDebugEnabled()).isFalse();
    assertThat(sdk.isWarnEnabled()).isTrue();
    ours.debug("one");
    ours.trace("never");
    dns.info("never");
    dns.warn("two");
    List<JsonNode> l = lines(b);
    assertThat(l).extracting(n -> n.path("message").asText()).containsExactly("one", "two");

    LogConfig.rootLevel(Level.ERROR);
    assertThat(ours.isWarnEnabled()).isFalse();
    assertThat(dns.isWarnEnabled()).isFalse();
  }

  @Test
  void parseLevel_acceptsNamesAndFallsBackOnNonsense() {
    assertThat(LogConfig.parseLevel("TRACE", 20)).isEqualTo(Level.TRACE.toInt());
    assertThat(LogConfig.parseLevel("all", 20)).isEqualTo(Level.TRACE.toInt());
    assertThat(LogConfig.parseLevel(" warn ", 20)).isEqualTo(Level.WARN.toInt());
    assertThat(LogConfig.parseLevel("off", 20)).isEqualTo(LogConfig.OFF);
    assertThat(LogConfig.parseLevel("loud", 20)).isEqualTo(20);
    assertThat(LogConfig.parseLevel(null, 30)).isEqualTo(30);
  }

  @Test
  void captureAll_seesEveryLevelOfEveryLogger_untilClosed() throws Exception {
    redirect(false);
    LogConfig.rootLevel(Level.WARN);
    List<LogEvent> seen = new ArrayList<>();
    Logger dns = LoggerFactory.getLogger("org.xbill.DNS.Capture");
    try (AutoCloseable c = LogConfig.captureAll(seen::add)) {
      assertThat(dns.isTraceEnabled()).isTrue();
      MDC.put("zone", "z.");
      dns.trace("mac {}", "x");
    }
    assertThat(dns.isTraceEnabled()).isFalse();
    dns.trace("after");
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).level()).isEqualTo(Level.TRACE);
    assertThat(seen.get(0).message()).isEqualTo("mac x");
    assertThat(seen.get(0).mdc()).containsEntry("zone", "z.");
  }

  @Test
  void text_isThePlainCliFormatOnStderr_andStdoutStaysClean() {
    ByteArrayOutputStream o = redirect(false);
    ByteArrayOutputStream e = redirect(true);
    LogConfig.useText();
    LogConfig.rootLevel(Level.INFO);
    LoggerFactory.getLogger("dev.zonesync.sync.ZoneSynchronizer")
        .info("zone {}: UP_TO_DATE", "corp.example.", new RuntimeException("why"));
    String text = e.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .matches(
            "(?s)\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  ZoneSynchronizer - zone corp.example.:"
                + " UP_TO_DATE\\njava.lang.RuntimeException: why\\n.*");
    assertThat(o.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void discardOnThisThread_formatsButWritesNothing() throws Exception {
    ByteArrayOutputStream b = redirect(false);
    Logger log = LoggerFactory.getLogger("dev.zonesync.test.Discard");
    try (AutoCloseable q = LogConfig.discardOnThisThread()) {
      log.info("canned");
    }
    log.info("real");
    assertThat(lines(b)).extracting(n -> n.path("message").asText()).containsExactly("real");
  }

  @Test
  void fluentKeyValues_becomeFields_rawJsonNested_numbersAsNumbers() throws Exception {
    ByteArrayOutputStream b = redirect(false);
    LoggerFactory.getLogger("dev.zonesync.test.KeyValues")
        .atInfo()
        .addKeyValue("zone", "corp.example.")
        .addKeyValue("part", 2)
        .addKeyValue("plan", new RawJson("[{\"action\":\"create\",\"ttl\":300}]"))
        .log("plan of {}", "corp.example.");

    List<JsonNode> l = lines(b);
    assertThat(l).hasSize(1);
    JsonNode n = l.get(0);
    assertThat(n.path("message").asText()).isEqualTo("plan of corp.example.");
    assertThat(n.path("zone").asText()).isEqualTo("corp.example.");
    assertThat(n.path("part").isInt()).isTrue();
    assertThat(n.path("part").asInt()).isEqualTo(2);
    assertThat(n.path("plan").isArray()).isTrue();
    assertThat(n.path("plan").get(0).path("action").asText()).isEqualTo("create");
    assertThat(n.path("plan").get(0).path("ttl").asInt()).isEqualTo(300);
  }

  @Test
  void fluentKeyValues_winOverTheMdc_neverOverFixedFields() throws Exception {
    ByteArrayOutputStream b = redirect(false);
    LogFields.set(Map.of("function_request_id", "req-1"));
    MDC.put("zone", "from-mdc.");
    LoggerFactory.getLogger("dev.zonesync.test.KeyValues")
        .atWarn()
        .addKeyValue("zone", "from-call.")
        .addKeyValue("level", "fake")
        .addKeyValue("function_request_id", "fake")
        .log("m");

    String line = b.toString(StandardCharsets.UTF_8);
    JsonNode n = JSON.readTree(line);
    assertThat(n.path("zone").asText()).isEqualTo("from-call.");
    assertThat(n.path("level").asText()).isEqualTo("WARN");
    assertThat(n.path("function_request_id").asText()).isEqualTo("req-1");
    assertThat(line.split("\"zone\"", -1)).hasSize(2);
    assertThat(line.split("\"level\"", -1)).hasSize(2);
  }

  @Test
  void fluentCall_belowTheLevel_writesNothing() {
    ByteArrayOutputStream b = redirect(false);
    LogConfig.rootLevel(Level.WARN);
    LoggerFactory.getLogger("dev.zonesync.test.KeyValues")
        .atInfo()
        .addKeyValue("plan", new RawJson("[]"))
        .log("plan");
    assertThat(b.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void rawJson_refusesWhatWouldBreakTheLine() {
    assertThatThrownBy(() -> new RawJson("[1,\n2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one line");
    assertThatThrownBy(() -> new RawJson("\"text\"")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RawJson("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void text_appendsKeyValuesAfterTheMessage() {
    ByteArrayOutputStream e = redirect(true);
    LogConfig.useText();
    LogConfig.rootLevel(Level.INFO);
    LoggerFactory.getLogger("dev.zonesync.test.KeyValues")
        .atInfo()
        .addKeyValue("part", 1)
        .addKeyValue("plan", new RawJson("[]"))
        .log("plan");
    assertThat(e.toString(StandardCharsets.UTF_8)).endsWith("KeyValues - plan part=1 plan=[]\n");
  }
}
