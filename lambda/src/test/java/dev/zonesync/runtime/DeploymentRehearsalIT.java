package dev.zonesync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.zonesync.Samples;
import dev.zonesync.contract.FunctionContract;
import dev.zonesync.contract.MetricNames;
import dev.zonesync.testing.LambdaJvm;
import dev.zonesync.testing.LambdaRuntimeEmulator;
import dev.zonesync.testing.LambdaRuntimeEmulator.Invocation;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.Route53TextReader;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.WireCall;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A deployment rehearsal: the CDK app synthesizes {@code samples/zonesync.yaml} (plus the README's
 * Active Directory recipe, {@code _msdcs.corp.example.} into corp.example.'s hosted zone) with the
 * real {@code zonesync.jar}; from the cloud assembly alone come the function's handler, memory,
 * timeout and environment, its code asset and the SSM parameters. The parameters go into the
 * emulator's SSM, the TSIG secret into its Secrets Manager, and the staged asset — unpacked as
 * Lambda unpacks it — runs under the real Runtime Interface Client inside the Runtime Interface
 * Emulator on Java 21 ({@link Rehearsal}). Every {@code events/} payload is invoked against a real
 * named; Route 53 is the emulator's behind a counting proxy.
 *
 * <p>The AWS side is moto through the project's stand-in, or LocalStack in the subclass {@link
 * LocalStackRehearsalIT}. Assertions that need Route 53's DELETE check ({@link
 * AwsEmulator#strictDeletes()}) run only where the emulator has it, and the test output says which
 * were skipped.
 *
 * <p>Only what a real account would differ in is replaced in the config: masters (named on
 * loopback), hosted zone IDs (created in the emulator), the secret's ARN (the emulator's) and the
 * account ID (the secret's). The function's environment is the template's plus the emulator
 * endpoints.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentRehearsalIT {

  private static final String CORP = "corp.example.";
  private static final String MSDCS = "_msdcs.corp.example.";
  private static final String REVERSE = "10.in-addr.arpa.";

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String SECRET = NamedServer.generateTsigSecret();

  private Rehearsal rehearsal;
  private AwsEmulator emulator;
  private MotoServer moto; // moto's or LocalStack's endpoint, as the harness's handle
  private Route53Proxy proxy;
  private NamedServer named;
  private SynthesizedDeployment deployment;
  private String corpZoneId;
  private String reverseZoneId;
  private String secretArn;
  private SsmClient ssm;

  private LambdaRuntimeEmulator function;

  /** Starts (or finds) the AWS side; called once, before anything else. */
  AwsEmulator emulator() {
    return AwsEmulator.moto();
  }

  @BeforeAll
  void deploy() throws IOException {
    rehearsal = new Rehearsal(emulator());
    emulator = rehearsal.emulator();
    moto = rehearsal.aws();
    proxy = rehearsal.proxy();
    ssm = rehearsal.ssm();
    named =
        NamedServer.builder()
            .tsigKey(SyncHarness.KEY, "hmac-sha256", SECRET)
            .zone(CORP, Samples.sample("corp.example.zone"))
            .zone(REVERSE, Samples.sample("10.in-addr.arpa.zone"))
            .zone(MSDCS, Samples.sample("_msdcs.corp.example.zone"))
            .allowTransferWithoutKey(true) // AD zones transfer without TSIG (tsig: none)
            .start();
    corpZoneId = emulator.createPrivateHostedZone(CORP);
    reverseZoneId = emulator.createPrivateHostedZone(REVERSE);
    secretArn = rehearsal.createTsigSecret(SyncHarness.KEY, SECRET);
    rehearsal.deploy(rehearsalConfig());
    deployment = rehearsal.deployment();
  }

  @AfterAll
  void tearDown() throws IOException {
    if (named != null) {
      named.close();
    }
    if (rehearsal != null) {
      rehearsal.close();
    }
  }

  @AfterEach
  void stopFunction() {
    if (function != null) {
      function.close();
      function = null;
    }
  }

  /** samples/zonesync.yaml with only what differs per account replaced, plus the AD zone. */
  private String rehearsalConfig() throws IOException {
    ObjectNode root = (ObjectNode) YAML.readTree(Samples.sample("zonesync.yaml").toFile());
    ((ObjectNode) root.path("tsigKeys").get(0).path("secret")).put("secretsManagerArn", secretArn);
    ArrayNode zones = (ArrayNode) root.path("zones");
    for (JsonNode z : zones) {
      ObjectNode zone = (ObjectNode) z;
      String name = zone.path("name").asText();
      zone.put("hostedZoneId", name.equals(CORP) ? corpZoneId : reverseZoneId);
      zone.putArray("masters").add(named.hostPort());
    }
    // The README's "Adding an Active Directory-integrated zone": two source zones, one hosted zone.
    ObjectNode ad = zones.addObject();
    ad.put("name", MSDCS);
    ad.put("hostedZoneId", corpZoneId);
    ad.put("hostedZoneName", CORP);
    ad.putArray("masters").add(named.hostPort());
    ad.put("tsig", "none");
    ObjectNode d = (ObjectNode) root.path("deployment");
    d.put("account", secretArn.split(":")[4]); // the emulator's account, from the secret's ARN
    return YAML.writeValueAsString(root);
  }

  private LambdaRuntimeEmulator start() {
    return rehearsal.start();
  }

  private Invocation invoke(String eventFile) throws IOException {
    return rehearsal.invoke(function, Files.readString(Samples.event(eventFile)));
  }

  private static Map<String, String> statuses(Invocation r) {
    assertThat(r.isError()).as("invocation failed: %s", r.body()).isFalse();
    Map<String, String> out = new TreeMap<>();
    for (JsonNode z : r.json().path("zones")) {
      out.put(z.path("zone").asText(), z.path("status").asText());
    }
    return out;
  }

  private void record(String payload, Invocation r) {
    rehearsal.record(payload, r);
  }

  private static final java.util.regex.Pattern FULL_AT =
      java.util.regex.Pattern.compile(" full=(\\d+)[ \"]");

  /**
   * Each source zone's marker time of its last full reconcile ({@code full=}, Unix seconds), read
   * from the emulator by the tests' own reader.
   */
  private Map<String, Long> reconcileTimes() {
    Map<String, Long> out = new TreeMap<>();
    for (String zoneId : List.of(corpZoneId, reverseZoneId)) {
      for (ResourceRecordSet r : moto.listAll(zoneId)) {
        String name = Route53TextReader.name(r.name());
        if (r.type() == RRType.TXT && name.startsWith("_zonesync.")) {
          String value = Route53TextReader.value("TXT", r.resourceRecords().get(0).value());
          java.util.regex.Matcher m = FULL_AT.matcher(value);
          assertThat(m.find()).as("full= in %s", value).isTrue();
          out.put(name.substring("_zonesync.".length()), Long.parseLong(m.group(1)));
        }
      }
    }
    assertThat(out.keySet()).containsExactlyInAnyOrder(CORP, REVERSE, MSDCS);
    return out;
  }

  /** Waits (polling) until the wall clock is in a later second than every one of {@code times}. */
  private static void awaitASecondAfter(java.util.Collection<Long> times) {
    long latest = times.stream().mapToLong(Long::longValue).max().orElseThrow();
    long giveUp = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    while (java.time.Instant.now().getEpochSecond() <= latest) {
      assertThat(System.nanoTime())
          .as("the clock reached the second after %d", latest)
          .isLessThan(giveUp);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * The marker names the last invocation's ChangeResourceRecordSets requests wrote, one per
   * request, after checking that each request holds exactly one change: an UPSERT of a marker.
   */
  private List<String> markersWritten() {
    List<String> out = new ArrayList<>();
    for (WireCall c : proxy.calls("ChangeResourceRecordSets")) {
      List<WireCall.Change> changes = c.changeBatch().orElseThrow().changes();
      assertThat(changes).as("one request, one change").hasSize(1);
      WireCall.Change ch = changes.get(0);
      assertThat(ch.action()).isEqualTo("UPSERT");
      assertThat(ch.type()).isEqualTo("TXT");
      out.add(Route53TextReader.name(ch.name()));
    }
    assertThat(proxy.countsByOperation().keySet())
        .containsOnly("ListResourceRecordSets", "ChangeResourceRecordSets");
    return out;
  }

  /** The hosted zone's SOA serial, read from this rehearsal's emulator. */
  private long hostedSerial(String zoneId) {
    return moto.listAll(zoneId).stream()
        .filter(r -> r.type() == RRType.SOA)
        .map(
            r ->
                Long.parseLong(
                    Route53TextReader.value("SOA", r.resourceRecords().get(0).value())
                        .split(" ")[2]))
        .findFirst()
        .orElseThrow();
  }

  /** Route 53 in the golden-file format, each hosted zone's own apex NS and SOA left out. */
  private List<String> mirror(String zoneId, String apex) {
    return SyncHarness.mirrorLines(moto, zoneId, apex);
  }

  @Test
  @Order(1)
  void template_runsTheContractsHandlerOnJava21FromSsmPath() {
    assertThat(deployment.handler()).isEqualTo(FunctionContract.HANDLER);
    assertThat(deployment.runtime()).isEqualTo("java21");
    assertThat(deployment.environment())
        .containsEntry("ZONESYNC_CONFIG", "ssm-path:/zonesync/config");
    assertThat(rehearsal.parameters()).isNotEmpty();
    assertThat(rehearsal.parameters().keySet()).allMatch(n -> n.startsWith("/zonesync/config/"));
    assertThat(deployment.codeAsset()).isRegularFile();
  }

  @Test
  @Order(2)
  void everyPayload_underTheRuntime_syncsAsTheReadmeSays() throws IOException {
    function = start();

    Invocation all = invoke("sync-all.json");
    // the JVM: Java 21 as the template's runtime says, with the template's JAVA_TOOL_OPTIONS
    System.out.println(LambdaJvm.assertRunsOnJava21(all));
    assertThat(all.lines())
        .contains(
            "Picked up JAVA_TOOL_OPTIONS: " + deployment.environment().get("JAVA_TOOL_OPTIONS"));
    assertThat(statuses(all))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(CORP, "APPLIED", REVERSE, "APPLIED", MSDCS, "APPLIED"));
    record("sync-all.json (first)", all);
    List<String> corpAndAd = new ArrayList<>(SyncHarness.golden("corp.example.mirror"));
    corpAndAd.addAll(SyncHarness.golden("_msdcs.corp.example.mirror"));
    assertThat(mirror(corpZoneId, CORP)).containsExactlyInAnyOrderElementsOf(corpAndAd);
    assertThat(mirror(reverseZoneId, REVERSE))
        .containsExactlyInAnyOrderElementsOf(SyncHarness.golden("10.in-addr.arpa.mirror"));
    assertThat(hostedSerial(corpZoneId)).isEqualTo(named.soaSerial(CORP));

    // stdout as CloudWatch Logs gets it: JSON log events, with one summary line per zone (what the
    // stack's saved Logs Insights queries read), one EMF document for the function (what the
    // stack's fixed alarms watch) and one per zone configured metrics: detailed (corp.example. in
    // the sample)
    assertThat(all.logEvents()).allSatisfy(e -> assertThat(e.has("level")).isTrue());
    assertThat(all.logEvents())
        .filteredOn(e -> e.path("status").asText().equals("APPLIED"))
        .extracting(e -> e.path("zone").asText())
        .containsExactlyInAnyOrder(CORP, REVERSE, MSDCS);
    assertThat(all.logEvents())
        .filteredOn(e -> e.has("outcome"))
        .allSatisfy(
            e -> {
              assertThat(e.path("outcome").asText()).isEqualTo("APPLIED");
              assertThat(e.path("succeeded").asText()).isEqualTo("1");
              assertThat(e.path("changes").asInt()).isPositive();
              assertThat(e.path("route53Calls").asInt()).isPositive();
            })
        .extracting(e -> e.path("zone").asText())
        .containsExactlyInAnyOrder(CORP, REVERSE, MSDCS);
    assertThat(all.logEvents())
        .allSatisfy(e -> assertThat(e.path("service").asText()).isEqualTo("zonesync"));
    assertThat(all.emfDocuments())
        .filteredOn(e -> e.has(MetricNames.ZONE_DIMENSION))
        .extracting(e -> e.path(MetricNames.ZONE_DIMENSION).asText())
        .containsExactly(CORP);
    int calls = 0;
    for (JsonNode z : all.json().path("zones")) {
      calls += z.path("apiCalls").path("total").asInt();
    }
    int expectedCalls = calls;
    assertThat(all.emfDocuments())
        .filteredOn(e -> !e.has(MetricNames.ZONE_DIMENSION))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path(MetricNames.FUNCTION_DIMENSION).asText())
                  .isEqualTo("zonesync-Function-Rehearsal");
              assertThat(e.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions"))
                  .hasToString("[[\"Function\"]]");
              assertThat(e.path(MetricNames.ZONES_APPLIED).asInt()).isEqualTo(3);
              for (String zero :
                  List.of(
                      MetricNames.ZONES_UP_TO_DATE,
                      MetricNames.ZONES_FAILED,
                      MetricNames.ZONES_REJECTED,
                      MetricNames.ZONES_PARTIAL,
                      MetricNames.ZONES_NOT_STARTED)) {
                assertThat(e.has(zero)).as(zero).isTrue();
                assertThat(e.path(zero).asInt()).as(zero).isZero();
              }
              assertThat(e.path(MetricNames.RUNS_COMPLETED).asInt()).isEqualTo(1);
              assertThat(e.path(MetricNames.ROUTE53_CALLS).asInt()).isEqualTo(expectedCalls);
              assertThat(e.path(MetricNames.RECORDS_CREATED).asInt()).isPositive();
              assertThat(e.path(MetricNames.SYNC_DURATION).asLong()).isPositive();
              // The engine's first runs know no full reconcile yet: nothing is overdue.
              assertThat(e.path(MetricNames.FULL_RECONCILE_OVERDUE).asDouble()).isZero();
            });
    assertThat(all.emfDocuments())
        .allSatisfy(
            e ->
                assertThat(
                        e.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
                    .isEqualTo(MetricNames.NAMESPACE));

    Invocation zone = invoke("sync-zone.json");
    assertThat(statuses(zone)).containsExactlyEntriesOf(Map.of(CORP, "UP_TO_DATE"));
    // README: an unchanged zone costs 1 Route 53 call
    assertThat(proxy.countsByOperation())
        .containsExactlyEntriesOf(Map.of("ListResourceRecordSets", 1));
    record("sync-zone.json", zone);

    // a dry run of a zone Route 53 already holds at the master's serial has nothing to plan
    Invocation dry = invoke("dry-run.json");
    assertThat(statuses(dry)).containsExactlyEntriesOf(Map.of(CORP, "UP_TO_DATE"));
    assertThat(proxy.countsByOperation())
        .containsExactlyEntriesOf(Map.of("ListResourceRecordSets", 1));
    assertThat(dry.emfDocuments()).as("dry runs publish no metrics").isEmpty();
    record("dry-run.json", dry);

    // A forced run reconciles in full and records its time (Unix seconds) in the marker. The
    // function runs on the wall clock, so the test waits until that second differs from the one
    // the marker holds: the run must then write the marker, and nothing else.
    Map<String, Long> beforeForced = reconcileTimes();
    awaitASecondAfter(beforeForced.values());
    Invocation forced = invoke("force-sync.json");
    assertThat(statuses(forced)).containsExactlyEntriesOf(Map.of(CORP, "UP_TO_DATE"));
    JsonNode forcedChanges = forced.json().path("zones").get(0).path("changes");
    assertThat(
            List.of(
                forcedChanges.path("create").asLong(),
                forcedChanges.path("update").asLong(),
                forcedChanges.path("delete").asLong()))
        .containsExactly(0L, 0L, 0L);
    assertThat(markersWritten()).containsExactly("_zonesync." + CORP);
    Map<String, Long> afterForced = reconcileTimes();
    assertThat(afterForced.get(CORP)).isGreaterThan(beforeForced.get(CORP));
    assertThat(afterForced)
        .containsEntry(REVERSE, beforeForced.get(REVERSE))
        .containsEntry(MSDCS, beforeForced.get(MSDCS));
    record("force-sync.json", forced);

    awaitASecondAfter(afterForced.values());
    Invocation full = invoke("full-reconcile.json");
    assertThat(statuses(full).keySet()).containsExactlyInAnyOrder(CORP, REVERSE, MSDCS);
    assertThat(statuses(full).values()).allMatch(s -> s.equals("UP_TO_DATE"));
    // nothing to change; each source zone's marker records the reconcile's time: one request each
    assertThat(markersWritten())
        .containsExactlyInAnyOrder(
            "_zonesync." + CORP, "_zonesync." + REVERSE, "_zonesync." + MSDCS);
    assertThat(reconcileTimes())
        .allSatisfy((z, at) -> assertThat(at).as(z).isGreaterThan(afterForced.get(z)));
    record("full-reconcile.json", full);

    Invocation scheduled = invoke("scheduled-event.json");
    assertThat(statuses(scheduled))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(CORP, "UP_TO_DATE", REVERSE, "UP_TO_DATE", MSDCS, "UP_TO_DATE"));
    // three unchanged zones: one marker read each
    assertThat(proxy.countsByOperation())
        .containsExactlyEntriesOf(Map.of("ListResourceRecordSets", 3));
    record("scheduled-event.json", scheduled);

    // and a change on the master arrives by IXFR on the next scheduled run
    named.nsupdate(
        "zone " + CORP + "\nupdate add rehearsal.corp.example. 300 A 192.0.2.99\nsend\n");
    Invocation changed = invoke("scheduled-event.json");
    assertThat(statuses(changed))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(CORP, "APPLIED", REVERSE, "UP_TO_DATE", MSDCS, "UP_TO_DATE"));
    // README: a small change costs 1 call when the same warm container wrote the marker (this
    // function's full reconcile above did), plus one read for each unchanged zone
    assertThat(proxy.countsByOperation())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("ChangeResourceRecordSets", 1, "ListResourceRecordSets", 2));
    assertThat(changed.json().path("zones"))
        .filteredOn(z -> z.path("zone").asText().equals(CORP))
        .first()
        .satisfies(z -> assertThat(z.path("transfer").asText()).isEqualTo("IXFR"));
    assertThat(mirror(corpZoneId, CORP)).contains("rehearsal.corp.example. A 300 192.0.2.99");
    record("scheduled-event.json (after nsupdate)", changed);

    // What the Scheduler sends: every schedule's input in the synthesized nested stacks, each
    // zone in exactly one of them.
    List<String> viaSchedules = new ArrayList<>();
    for (String input : scheduleInputs()) {
      Invocation run = rehearsal.invoke(function, input);
      assertThat(statuses(run).values()).as(input).allMatch(st -> st.equals("UP_TO_DATE"));
      assertThat(proxy.countsByOperation())
          .as(input)
          .containsExactlyEntriesOf(Map.of("ListResourceRecordSets", statuses(run).size()));
      run.json().path("zones").forEach(z -> viaSchedules.add(z.path("zone").asText()));
      record("schedule input " + input, run);
    }
    assertThat(viaSchedules).containsExactlyInAnyOrder(CORP, REVERSE, MSDCS);
  }

  /** The Target.Input of every schedule in the cloud assembly (all in nested templates here). */
  private List<String> scheduleInputs() {
    List<SynthesizedDeployment.Schedule> schedules = deployment.schedules();
    assertThat(schedules)
        .as("schedules, all in the nested templates")
        .isNotEmpty()
        .allMatch(s -> s.template().endsWith(".nested.template.json"));
    return schedules.stream().map(SynthesizedDeployment.Schedule::input).toList();
  }

  @Test
  @Order(3)
  void driftByHand_whereTheMasterThenChanges_endsAsTheMaster() throws IOException {
    String name = "mail1." + CORP;
    // somebody edits the RRset in Route 53 by hand...
    moto.client()
        .changeResourceRecordSets(
            b ->
                b.hostedZoneId(corpZoneId)
                    .changeBatch(
                        c ->
                            c.changes(
                                ch ->
                                    ch.action(ChangeAction.UPSERT)
                                        .resourceRecordSet(
                                            rr ->
                                                rr.name(name)
                                                    .type(RRType.A)
                                                    .ttl(3600L)
                                                    .resourceRecords(
                                                        v -> v.value("192.0.2.250"))))));
    // ...and then the master changes it
    named.nsupdate(
        "zone "
            + CORP
            + "\nupdate delete "
            + name
            + " A\nupdate add "
            + name
            + " 3600 A 192.0.2.27\nsend\n");
    function = start();
    Invocation r = invoke("scheduled-event.json");

    assertThat(statuses(r))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(CORP, "APPLIED", REVERSE, "UP_TO_DATE", MSDCS, "UP_TO_DATE"));
    JsonNode corp = zoneReport(r, CORP);
    assertThat(corp.path("attempted").toString()).as(corp.toString()).contains("\"IXFR\"");
    // every path ends with the master's RRset where a change touches (README, How a sync works)
    assertThat(mirror(corpZoneId, CORP))
        .contains(name + " A 3600 192.0.2.27")
        .noneMatch(l -> l.contains("192.0.2.250"));
    record("scheduled-event.json (drift by hand, then a master change)", r);

    // What only Route 53's DELETE check makes true: the one optimistic request (DELETE of exactly
    // the old RRset) is refused, and the run reads the touched RRset, finds the drift and
    // reconciles the zone in full (an AXFR).
    if (emulator.strictDeletes()) {
      assertThat(corp.path("path").asText()).as(corp.toString()).isEqualTo("optimistic-refused");
      assertThat(corp.path("drift").asBoolean()).isTrue();
      assertThat(corp.path("reason").asText()).contains("drift");
      assertThat(corp.path("transfer").asText()).isEqualTo("AXFR");
      assertThat(proxy.calls("ChangeResourceRecordSets"))
          .first()
          .satisfies(
              c -> {
                assertThat(c.status()).isEqualTo(400);
                assertThat(c.responseBody()).contains("InvalidChangeBatch");
              });
    } else {
      System.out.println(
          emulator.name()
              + ": skipped the assertions that need Route 53's DELETE check (a DELETE of values"
              + " the RRset no longer holds is refused, so the optimistic request is refused and"
              + " the drift found): this emulator checks DELETEs against its journal of past"
              + " changes. Here the run took path="
              + corp.path("path").asText()
              + ", reason: "
              + corp.path("reason").asText());
    }
  }

  private static JsonNode zoneReport(Invocation r, String zone) {
    for (JsonNode z : r.json().path("zones")) {
      if (z.path("zone").asText().equals(zone)) {
        return z;
      }
    }
    throw new AssertionError("no report for " + zone + " in " + r.body());
  }

  @Test
  @Order(4)
  void parameterEditedByHand_failsTheInvocationVisiblyAndChangesNothing() throws IOException {
    String first = rehearsal.parameters().firstKey();
    String original = rehearsal.parameters().get(first);
    ssm.putParameter(
        b ->
            b.name(first)
                .value(original.replace("\"version\":1", "\"version\":1,\"defualts\":{}"))
                .type(ParameterType.STRING)
                .overwrite(true));
    List<String> before = mirror(corpZoneId, CORP);
    try {
      function = start();
      Invocation r = invoke("scheduled-event.json");

      assertThat(r.isError()).as(r.body()).isTrue();
      assertThat(r.json().path("errorMessage").asText())
          .contains("SSM path /zonesync/config")
          .contains("unknown key 'defualts'");
      assertThat(r.emfDocuments())
          .as("the ConfigurationErrors metric the stack's alarm watches")
          .anySatisfy(
              e -> {
                assertThat(e.path(MetricNames.CONFIGURATION_ERRORS).asDouble()).isEqualTo(1.0);
                assertThat(e.path(MetricNames.FUNCTION_DIMENSION).asText())
                    .isEqualTo("zonesync-Function-Rehearsal");
              });
      assertThat(r.logEvents())
          .anySatisfy(
              e -> {
                assertThat(e.path("level").asText()).isEqualTo("ERROR");
                assertThat(e.path("message").asText()).contains("defualts");
              });
      assertThat(proxy.countsByOperation()).doesNotContainKey("ChangeResourceRecordSets");
      assertThat(mirror(corpZoneId, CORP)).containsExactlyInAnyOrderElementsOf(before);
      record("scheduled-event.json (parameter broken by hand)", r);
    } finally {
      ssm.putParameter(
          b -> b.name(first).value(original).type(ParameterType.STRING).overwrite(true));
    }
  }

  @Test
  @Order(5)
  void tsigSecretDeleted_failsTheZoneVisiblyAndChangesNothing() throws IOException {
    List<String> before = mirror(corpZoneId, CORP);
    try (SecretsManagerClient sm = secretsManager()) {
      sm.deleteSecret(b -> b.secretId(secretArn).forceDeleteWithoutRecovery(true));
    }
    function = start();
    Invocation r = invoke("force-sync.json"); // forces a transfer, which needs the key

    assertThat(statuses(r)).containsExactlyEntriesOf(Map.of(CORP, "FAILED"));
    assertThat(r.json().path("zones").get(0).path("error").asText())
        .contains(SyncHarness.KEY)
        .contains(secretArn);
    assertThat(r.emfDocuments())
        .anySatisfy(
            e -> assertThat(e.path(MetricNames.CONFIGURATION_ERRORS).asDouble()).isEqualTo(1.0));
    assertThat(r.logEvents())
        .anySatisfy(
            e -> {
              assertThat(e.path("level").asText()).isEqualTo("ERROR");
              assertThat(e.path("message").asText()).contains(secretArn);
            });
    assertThat(proxy.countsByOperation()).doesNotContainKey("ChangeResourceRecordSets");
    assertThat(mirror(corpZoneId, CORP)).containsExactlyInAnyOrderElementsOf(before);
    record("force-sync.json (TSIG secret deleted)", r);
  }

  private SecretsManagerClient secretsManager() {
    return rehearsal.secretsManager();
  }
}
