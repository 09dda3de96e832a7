package dev.zonesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.testing.FaultRig;
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
 */
class OptimisticPathIT {

  @RegisterExtension static final FaultRig RIG = FaultRig.sampleZone();

  private NamedServer named;
  private Route53Proxy proxy;
  private String zoneId;
  private Engine engine;

  @BeforeEach
  void setUp() {
    named = RIG.named();
    proxy = RIG.proxy();
    zoneId = RIG.zoneId();
    engine = newEngine();
    ZoneReport initial = sync(engine);
    assertThat(initial.status()).as(initial.error()).isEqualTo(Status.APPLIED);
    proxy.clear();
  }

  /** A new engine: what a cold Lambda container builds. */
  private Engine newEngine() {
    return SyncHarness.engine(
        SyncHarness.sampleZoneConfig(zoneId, named.hostPort(), SyncHarness.SECRET_ENV),
        RIG.secret(),
        proxy.endpoint());
  }

  private static ZoneReport sync(Engine e) {
    return SyncHarness.run(e, SyncOptions.DEFAULT, Duration.ofMinutes(2));
  }

  private void assertMirrorsTheMaster() {
    assertThat(SyncHarness.hostedData(zoneId))
        .isEqualTo(SyncHarness.masterMirror(zoneId, named.hostPort(), RIG.secret()));
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
    SyncHarness.moto()
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
