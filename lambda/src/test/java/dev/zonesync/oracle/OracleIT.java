package dev.zonesync.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.app.DnsSourceFactory;
import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.LocalSecretResolver;
import dev.zonesync.config.Settings;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.model.Deadline;
import dev.zonesync.route53.ChangeApplier;
import dev.zonesync.route53.HostedZoneReader;
import dev.zonesync.route53.MeteredCalls;
import dev.zonesync.route53.Route53Clients;
import dev.zonesync.sync.Status;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.sync.ZoneSynchronizer;
import dev.zonesync.testing.FaultRule;
import dev.zonesync.testing.HttpFault;
import dev.zonesync.testing.IndependentMirror;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.MovableClock;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The differential oracle with real parts (docs/development.md, "The differential oracle"): a
 * dynamic zone on a real {@code named} changed by {@code nsupdate} (several updates between runs: a
 * multi-version IXFR), moto's Route 53 behind a recording proxy, two engines wired as production
 * wires them (on a clock the test moves), drift made with direct SDK calls to moto. After every run
 * the hosted zone is compared with the master's mirror by {@link IndependentMirror} (a {@code kdig}
 * AXFR and BIND's {@code named-compilezone}, never zonesync's code), but for drift no change has
 * touched; each RRset must end as it was or as the master has it; the marker and SOA serial must be
 * honest; small changes must cost what the README says; and the zone must converge.
 *
 * <p>Scripted histories, one per shape; the {@code fixed_*} ones are the engine faults the unit
 * oracle found (fixed since). {@link OracleTextDeletesIT} and {@link OracleDataDeletesIT} run them
 * against a stand-in of each DELETE reading. Journal loss and failing master queries are left to
 * the unit oracle (named cannot be made to forget its journal or to fail single queries on cue).
 */
abstract class OracleIT {

  /** The stand-in for this class: DELETE values read as text or as parsed data. */
  private final MotoServer moto;

  OracleIT(MotoServer.DeleteMatch deleteMatch) {
    this.moto = MotoServer.reading(deleteMatch);
  }

  private static final String Z = "oracle.example.";
  private static final String KEY = "zonesync-transfer.";
  private static final String SECRET_ENV = "ZS_ORACLE_SECRET";
  private static final String CHANGE = "ChangeResourceRecordSets";
  private static final String LIST = "ListResourceRecordSets";

  /** The master's first version: every type, escapes, a wildcard and the names it covers. */
  private static String zoneText() {
    StringBuilder z = new StringBuilder();
    z.append("$ORIGIN ").append(Z).append("\n$TTL 3600\n");
    z.append("@ IN SOA ns1 hostmaster 1000 3600 900 1209600 300\n");
    z.append("@ NS ns1\n@ NS ns2\nns1 A 192.0.2.53\nns2 A 192.0.2.54\n");
    z.append("@ MX 10 mail\n@ TXT \"v=spf1 -all\"\n@ CAA 0 issue \"ca.example.net\"\n");
    z.append("mail A 192.0.2.25\n");
    z.append("www 300 A 192.0.2.10\nwww 300 A 192.0.2.11\n");
    z.append("api 600 AAAA 2001:db8::1\n");
    z.append("alias 300 CNAME www\nswap 300 CNAME www\n");
    z.append("note 300 TXT \"caf\\195\\169 cr\\195\\168me; \\\"quoted\\\" \\\\ back\"\n");
    z.append("long 300 TXT \"").append("x".repeat(255)).append("\" \"").append("y".repeat(45));
    z.append("\"\n");
    z.append("_sip._tcp SRV 0 5 5060 sip\nsip A 192.0.2.60\n");
    z.append("*.w 300 A 192.0.2.7\n*.w 300 TXT \"wild\"\n");
    z.append("h1.w 300 A 192.0.2.1\nh2.w 300 A 192.0.2.2\n");
    z.append("ttl 300 A 192.0.2.90\n");
    for (int i = 10; i < 20; i++) {
      z.append("h").append(i).append(" 300 A 192.0.2.").append(100 + i).append('\n');
    }
    return z.toString();
  }

  private NamedServer named;
  private Route53Proxy proxy;
  private String zoneId;
  private String secret;
  private ZoneSettings zone;
  private MovableClock clock;
  private final ZoneSynchronizer[] engines = new ZoneSynchronizer[2];

  /** "owner TYPE" of drift the test made that no change has touched and no full run cleared. */
  private final Set<String> allowedDrift = new TreeSet<>();

  private final List<String> transcript = new ArrayList<>();

  @BeforeEach
  void setUp() {
    secret = NamedServer.generateTsigSecret();
    named =
        NamedServer.builder().tsigKey(KEY, "hmac-sha256", secret).zoneText(Z, zoneText()).start();
    proxy = Route53Proxy.in(moto);
    zoneId = moto.createPrivateHostedZone(Z);
    String yaml =
        "version: 1\ntsigKeys:\n  - name: "
            + KEY
            + "\n    secret: {env: "
            + SECRET_ENV
            + "}\nroute53: {requestsPerSecond: 50, burst: 50, minBatchTime: 300ms}\n"
            + "zones:\n  - name: "
            + Z
            + "\n    hostedZoneId: "
            + zoneId
            + "\n    masters: [\""
            + named.hostPort()
            + "\"]\n    tsig: "
            + KEY
            + "\n    timeouts: {query: 2s, transfer: 10s}\n";
    Settings settings = ConfigParser.parse(yaml, "oracle-it");
    zone = settings.zones().get(0);
    clock = new MovableClock(afterTheZonesSlot());
    for (int i = 0; i < engines.length; i++) {
      engines[i] = engine(settings);
    }
    ZoneReport first = run(0, SyncOptions.DEFAULT, "initial sync");
    assertThat(first.status()).as(first.error()).isEqualTo(Status.APPLIED);
  }

  @AfterEach
  void tearDown() {
    if (proxy != null) {
      proxy.close();
    }
    if (named != null) {
      named.close();
    }
  }

  /** As the Lambda function's composition root wires one, on the test's clock. */
  private ZoneSynchronizer engine(Settings settings) {
    var client =
        Route53Clients.create(
            settings.route53().withEndpoint(proxy.endpoint()),
            StaticCredentialsProvider.create(MotoServer.DUMMY_CREDENTIALS));
    return new ZoneSynchronizer(
        new HostedZoneReader(client),
        new ChangeApplier(client, settings.minBatchTime()),
        new MeteredCalls(),
        new DnsSourceFactory(new LocalSecretResolver(Map.of(SECRET_ENV, secret), null)),
        clock,
        settings.execution().unchangedCheckEvery());
  }

  /** A minute after the zone's daily full-reconcile slot (a CRC32 of its name, README). */
  private static Instant afterTheZonesSlot() {
    CRC32 crc = new CRC32();
    crc.update(Z.getBytes(StandardCharsets.ISO_8859_1));
    return Instant.now()
        .minusSeconds(Instant.now().getEpochSecond() % 86_400)
        .plusSeconds(crc.getValue() % 86_400 + 60 - 86_400);
  }

  // ---- the histories ----

  @Test
  void smallChanges_severalVersions_costOneRequestWarmAndTwoCold() {
    update("del www A 192.0.2.11", "add www 300 A 192.0.2.12", "add fresh 300 A 192.0.2.77");
    update("delset api AAAA", "add api 3600 AAAA 2001:db8::1", "delset h12 A");
    expect(run(0, SyncOptions.DEFAULT, "engine 0"), "optimistic", Map.of(CHANGE, 1));

    update("add fresh2 300 TXT \"plain text\"");
    expect(run(1, SyncOptions.DEFAULT, "cold engine 1"), "optimistic", Map.of(LIST, 1, CHANGE, 1));

    expect(run(1, SyncOptions.DEFAULT, "engine 1, unchanged"), "serial-check", Map.of(LIST, 1));
    converge();
  }

  @Test
  void driftOfEveryShape_whereTheNextChangeTouches_isRepairedInTheSameRun() {
    removeValue("www", "A", 300, List.of("192.0.2.10", "192.0.2.11"), "192.0.2.10");
    upsert("h10", "A", 300, "192.0.2.110", "10.99.0.1"); // an extra value
    upsert("api", "AAAA", 60, "2001:db8::1"); // another TTL
    delete("h11", "A", 300, "192.0.2.111"); // absent
    upsert("fresh", "A", 300, "10.99.0.2"); // present before the master has it
    update(
        "add www 300 A 192.0.2.12",
        "add h10 300 A 192.0.2.210",
        "delset api AAAA",
        "add api 600 AAAA 2001:db8::2",
        "del h11 A 192.0.2.111",
        "add fresh 300 A 192.0.2.77");

    ZoneReport r = run(0, SyncOptions.DEFAULT, "engine 0 after drift at touched RRsets");
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.drift()).isTrue();
    expect(run(0, SyncOptions.DEFAULT, "engine 0, unchanged"), "serial-check", Map.of(LIST, 1));
    converge();
  }

  @Test
  void driftWhereNoChangeTouches_staysUntilTheZonesFullReconcile() {
    upsert("h13", "A", 4242, "192.0.2.113");
    delete("h14", "A", 300, "192.0.2.114");
    upsert("x1", "A", 300, "10.99.0.3");
    allowedDrift.addAll(List.of("h13." + Z + " A", "h14." + Z + " A", "x1." + Z + " A"));
    update("add www 300 A 192.0.2.12");
    expect(run(0, SyncOptions.DEFAULT, "engine 0"), "optimistic", Map.of(CHANGE, 1));

    clock.advance(Duration.ofHours(24));
    ZoneReport full = run(0, SyncOptions.DEFAULT, "engine 0, full reconcile due");
    assertThat(full.path()).isEqualTo("full");
    assertThat(full.status()).as(full.error()).isEqualTo(Status.APPLIED);
    assertThat(allowedDrift).isEmpty();
    converge();
  }

  @Test
  void aLostResponse_leavesRoute53AtOneSide_andTheNextRunConverges() {
    update("add www 300 A 192.0.2.12", "add lost 300 A 192.0.2.99");
    proxy.addFault(FaultRule.nth(CHANGE, 1, HttpFault.serverError(500).afterForwarding()));
    run(0, SyncOptions.DEFAULT, "engine 0, the change request's response lost");
    proxy.clearFaults();
    update("add after 300 A 192.0.2.98");
    ZoneReport next = run(0, SyncOptions.DEFAULT, "engine 0 again");
    assertThat(next.status()).as(next.error()).isEqualTo(Status.APPLIED);
    converge();
  }

  @Test
  void twoEngines_aStaleBeliefCostsARefusalNeverAWrongZone() {
    update("add a1 300 A 192.0.2.81");
    run(0, SyncOptions.DEFAULT, "engine 0");
    update("add b1 300 A 192.0.2.82");
    run(1, SyncOptions.DEFAULT, "engine 1");
    update("add a2 300 A 192.0.2.83");
    ZoneReport stale = run(0, SyncOptions.DEFAULT, "engine 0, believing the marker it wrote");
    assertThat(stale.status()).as(stale.error()).isEqualTo(Status.APPLIED);
    converge();
  }

  @Test
  void dryRunsAndForcedAndFullRuns_changeNothingOrReconcile() {
    update("add d1 300 A 192.0.2.91");
    ZoneReport dry = run(1, SyncOptions.DRY_RUN, "engine 1, dry run");
    assertThat(dry.status()).isEqualTo(Status.DRY_RUN);
    upsert("x2", "A", 300, "10.99.0.4");
    allowedDrift.add("x2." + Z + " A");
    ZoneReport full = run(1, SyncOptions.FULL, "engine 1, full");
    assertThat(full.status()).as(full.error()).isEqualTo(Status.APPLIED);
    ZoneReport forced = run(0, SyncOptions.FORCED, "engine 0, forced");
    assertThat(forced.status()).as(forced.error()).isIn(Status.APPLIED, Status.UP_TO_DATE);
    converge();
  }

  // ---- the engine faults the unit oracle found, with real parts ----

  @Test
  void fixed_escapedTxtChanged_staysOptimistic() {
    update("delset note TXT", "add note 300 TXT \"caf\\195\\169 #2\"");
    expect(run(0, SyncOptions.DEFAULT, "engine 0"), "optimistic", Map.of(CHANGE, 1));
  }

  @Test
  void fixed_ttlChangedThenDeleted_isNoDrift() {
    update("delset ttl A", "add ttl 600 A 192.0.2.90");
    update("delset ttl A");
    expect(run(0, SyncOptions.DEFAULT, "engine 0"), "optimistic", Map.of(CHANGE, 1));
  }

  @Test
  void fixed_coveredNameDeleted_isNoDrift() {
    update("delset h1.w A");
    expect(run(0, SyncOptions.DEFAULT, "engine 0"), "optimistic", Map.of(CHANGE, 1));
  }

  /** Route 53 checks a CNAME conflict change by change (the stand-in's default reading). */
  @Test
  void fixed_cnameToASwap_isAcceptedChangeByChange() {
    update("delset swap CNAME", "add swap 300 A 192.0.2.95");
    expect(run(0, SyncOptions.DEFAULT, "engine 0"), "optimistic", Map.of(CHANGE, 1));
  }

  @Test
  void fixed_readPathKeepsAHandAddedValue() {
    upsert("www", "A", 300, "192.0.2.10", "192.0.2.11", "10.99.0.5");
    List<String> bulk = new ArrayList<>(List.of("add www 300 A 192.0.2.12"));
    for (int i = 0; i < 101; i++) {
      bulk.add("add bulk" + i + " 300 A 198.51.100." + (i + 1));
    }
    update(bulk.toArray(String[]::new));
    // the read path (> 100 RRsets) must see the drift: the run's checks say where Route 53 ends
    ZoneReport r = run(0, SyncOptions.DEFAULT, "engine 0, > 100 RRsets (read path)");
    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
  }

  @Test
  void fixed_rejectedFullReconcile_blocksTheMastersChanges() {
    for (int i = 0; i < 15; i++) {
      upsert("x" + i, "A", 300, "10.99.1." + (i + 1));
      allowedDrift.add("x" + i + "." + Z + " A");
    }
    clock.advance(Duration.ofHours(24));
    update("add arrives 300 A 192.0.2.97");
    run(0, SyncOptions.DEFAULT, "engine 0, full reconcile due");
    converge();
  }

  // ---- runs and checks ----

  private ZoneReport run(int e, SyncOptions options, String label) {
    Map<String, String> before = hosted();
    String markerBefore = marker();
    long master = named.soaSerial(Z);
    clock.advance(Duration.ofMinutes(5));
    proxy.clear();
    ZoneReport r = engines[e].sync(zone, options, Deadline.after(Duration.ofMinutes(2)));
    Map<String, Integer> calls = proxy.countsByOperation();
    Map<String, String> after = hosted();
    String markerAfter = marker();
    transcript.add(
        label
            + " -> "
            + r.status()
            + ", path "
            + r.path()
            + (Boolean.TRUE.equals(r.drift()) ? ", drift" : "")
            + ", "
            + calls
            + ", marker serial "
            + field(markerBefore, "serial")
            + " -> "
            + field(markerAfter, "serial")
            + " (master "
            + master
            + ")\n      reason: "
            + r.reason()
            + (r.error() == null ? "" : "\n      error: " + r.error()));
    String why = String.join("\n", transcript);
    Map<String, String> want = expected();
    if (!Objects.equals(field(markerAfter, "full"), field(markerBefore, "full"))) {
      allowedDrift.clear(); // a full reconcile committed: no drift may remain
    }
    if (options.effect() == dev.zonesync.sync.Effect.DRY_RUN) {
      assertThat(calls).as(why).doesNotContainKey(CHANGE);
      assertThat(after).as(why).isEqualTo(before);
      return r;
    }
    // each RRset as it was, or as the master has it: nothing half-applied
    Set<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    keys.addAll(want.keySet());
    for (String k : keys) {
      String a = after.get(k);
      assertThat(Objects.equals(a, before.get(k)) || Objects.equals(a, want.get(k)))
          .as(
              "%s ended as %s, neither %s nor the master's %s\n%s",
              k, a, before.get(k), want.get(k), why)
          .isTrue();
    }
    Long markerSerial = serial(field(markerAfter, "serial"));
    assertThat(soaSerial())
        .as("hosted SOA serial = marker serial\n%s", why)
        .isEqualTo(markerSerial);
    boolean moved = !Objects.equals(field(markerAfter, "serial"), field(markerBefore, "serial"));
    if (r.status() == Status.APPLIED || r.status() == Status.UP_TO_DATE || moved) {
      assertThat(markerSerial).as("marker at the master's serial\n%s", why).isEqualTo(master);
      assertThat(withoutAllowed(after)).as(why).isEqualTo(withoutAllowed(want));
    }
    return r;
  }

  /** README, "How a sync works": the path and the Route 53 calls a clean run takes. */
  private void expect(ZoneReport r, String path, Map<String, Integer> calls) {
    String why = String.join("\n", transcript);
    assertThat(r.path()).as("path\n%s", why).isEqualTo(path);
    assertThat(r.drift()).as("no drift\n%s", why).isNotEqualTo(Boolean.TRUE);
    assertThat(proxy.countsByOperation()).as("Route 53 calls\n%s", why).isEqualTo(calls);
  }

  /** A normal run, and if needed a full one, bring the master's data: the zone never stalls. */
  private void converge() {
    run(0, SyncOptions.DEFAULT, "converge: normal run");
    if (!converged()) {
      run(0, SyncOptions.FULL, "converge: full run");
    }
    assertThat(converged()).as("the zone stalls\n%s", String.join("\n", transcript)).isTrue();
  }

  private boolean converged() {
    return Objects.equals(serial(field(marker(), "serial")), named.soaSerial(Z))
        && withoutAllowed(hosted()).equals(withoutAllowed(expected()));
  }

  private Map<String, String> withoutAllowed(Map<String, String> lines) {
    Map<String, String> out = new TreeMap<>(lines);
    out.keySet().removeAll(allowedDrift);
    return out;
  }

  /** The master's mirror by the independent oracle, keyed by "owner TYPE". */
  private Map<String, String> expected() {
    return byKey(
        IndependentMirror.expected(Z, IndependentMirror.axfr(named.hostPort(), Z, KEY, secret)));
  }

  private Map<String, String> hosted() {
    return byKey(IndependentMirror.hosted(Z, moto.listAll(zoneId)));
  }

  private static Map<String, String> byKey(Set<String> lines) {
    Map<String, String> out = new TreeMap<>();
    for (String l : lines) {
      String[] f = l.split(" ", 5);
      out.put(f[0] + " " + f[3], l);
    }
    return out;
  }

  // ---- Route 53's raw bookkeeping, read without zonesync's parser ----

  private String marker() {
    for (ResourceRecordSet s : moto.listAll(zoneId)) {
      if (s.name().equals("_zonesync." + Z) && s.typeAsString().equals("TXT")) {
        return String.join(" ", s.resourceRecords().stream().map(ResourceRecord::value).toList());
      }
    }
    return null;
  }

  private Long soaSerial() {
    for (ResourceRecordSet s : moto.listAll(zoneId)) {
      if (s.name().equals(Z) && s.typeAsString().equals("SOA")) {
        return Long.parseLong(s.resourceRecords().get(0).value().trim().split("\\s+")[2]);
      }
    }
    return null;
  }

  private static String field(String marker, String name) {
    if (marker == null) {
      return null;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\b" + name + "=([^ \"]+)").matcher(marker);
    return m.find() ? m.group(1) : null;
  }

  private static Long serial(String s) {
    return s == null ? null : Long.valueOf(s);
  }

  // ---- the master's changes, and drift ----

  /**
   * One nsupdate message (one new version): {@code add NAME TTL TYPE VALUE}, {@code del NAME TYPE
   * VALUE}, {@code delset NAME TYPE}, names relative to the zone.
   */
  private void update(String... lines) {
    StringBuilder s = new StringBuilder("zone " + Z + "\n");
    for (String l : lines) {
      String[] f = l.split(" ", 2);
      String[] rest = f[1].split(" ", 2);
      String name = rest[0] + "." + Z;
      s.append(
              switch (f[0]) {
                case "add" -> "update add " + name + " " + rest[1];
                case "del" -> "update delete " + name + " " + rest[1];
                case "delset" -> "update delete " + name + " " + rest[1];
                default -> throw new IllegalArgumentException(l);
              })
          .append('\n');
    }
    s.append("send\n");
    named.nsupdate(s.toString());
    transcript.add("master serial " + named.soaSerial(Z) + ": " + String.join("; ", lines));
  }

  private void upsert(String name, String type, long ttl, String... values) {
    change(ChangeAction.UPSERT, name, type, ttl, values);
  }

  private void delete(String name, String type, long ttl, String... values) {
    change(ChangeAction.DELETE, name, type, ttl, values);
  }

  private void removeValue(String name, String type, long ttl, List<String> all, String value) {
    List<String> keep = new ArrayList<>(all);
    keep.remove(value);
    upsert(name, type, ttl, keep.toArray(String[]::new));
  }

  /** Drift made by hand, with an SDK call straight to moto (not through the counting proxy). */
  private void change(ChangeAction action, String name, String type, long ttl, String... values) {
    List<ResourceRecord> rr = new ArrayList<>();
    for (String v : values) {
      rr.add(ResourceRecord.builder().value(v).build());
    }
    moto.client()
        .changeResourceRecordSets(
            b ->
                b.hostedZoneId(zoneId)
                    .changeBatch(
                        cb ->
                            cb.changes(
                                c ->
                                    c.action(action)
                                        .resourceRecordSet(
                                            s ->
                                                s.name(name + "." + Z)
                                                    .type(type)
                                                    .ttl(ttl)
                                                    .resourceRecords(rr)))));
    transcript.add(
        "drift: "
            + action
            + " "
            + name
            + "."
            + Z
            + " "
            + type
            + " "
            + ttl
            + " "
            + String.join(" | ", values));
  }
}
