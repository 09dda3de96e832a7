package dev.zonesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.testing.FaultRig;
import dev.zonesync.testing.IndependentMirror;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.MotoServer.DeleteMatch;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.SyncHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;

/**
 * The optimistic path against a real named and moto (with the Route 53 change validation of
 * docs/development.md): a small change costs one request when this engine wrote the marker and two
 * from a cold start, nothing read at the touched names; drift of every shape at a touched RRset
 * makes Route 53 refuse the request, and the same run reconciles the zone.
 *
 * <p>Whether Route 53 compares a DELETE's values with the stored ones as text or as parsed data is
 * not settled publicly, and the optimistic DELETE must pass under both: the cases run against a
 * stand-in of each reading ({@link MotoServer.DeleteMatch}), in {@link OptimisticPathTextDeletesIT}
 * and {@link OptimisticPathDataDeletesIT} ({@code -Dit.test='OptimisticPath*IT'}).
 */
abstract class OptimisticPathIT {

  @RegisterExtension final FaultRig rig;
  private final DeleteMatch deleteMatch;

  private NamedServer named;
  private Route53Proxy proxy;
  private String zoneId;
  private Engine engine;

  OptimisticPathIT(DeleteMatch deleteMatch) {
    this.deleteMatch = deleteMatch;
    rig = FaultRig.sampleZone().on(() -> MotoServer.reading(deleteMatch));
  }

  @BeforeEach
  void setUp() {
    named = rig.named();
    proxy = rig.proxy();
    zoneId = rig.zoneId();
    assertThat(rig.moto().options().map(MotoServer.Options::deleteMatch)).contains(deleteMatch);
    engine = newEngine();
    ZoneReport initial = sync(engine);
    assertThat(initial.status()).as(initial.error()).isEqualTo(Status.APPLIED);
    proxy.clear();
  }

  /** A new engine: what a cold Lambda container builds. */
  private Engine newEngine() {
    return SyncHarness.engine(
        SyncHarness.sampleZoneConfig(zoneId, named.hostPort(), SyncHarness.SECRET_ENV),
        rig.secret(),
        proxy.endpoint());
  }

  private static ZoneReport sync(Engine e) {
    return SyncHarness.run(e, SyncOptions.DEFAULT, Duration.ofMinutes(2));
  }

  private void assertMirrorsTheMaster() {
    assertThat(IndependentMirror.hosted(SyncHarness.ZONE, rig.moto().listAll(zoneId)))
        .isEqualTo(SyncHarness.masterMirror(zoneId, named.hostPort(), rig.secret()));
  }

  private static final String SMALL_CHANGE =
      "update delete www.corp.example. A 192.0.2.12\n"
          + "update add www.corp.example. 3600 A 192.0.2.13\n"
          + "update add fresh.corp.example. 300 A 192.0.2.77\n"
          + "update delete ipv6only.corp.example. AAAA\n"
          + "send\n";

  @Test
  void unchangedZone_costsOneRead() {
    ZoneReport r = sync(newEngine());
    assertThat(r.status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(r.path()).isEqualTo("serial-check");
    assertThat(proxy.countsByOperation())
        .containsExactlyInAnyOrderEntriesOf(Map.of("ListResourceRecordSets", 1));
  }

  @Test
  void smallChange_byTheEngineThatWroteTheMarker_costsOneRequest() {
    named.nsupdate(SMALL_CHANGE);

    ZoneReport r = sync(engine);

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.transfer()).isEqualTo(TransferKind.IXFR);
    assertThat(r.path()).isEqualTo("optimistic");
    assertThat(r.reads()).isEqualTo("none");
    assertThat(r.changes()).isEqualTo(new ZoneReport.Counts(1, 1, 1));
    assertThat(proxy.countsByOperation())
        .containsExactlyInAnyOrderEntriesOf(Map.of("ChangeResourceRecordSets", 1));
    assertMirrorsTheMaster();
    proxy.clear();
    assertThat(sync(engine).status()).isEqualTo(Status.UP_TO_DATE);
    assertThat(proxy.countsByOperation())
        .containsExactlyInAnyOrderEntriesOf(Map.of("ListResourceRecordSets", 1));
  }

  @Test
  void smallChange_fromAColdStart_costsTheMarkerReadAndOneRequest() {
    named.nsupdate(SMALL_CHANGE);

    ZoneReport r = sync(newEngine());

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.path()).isEqualTo("optimistic");
    assertThat(proxy.countsByOperation())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("ListResourceRecordSets", 1, "ChangeResourceRecordSets", 1));
    assertMirrorsTheMaster();
  }

  /**
   * RRsets whose values need escapes, as the master sends them (RFC 1035 {@code \ddd} decimal
   * escapes; Route 53 writes {@code \ooo} octal ones): added, synced, then changed on the master.
   * The change's optimistic DELETE must repeat the value Route 53 holds.
   */
  static Stream<Arguments> escapedChanges() {
    return Stream.of(
        Arguments.of(
            "TXT with UTF-8 bytes",
            "update add utf8.corp.example. 3600 TXT \"caf\\195\\169\"\n",
            "update delete utf8.corp.example. TXT\n"
                + "update add utf8.corp.example. 3600 TXT \"cr\\195\\168me br\\195\\187l\\195\\169e\"\n"),
        Arguments.of(
            "TXT with a quote and a backslash",
            "update add esc.corp.example. 3600 TXT \"say \\\"hi\\\" in C:\\\\temp\"\n",
            "update delete esc.corp.example. TXT\n"
                + "update add esc.corp.example. 3600 TXT \"say \\\"bye\\\" in D:\\\\tmp\"\n"),
        Arguments.of(
            "CNAME to a name with an escaped byte",
            "update add pointer.corp.example. 3600 CNAME spaced\\032name.corp.example.\n",
            "update delete pointer.corp.example. CNAME\n"
                + "update add pointer.corp.example. 3600 CNAME caf\\195\\169.corp.example.\n"));
  }

  /** The escaped RRset added on the master and synced; then changed on the master. */
  private void addThenChange(String add, String change) {
    named.nsupdate(add + "send\n");
    ZoneReport added = sync(engine);
    assertThat(added.status()).as(added.error()).isEqualTo(Status.APPLIED);
    assertMirrorsTheMaster();
    named.nsupdate(change + "send\n");
    proxy.clear();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escapedChanges")
  void escapedValueChange_byTheEngineThatWroteTheMarker_staysOptimistic(
      String what, String add, String change) {
    addThenChange(add, change);

    ZoneReport r = sync(engine);

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    // on failure, the request as sent shows what the engine predicted Route 53 holds
    assertThat(r.path())
        .as("reason: %s; first request: %s", r.reason(), proxy.changeBatches().stream().findFirst())
        .isEqualTo("optimistic");
    assertThat(proxy.countsByOperation())
        .containsExactlyInAnyOrderEntriesOf(Map.of("ChangeResourceRecordSets", 1));
    assertMirrorsTheMaster();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escapedChanges")
  void escapedValueChange_fromAColdStart_staysOptimistic(String what, String add, String change) {
    addThenChange(add, change);

    ZoneReport r = sync(newEngine());

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    // on failure, the request as sent shows what the engine predicted Route 53 holds
    assertThat(r.path())
        .as("reason: %s; first request: %s", r.reason(), proxy.changeBatches().stream().findFirst())
        .isEqualTo("optimistic");
    assertThat(proxy.countsByOperation())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("ListResourceRecordSets", 1, "ChangeResourceRecordSets", 1));
    assertMirrorsTheMaster();
  }

  /** Drift made in the hosted zone before the run, at an RRset the master's change touches. */
  static Stream<Arguments> drift() {
    return Stream.of(
        Arguments.of(
            "a value missing",
            (Consumer<OptimisticPathIT>)
                t -> t.upsert("www.corp.example.", "A", 3600, "192.0.2.10", "192.0.2.11")),
        Arguments.of(
            "an extra value",
            (Consumer<OptimisticPathIT>)
                t ->
                    t.upsert(
                        "www.corp.example.",
                        "A",
                        3600,
                        "192.0.2.10",
                        "192.0.2.11",
                        "192.0.2.12",
                        "198.51.100.99")),
        Arguments.of(
            "a TTL that differs",
            (Consumer<OptimisticPathIT>)
                t ->
                    t.upsert(
                        "www.corp.example.", "A", 60, "192.0.2.10", "192.0.2.11", "192.0.2.12")),
        Arguments.of(
            "the RRset absent",
            (Consumer<OptimisticPathIT>)
                t ->
                    t.change(
                        ChangeAction.DELETE,
                        "www.corp.example.",
                        "A",
                        3600,
                        "192.0.2.10",
                        "192.0.2.11",
                        "192.0.2.12")),
        Arguments.of(
            "an RRset present that should not be",
            (Consumer<OptimisticPathIT>)
                t -> t.upsert("fresh.corp.example.", "A", 300, "198.51.100.7")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drift")
  void drift_atATouchedRRset_isRefusedAndReconciledInTheSameRun(
      String shape, Consumer<OptimisticPathIT> drift) {
    drift.accept(this);
    named.nsupdate(SMALL_CHANGE);
    proxy.clear();

    ZoneReport r = sync(engine);

    assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
    assertThat(r.path()).isEqualTo("optimistic-refused");
    assertThat(r.drift()).isTrue();
    assertThat(r.reason()).contains("Route 53 refused the optimistic request");
    assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
    assertMirrorsTheMaster();
    proxy.clear();
    ZoneReport next = sync(engine);
    assertThat(next.status()).isEqualTo(Status.UP_TO_DATE);
  }

  private void upsert(String name, String type, long ttl, String... values) {
    change(ChangeAction.UPSERT, name, type, ttl, values);
  }

  private void change(ChangeAction action, String name, String type, long ttl, String... values) {
    List<ResourceRecord> rr = new ArrayList<>();
    for (String v : values) {
      rr.add(ResourceRecord.builder().value(v).build());
    }
    rig.moto()
        .client()
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
                                                s.name(name)
                                                    .type(type)
                                                    .ttl(ttl)
                                                    .resourceRecords(rr)))));
  }
}
