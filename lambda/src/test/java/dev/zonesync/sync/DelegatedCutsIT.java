package dev.zonesync.sync;

import static dev.zonesync.testing.TwoCutsZone.BRANCH;
import static dev.zonesync.testing.TwoCutsZone.BRANCH_MIRRORED;
import static dev.zonesync.testing.TwoCutsZone.LAB;
import static dev.zonesync.testing.TwoCutsZone.LAB_AS_RECORDED;
import static dev.zonesync.testing.TwoCutsZone.LAB_WARNING;
import static dev.zonesync.testing.TwoCutsZone.MSDCS_LINES;
import static dev.zonesync.testing.TwoCutsZone.OUTSIDE_CUTS;
import static dev.zonesync.testing.TwoCutsZone.corp;
import static dev.zonesync.testing.TwoCutsZone.marker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.app.DnsSourceFactory;
import dev.zonesync.app.EmfMetrics;
import dev.zonesync.app.Engines;
import dev.zonesync.config.ConfigException;
import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.LocalSecretResolver;
import dev.zonesync.config.Route53Settings;
import dev.zonesync.contract.MetricNames;
import dev.zonesync.model.Deadline;
import dev.zonesync.route53.Route53Clients;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.TwoCutsZone;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Delegations (zone cuts) against a real named and moto's Route 53. corp.example. has two cuts:
 * {@code branch} (listed in {@code delegations}, {@code zoneCuts: delegate}; NS targets in
 * bailiwick with A/AAAA glue and one out of bailiwick) and {@code lab} (covered by nothing), plus
 * {@code _msdcs}, a child zone mirrored into the same hosted zone. Every expectation below is
 * written by hand from the zone texts: the hosted zone's content as the tests' own reader prints it
 * ({@link SyncHarness#mirrorLines}), the warning's text, the skipped entries, the call counts.
 */
class DelegatedCutsIT {

  private static final String ZONE = TwoCutsZone.ZONE;
  private static final String MSDCS = TwoCutsZone.MSDCS;

  private static MotoServer moto;
  private static Route53Proxy proxy;
  private static Route53Client route53;

  private final String secret = NamedServer.generateTsigSecret();
  private NamedServer named;
  private String zoneId;

  // ------------------------------------------------------------------------------------------
  // set-up

  @BeforeAll
  static void emulator() {
    moto = MotoServer.shared();
    proxy = Route53Proxy.in(moto);
    route53 =
        Route53Clients.create(
            Route53Settings.DEFAULT.withEndpoint(proxy.endpoint()),
            StaticCredentialsProvider.create(MotoServer.DUMMY_CREDENTIALS));
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @BeforeEach
  void master() {
    named = TwoCutsZone.start(secret);
    zoneId = moto.createPrivateHostedZone(ZONE);
  }

  @AfterEach
  void stop() {
    named.close();
  }

  /** corp.example. in delegate mode with {@code cutKeys}, _msdcs into the same hosted zone. */
  private String config(String... cutKeys) {
    return TwoCutsZone.config(zoneId, named.hostPort(), "S", cutKeys);
  }

  private String branchDelegated() {
    return config("delegations: [branch.corp.example.]");
  }

  private Engine engine(String yaml) {
    return Engines.create(
        ConfigParser.parse(yaml, "it"),
        route53,
        new DnsSourceFactory(new LocalSecretResolver(Map.of("S", secret), null)));
  }

  /** One run of every zone; the corp.example. report first. */
  private static RunReport runAll(Engine e, SyncOptions o) {
    proxy.clear();
    RunReport r = e.run(List.of(), o, Deadline.after(Duration.ofMinutes(1)));
    assertThat(r.zones()).extracting(ZoneReport::zone).containsExactly(ZONE, MSDCS);
    return r;
  }

  private static ZoneReport corpOf(RunReport r) {
    return r.zones().get(0);
  }

  private List<String> hosted() {
    return SyncHarness.mirrorLines(zoneId);
  }

  private static List<String> unresolved(ZoneReport z) {
    return z.warnings() == null
        ? List.of()
        : z.warnings().stream()
            .filter(w -> w.code().equals(WarningCodes.UNRESOLVED_CUT))
            .map(ZoneReport.Warning::message)
            .toList();
  }

  /** The function-level EMF document the app writes for this run (the handler's and the CLI's). */
  private static JsonNode functionDocument(RunReport r) {
    List<String> docs = EmfMetrics.documents(r, "zonesync-it", z -> false, 1);
    assertThat(docs).hasSize(1);
    try {
      return new ObjectMapper().readTree(docs.get(0));
    } catch (IOException e) {
      throw new AssertionError(docs.get(0), e);
    }
  }

  private static long unresolvedCutsMetric(RunReport r) {
    JsonNode doc = functionDocument(r);
    assertThat(doc.has(MetricNames.UNRESOLVED_CUTS)).as(doc.toString()).isTrue();
    return doc.path(MetricNames.UNRESOLVED_CUTS).asLong();
  }

  private void serve(long serial, String branch, String lab) {
    named.replaceZone(ZONE, TwoCutsZone.corp(serial, branch, lab));
  }

  /** The report fields the closing note quotes, the Route 53 content and the metric. */
  private void print(String title, RunReport run) {
    ZoneReport z = corpOf(run);
    StringBuilder sb = new StringBuilder("=== ").append(title).append('\n');
    sb.append("status=")
        .append(z.status())
        .append(" path=")
        .append(z.path())
        .append(" transfer=")
        .append(z.transfer())
        .append(" attempted=")
        .append(z.attempted())
        .append(" serial ")
        .append(z.previousSerial())
        .append(" -> ")
        .append(z.sourceSerial())
        .append('\n');
    sb.append("reason: ").append(z.reason()).append('\n');
    sb.append("changes: ").append(z.changes()).append('\n');
    if (z.plan() != null) {
      for (ZoneReport.PlannedChange c : z.plan()) {
        sb.append("  ")
            .append(c.action())
            .append(' ')
            .append(c.name())
            .append(' ')
            .append(c.type())
            .append(c.values() == null ? "" : " " + c.values())
            .append(c.oldValues() == null ? "" : " (was " + c.oldValues() + ")")
            .append('\n');
      }
    }
    sb.append("apiCalls: ").append(z.apiCalls()).append('\n');
    sb.append("route53 wire calls (both zones): ").append(proxy.countsByOperation()).append('\n');
    if (z.skipped() != null) {
      for (ZoneReport.SkippedEntry s : z.skipped()) {
        if (s.reason().equals("ZONE_CUT") || s.reason().equals("OTHER_SOURCE")) {
          sb.append("  skipped ")
              .append(s.name())
              .append(' ')
              .append(s.type())
              .append(' ')
              .append(s.reason())
              .append(": ")
              .append(s.detail())
              .append('\n');
        }
      }
    }
    if (z.warnings() != null) {
      for (ZoneReport.Warning w : z.warnings()) {
        sb.append("  warning ").append(w.code()).append(": ").append(w.message()).append('\n');
      }
    }
    sb.append("metric UnresolvedCuts = ").append(unresolvedCutsMetric(run)).append('\n');
    sb.append("Route 53 (apex NS/SOA left out):\n");
    hosted().stream().sorted().forEach(l -> sb.append("  ").append(l).append('\n'));
    System.out.print(sb);
  }

  // ------------------------------------------------------------------------------------------
  // 1. the first (full) sync

  @Test
  void firstSync_mirrorsTheDelegatedCutsNsAndGlueOnly_andWarnsOfTheCutNothingResolves() {
    RunReport run = runAll(engine(branchDelegated()), SyncOptions.DEFAULT);
    print("first sync", run);
    ZoneReport z = corpOf(run);

    assertThat(run.zones()).extracting(ZoneReport::status).containsOnly(Status.APPLIED);
    assertThat(z.path()).isEqualTo("full");
    assertThat(hosted()).containsExactlyInAnyOrderElementsOf(TwoCutsZone.firstSync());
    assertThat(unresolved(z)).containsExactly(LAB_WARNING);
    assertThat(z.warnings()).extracting(ZoneReport.Warning::code).containsOnly("UNRESOLVED_CUT");
    // every record at and below the cuts that is not mirrored keeps its skip entry
    assertThat(z.skipped())
        .filteredOn(s -> s.reason().equals("ZONE_CUT") || s.reason().equals("OTHER_SOURCE"))
        .extracting(s -> tuple(s.name(), s.type(), s.reason(), s.detail()))
        .containsExactlyInAnyOrder(
            tuple(
                "_msdcs.corp.example.",
                "NS",
                "OTHER_SOURCE",
                "belongs to source zone _msdcs.corp.example."),
            tuple(
                "branch.corp.example.",
                "DS",
                "ZONE_CUT",
                "at the zone cut branch.corp.example. (parent-side delegation data)"),
            below("host.branch", "branch"),
            tuple(
                "lab.corp.example.",
                "NS",
                "ZONE_CUT",
                "delegation of lab.corp.example.: not mirrored (zoneCuts: delegate with"
                    + " lab.corp.example. in delegations mirrors it for a Resolver DELEGATE"
                    + " rule)"),
            below("ns1.lab", "lab"),
            below("ns2.lab", "lab"),
            below("build.lab", "lab"),
            below("ci.lab", "lab"),
            below("git.lab", "lab"),
            below("wiki.lab", "lab"));
    assertThat(unresolvedCutsMetric(run)).isEqualTo(1);
    assertThat(functionDocument(run).path("unresolvedCutZones").toString())
        .isEqualTo("[\"corp.example.\"]");
    // the _msdcs zone's records answer there, never an NS that would hide them
    assertThat(corpOf(run).plan())
        .noneMatch(
            c ->
                c.name().equals("_msdcs.corp.example.") || c.name().endsWith(".lab.corp.example."));
  }

  private static org.assertj.core.groups.Tuple below(String name, String cut) {
    return tuple(
        name + ".corp.example.",
        "A",
        "ZONE_CUT",
        "below the zone cut " + cut + ".corp.example. (glue or data of the delegated zone)");
  }

  @Test
  void aChildZoneOfTheSameHostedZone_listedInDelegations_isRefusedNamingTheField() {
    assertThatThrownBy(
            () -> ConfigParser.parse(config("delegations: [_msdcs.corp.example.]"), "it"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("zones[0] (corp.example.).delegations[0]")
        .hasMessageContaining("_msdcs.corp.example. is mirrored into the same hosted zone")
        .hasMessageContaining("remove it from delegations");
  }

  // ------------------------------------------------------------------------------------------
  // 2. changes at the delegated cut follow the master exactly

  @Test
  void changesAtTheDelegatedCut_nsTargetsAndGlue_areFollowedExactly() {
    Engine e = engine(branchDelegated());
    RunReport before = runAll(e, SyncOptions.DEFAULT);
    assertThat(corpOf(before).status()).isEqualTo(Status.APPLIED);
    print("before the change at branch (serial 2026120101)", before);

    // an NS target added (ns2, glue A), the partner's removed, ns1's glue address changed
    serve(
        2026120102L,
        """
        branch      IN NS   ns1.branch
                    IN NS   ns2.branch
                    IN DS   12345 13 2 2BB183AF5F22588179A53B0A98631FAD1A292118A2B7C0E2F30A69B0A89C4A8B
        ns1.branch  IN A    10.1.0.153
                    IN AAAA 2001:db8:1::53
        ns2.branch  IN A    10.1.0.54
        host.branch IN A    10.1.0.80
        """,
        LAB);
    RunReport after = runAll(e, SyncOptions.DEFAULT);
    print("after the change at branch (serial 2026120102)", after);
    ZoneReport z = corpOf(after);

    assertThat(z.status()).as(z.error()).isEqualTo(Status.APPLIED);
    assertThat(z.path()).isEqualTo("full");
    assertThat(z.transfer()).isEqualTo(TransferKind.AXFR);
    assertThat(z.attempted()).containsExactly(TransferKind.IXFR, TransferKind.AXFR);
    assertThat(z.reason()).contains("branch.corp.example.");
    assertThat(z.changes()).isEqualTo(new ZoneReport.Counts(1, 2, 0));
    assertThat(hosted())
        .containsExactlyInAnyOrderElementsOf(
            TwoCutsZone.concat(
                OUTSIDE_CUTS,
                List.of(
                    "branch.corp.example. NS 3600 ns1.branch.corp.example. | ns2.branch.corp.example.",
                    "ns1.branch.corp.example. A 3600 10.1.0.153",
                    "ns1.branch.corp.example. AAAA 3600 2001:db8:1::53",
                    "ns2.branch.corp.example. A 3600 10.1.0.54",
                    marker(2026120102L, 6, "branch", "_msdcs,branch,lab")),
                MSDCS_LINES));
    assertThat(unresolved(z)).containsExactly(LAB_WARNING);
    assertThat(unresolvedCutsMetric(after)).isEqualTo(1);
    // a full sync: the whole hosted zone read (one page), one change batch
    assertThat(z.apiCalls())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("ListResourceRecordSets", 1, "ChangeResourceRecordSets", 1, "total", 2));

    // ns1 is no longer a name server of branch: its glue goes, though the master keeps it
    serve(
        2026120103L,
        """
        branch      IN NS   ns2.branch
        ns1.branch  IN A    10.1.0.153
                    IN AAAA 2001:db8:1::53
        ns2.branch  IN A    10.1.0.54
        """,
        LAB);
    RunReport third = runAll(e, SyncOptions.DEFAULT);
    print("ns1.branch no longer a name server (serial 2026120103)", third);
    ZoneReport t = corpOf(third);
    assertThat(t.status()).as(t.error()).isEqualTo(Status.APPLIED);
    assertThat(t.path()).isEqualTo("full");
    assertThat(t.changes()).isEqualTo(new ZoneReport.Counts(0, 1, 2));
    assertThat(hosted())
        .containsExactlyInAnyOrderElementsOf(
            TwoCutsZone.concat(
                OUTSIDE_CUTS,
                List.of(
                    "branch.corp.example. NS 3600 ns2.branch.corp.example.",
                    "ns2.branch.corp.example. A 3600 10.1.0.54",
                    marker(2026120103L, 4, "branch", "_msdcs,branch,lab")),
                MSDCS_LINES));
    assertThat(t.skipped())
        .filteredOn(s -> s.name().endsWith("branch.corp.example."))
        .extracting(s -> tuple(s.name(), s.type(), s.reason()))
        .containsExactlyInAnyOrder(
            tuple("ns1.branch.corp.example.", "A", "ZONE_CUT"),
            tuple("ns1.branch.corp.example.", "AAAA", "ZONE_CUT"));
  }

  // ------------------------------------------------------------------------------------------
  // 3. a change elsewhere keeps today's call count

  @Test
  void changeElsewhere_isTheOptimisticPath_oneRequest() {
    Engine e = engine(branchDelegated());
    assertThat(corpOf(runAll(e, SyncOptions.DEFAULT)).status()).isEqualTo(Status.APPLIED);
    named.replaceZone(ZONE, corp(2026120102L, BRANCH, LAB).replace("192.0.2.10", "192.0.2.11"));

    RunReport run = runAll(e, SyncOptions.DEFAULT);
    print("a change elsewhere (www)", run);
    ZoneReport z = corpOf(run);

    assertThat(z.status()).as(z.error()).isEqualTo(Status.APPLIED);
    assertThat(z.path()).isEqualTo("optimistic");
    assertThat(z.transfer()).isEqualTo(TransferKind.IXFR);
    assertThat(z.changes()).isEqualTo(new ZoneReport.Counts(0, 1, 0));
    assertThat(z.apiCalls())
        .containsExactlyInAnyOrderEntriesOf(Map.of("ChangeResourceRecordSets", 1, "total", 1));
    // a run that reads no zone still names the cut nothing resolves, from the marker's cuts=
    assertThat(unresolved(z)).containsExactly(LAB_AS_RECORDED);
    assertThat(unresolvedCutsMetric(run)).isEqualTo(1);
    assertThat(hosted())
        .containsExactlyInAnyOrderElementsOf(
            TwoCutsZone.concat(
                List.of(
                    "ns1.corp.example. A 3600 192.0.2.53", "www.corp.example. A 3600 192.0.2.11"),
                BRANCH_MIRRORED,
                MSDCS_LINES,
                List.of(marker(2026120102L, 5, "branch", "_msdcs,branch,lab"))));
  }

  // ------------------------------------------------------------------------------------------
  // 4. data below the cut stays skipped; the cut's removal removes its NS and glue

  @Test
  void nameBelowTheDelegatedCut_staysSkipped_andTheCutsRemoval_removesItsNsAndGlue() {
    Engine e = engine(branchDelegated());
    assertThat(corpOf(runAll(e, SyncOptions.DEFAULT)).status()).isEqualTo(Status.APPLIED);

    serve(2026120102L, BRANCH + "printer.branch IN A 10.1.0.90\n", LAB);
    RunReport added = runAll(e, SyncOptions.DEFAULT);
    print("a name added below branch (not glue)", added);
    ZoneReport a = corpOf(added);
    assertThat(a.status()).as(a.error()).isEqualTo(Status.APPLIED);
    assertThat(a.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 0));
    assertThat(a.skipped())
        .extracting(s -> tuple(s.name(), s.type(), s.reason()))
        .contains(tuple("printer.branch.corp.example.", "A", "ZONE_CUT"));
    assertThat(hosted())
        .containsExactlyInAnyOrderElementsOf(
            TwoCutsZone.concat(
                OUTSIDE_CUTS,
                BRANCH_MIRRORED,
                MSDCS_LINES,
                List.of(marker(2026120102L, 5, "branch", "_msdcs,branch,lab"))));

    serve(2026120103L, "", LAB);
    RunReport gone = runAll(e, SyncOptions.DEFAULT);
    print("branch's delegation removed on the master", gone);
    ZoneReport g = corpOf(gone);
    assertThat(g.status()).as(g.error()).isEqualTo(Status.APPLIED);
    assertThat(g.path()).isEqualTo("full");
    assertThat(g.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 3));
    assertThat(hosted())
        .containsExactlyInAnyOrderElementsOf(
            TwoCutsZone.concat(
                OUTSIDE_CUTS, MSDCS_LINES, List.of(marker(2026120103L, 2, null, "_msdcs,lab"))));
    assertThat(unresolved(g)).containsExactly(LAB_WARNING);
  }

  // ------------------------------------------------------------------------------------------
  // 5. the configuration decides which cuts are covered and mirrored

  @Test
  void configuration_resolvedElsewhereSilencesTheWarning_delegationsMirrorOnTheNextRun() {
    RunReport first = runAll(engine(branchDelegated()), SyncOptions.DEFAULT);
    assertThat(unresolved(corpOf(first))).containsExactly(LAB_WARNING);
    assertThat(unresolvedCutsMetric(first)).isEqualTo(1);

    // lab resolved by something else (a FORWARD rule): the next full run warns of nothing
    Engine elsewhere =
        engine(
            config(
                "delegations: [branch.corp.example.]", "resolvedElsewhere: [lab.corp.example.]"));
    RunReport unchanged = runAll(elsewhere, SyncOptions.DEFAULT);
    assertThat(corpOf(unchanged).status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(corpOf(unchanged).path()).isEqualTo("serial-check");
    assertThat(corpOf(unchanged).warnings()).isNull();
    assertThat(unresolvedCutsMetric(unchanged)).isZero();
    RunReport quiet = runAll(elsewhere, SyncOptions.FULL);
    print("lab in resolvedElsewhere (a full run)", quiet);
    assertThat(corpOf(quiet).status()).as(corpOf(quiet).error()).isEqualTo(Status.UP_TO_DATE);
    assertThat(corpOf(quiet).path()).isEqualTo("full");
    assertThat(corpOf(quiet).changes()).isEqualTo(new ZoneReport.Counts(0, 0, 0));
    assertThat(corpOf(quiet).warnings()).isNull();
    assertThat(unresolvedCutsMetric(quiet)).isZero();

    // lab delegated too: the marker's delegated=branch no longer matches, so the next run is full
    // although the master's serial did not move
    Engine both = engine(config("delegations: [branch.corp.example., lab.corp.example.]"));
    RunReport mirrored = runAll(both, SyncOptions.DEFAULT);
    print("lab added to delegations", mirrored);
    ZoneReport m = corpOf(mirrored);
    assertThat(m.status()).as(m.error()).isEqualTo(Status.APPLIED);
    assertThat(m.path()).isEqualTo("full");
    assertThat(m.reason())
        .contains(
            "the delegations to mirror changed in the configuration (mirrored:"
                + " [branch.corp.example.], now: [branch.corp.example., lab.corp.example.])");
    assertThat(m.changes()).isEqualTo(new ZoneReport.Counts(3, 0, 0));
    assertThat(m.warnings()).isNull();
    assertThat(unresolvedCutsMetric(mirrored)).isZero();
    List<String> lab =
        List.of(
            "lab.corp.example. NS 3600 ns1.lab.corp.example. | ns2.lab.corp.example.",
            "ns1.lab.corp.example. A 3600 10.2.0.53",
            "ns2.lab.corp.example. A 3600 10.2.0.54");
    assertThat(hosted())
        .containsExactlyInAnyOrderElementsOf(
            TwoCutsZone.concat(
                OUTSIDE_CUTS,
                BRANCH_MIRRORED,
                lab,
                MSDCS_LINES,
                List.of(marker(2026120101L, 8, "branch,lab", "_msdcs,branch,lab"))));
    assertThat(corpOf(runAll(both, SyncOptions.DEFAULT)).status()).isEqualTo(Status.UP_TO_DATE);

    // branch no longer delegated: its NS and glue leave the hosted zone, and the cut is reported
    Engine labOnly = engine(config("delegations: [lab.corp.example.]"));
    RunReport dropped = runAll(labOnly, SyncOptions.DEFAULT);
    print("branch removed from delegations", dropped);
    ZoneReport d = corpOf(dropped);
    assertThat(d.status()).as(d.error()).isEqualTo(Status.APPLIED);
    assertThat(d.path()).isEqualTo("full");
    assertThat(d.changes()).isEqualTo(new ZoneReport.Counts(0, 0, 3));
    assertThat(hosted())
        .containsExactlyInAnyOrderElementsOf(
            TwoCutsZone.concat(
                OUTSIDE_CUTS,
                lab,
                MSDCS_LINES,
                List.of(marker(2026120101L, 5, "lab", "_msdcs,branch,lab"))));
    assertThat(unresolved(d))
        .containsExactly(
            "branch.corp.example. is delegated on the master (to ns.partner.example.,"
                + " ns1.branch.corp.example.) and nothing resolves it in the VPC: every name of"
                + " that child zone answers NXDOMAIN there (2 name(s) below it in corp.example.:"
                + " host.branch.corp.example., ns1.branch.corp.example.). Cover it: `zoneCuts:"
                + " delegate` with `delegations: [branch.corp.example.]` (and deployment.resolver"
                + " for its Resolver DELEGATE rule), mirror branch.corp.example. as a zone of its"
                + " own, or list it in `resolvedElsewhere` if a FORWARD rule or another zone"
                + " resolves it");
    assertThat(unresolvedCutsMetric(dropped)).isEqualTo(1);
  }

  // ------------------------------------------------------------------------------------------
  // 6. zonesync plan prints the warning with the configuration that would cover it

  @Test
  void planCommand_printsTheUnresolvedCutWithTheConfigurationThatWouldCoverIt()
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("zonesync-plan-");
    Path config = dir.resolve("zonesync.yaml");
    Files.writeString(config, branchDelegated());

    String first = plan(config, dir);
    assertThat(first).contains("  warning UNRESOLVED_CUT: " + LAB_WARNING + "\n");
    assertThat(hosted()).as("plan changes nothing").isEmpty();

    // once synced, the zone is up to date: plan reads the marker only, and still says it
    assertThat(corpOf(runAll(engine(branchDelegated()), SyncOptions.DEFAULT)).status())
        .isEqualTo(Status.APPLIED);
    String later = plan(config, dir);
    assertThat(later)
        .contains("UP_TO_DATE")
        .contains("  warning UNRESOLVED_CUT: " + LAB_AS_RECORDED + "\n");
  }

  /** {@code java -jar zonesync.jar plan --config F} (the shaded jar {@code package} built). */
  private String plan(Path config, Path dir) throws IOException, InterruptedException {
    Path jar = dev.zonesync.Samples.projectRoot().resolve("lambda/target/zonesync.jar");
    assertThat(jar).as("built by package, before failsafe runs").isRegularFile();
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar.toString(),
            "plan",
            "--config",
            config.toString(),
            "--color",
            "never");
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("ZONESYNC_"));
    env.put("S", secret);
    env.put(MotoServer.ENDPOINT_ENV, moto.endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", MotoServer.DUMMY_CREDENTIALS.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", MotoServer.DUMMY_CREDENTIALS.secretAccessKey());
    env.put("AWS_REGION", "us-east-1");
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("zonesync plan did not finish in 60 s");
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    System.out.println("=== zonesync plan --config zonesync.yaml\n" + stdout);
    assertThat(p.exitValue()).as(Files.readString(err)).isZero();
    return stdout;
  }
}
