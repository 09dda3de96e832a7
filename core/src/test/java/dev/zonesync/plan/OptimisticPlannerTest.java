package dev.zonesync.plan;

import static dev.zonesync.plan.Fixtures.NS1;
import static dev.zonesync.plan.Fixtures.ZONE;
import static dev.zonesync.plan.Fixtures.hostedSoa;
import static dev.zonesync.plan.Fixtures.n;
import static dev.zonesync.plan.Fixtures.rr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetDelta;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.Soa;
import dev.zonesync.model.SoaTemplate;
import dev.zonesync.model.SyncMarker;
import dev.zonesync.model.ZoneDelta;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The optimistic request, change by change, for hand-written deltas and master answers: every
 * replaced or removed RRset a DELETE of exactly what zonesync wrote before, every new one a CREATE,
 * the marker a DELETE + CREATE, the SOA an UPSERT.
 */
class OptimisticPlannerTest {

  private static final SyncMarker MARKER =
      new SyncMarker(
          Serial.of(10), NS1, 100, Set.of(n("branch")), SoaTemplate.of(hostedSoa(10)), null);
  private static final HostedRRset MARKER_RECORD = Fixtures.hosted(MARKER.toRRset(ZONE));

  private final Map<RRsetKey, RRsetDelta.Builder> deltas = new HashMap<>();
  private final Map<RRsetKey, RRset> master = new HashMap<>();

  private RRsetDelta.Builder delta(String name, String type) {
    return deltas.computeIfAbsent(
        new RRsetKey(n(name), RrType.fromName(type)), k -> new RRsetDelta.Builder());
  }

  private void master(RRset r) {
    master.put(r.key(), r);
  }

  private OptimisticPlanner.Result plan() {
    Map<RRsetKey, RRsetDelta> built = new HashMap<>();
    deltas.forEach((k, b) -> built.put(k, b.build()));
    ZoneDelta d =
        new ZoneDelta(
            ZONE,
            Serial.of(10),
            new Soa(NS1, DnsName.of("hostmaster.corp.example."), Serial.of(11), 3600),
            built);
    return OptimisticPlanner.plan(
        d,
        MARKER,
        MARKER_RECORD,
        MARKER.soa().toHosted(ZONE, Serial.of(10)),
        master,
        OwnershipRules.defaults(ZONE),
        BatchLimits.ROUTE53);
  }

  private OptimisticPlanner.Ready ready() {
    OptimisticPlanner.Result r = plan();
    assertThat(r).isInstanceOf(OptimisticPlanner.Ready.class);
    return (OptimisticPlanner.Ready) r;
  }

  /** The request as {@code ACTION name TYPE ttl [values]} lines, in order. */
  private static List<String> lines(OptimisticPlanner.Ready r) {
    return r.batch().changes().stream()
        .map(
            c ->
                switch (c) {
                  case Change.Create cr -> "CREATE " + text(cr.desired());
                  case Change.Delete del ->
                      "DELETE " + text(del.current().asRRset()) + " " + del.current().exactValues();
                  case Change.Update u -> "UPSERT " + text(u.desired());
                })
        .toList();
  }

  private static String text(RRset r) {
    return r.name() + " " + r.type() + " " + r.ttl() + " " + r.values();
  }

  private static final String NEW_MARKER =
      "\"zonesync=1 serial=11 lineage=ns1.corp.example. rrsets=100\" \"soa=900"
          + " ns-2048.awsdns-64.net. hostmaster.example.com. 7200 900 1209600 86400\""
          + " \"cuts=branch\"";
  private static final String OLD_MARKER = NEW_MARKER.replace("serial=11", "serial=10");

  private static final List<String> COMMIT = commit(100);

  /** The commit when the zone manages {@code rrsets} RRsets afterwards. */
  private static List<String> commit(int rrsets) {
    return List.of(
        "UPSERT corp.example. SOA 900 [ns-2048.awsdns-64.net. hostmaster.example.com. 11 7200"
            + " 900 1209600 86400]",
        "DELETE _zonesync.corp.example. TXT 300 [" + OLD_MARKER + "] [" + OLD_MARKER + "]",
        "CREATE _zonesync.corp.example. TXT 300 ["
            + NEW_MARKER.replace("rrsets=100", "rrsets=" + rrsets)
            + "]");
  }

  @Test
  void plan_whenOneValueReplaced_deletesTheOldRRsetExactlyAndCreatesTheNew() {
    delta("www", "A").delete("192.0.2.1", 300);
    delta("www", "A").add("192.0.2.9", 300);
    master(rr("www", "A", 300, "192.0.2.9", "192.0.2.2"));

    OptimisticPlanner.Ready r = ready();

    assertThat(lines(r))
        .containsExactlyElementsOf(
            concat(
                List.of(
                    "DELETE www.corp.example. A 300 [192.0.2.1, 192.0.2.2] [192.0.2.1, 192.0.2.2]",
                    "CREATE www.corp.example. A 300 [192.0.2.2, 192.0.2.9]"),
                COMMIT));
    assertThat(r.plan().updates()).isEqualTo(1);
    assertThat(r.plan().creates()).isZero();
    assertThat(r.batch().commit()).isTrue();
  }

  @Test
  void plan_whenRRsetIsNew_createsItOnly() {
    delta("new", "A").add("192.0.2.200", 60);
    master(rr("new", "A", 60, "192.0.2.200"));

    assertThat(lines(ready()))
        .containsExactlyElementsOf(
            concat(List.of("CREATE new.corp.example. A 60 [192.0.2.200]"), commit(101)));
  }

  @Test
  void plan_whenRRsetIsGone_deletesExactlyWhatWasWritten() {
    delta("old", "TXT").delete("\"a\"", 600);
    delta("old", "TXT").delete("\"b\"", 600);

    assertThat(lines(ready()))
        .containsExactlyElementsOf(
            concat(
                List.of("DELETE old.corp.example. TXT 600 [\"a\", \"b\"] [\"a\", \"b\"]"),
                commit(99)));
  }

  @Test
  void plan_whenOnlyTtlChanged_deletesWithTheOldTtlAndCreatesWithTheNew() {
    delta("mail", "MX").delete("10 mx1.corp.example.", 300);
    delta("mail", "MX").add("10 mx1.corp.example.", 900);
    master(rr("mail", "MX", 900, "10 mx1.corp.example."));

    assertThat(lines(ready()))
        .containsExactlyElementsOf(
            concat(
                List.of(
                    "DELETE mail.corp.example. MX 300 [10 mx1.corp.example.] [10 mx1.corp.example.]",
                    "CREATE mail.corp.example. MX 900 [10 mx1.corp.example.]"),
                COMMIT));
  }

  @Test
  void plan_whenMasterAnswerLacksAnAddedValue_isNotApplicable() {
    delta("www", "A").add("192.0.2.9", 300);
    master(rr("www", "A", 300, "192.0.2.2"));

    assertThat(plan())
        .isInstanceOfSatisfying(
            OptimisticPlanner.NotApplicable.class,
            n -> assertThat(n.reason()).contains("www.corp.example. A").contains("lacks"));
  }

  @Test
  void plan_whenMasterStillHoldsADeletedValue_isNotApplicable() {
    delta("www", "A").delete("192.0.2.1", 300);
    master(rr("www", "A", 300, "192.0.2.1", "192.0.2.2"));

    assertThat(plan())
        .isInstanceOfSatisfying(
            OptimisticPlanner.NotApplicable.class,
            n -> assertThat(n.reason()).contains("still holds 192.0.2.1"));
  }

  @Test
  void plan_whenMasterTtlDiffersFromItsDifferences_isNotApplicable() {
    delta("www", "A").add("192.0.2.9", 300);
    master(rr("www", "A", 600, "192.0.2.9"));

    assertThat(plan()).isInstanceOf(OptimisticPlanner.NotApplicable.class);
  }

  @Test
  void plan_whenDelegationChanges_needsAFullSync() {
    delta("branch", "NS").add("ns9.corp.example.", 300);
    master(rr("branch", "NS", 300, "ns9.corp.example."));

    assertThat(plan()).isInstanceOf(OptimisticPlanner.NeedsFullSync.class);
  }

  @Test
  void plan_whenChangesExceedOneRequest_isNotApplicable() {
    for (int i = 0; i < 600; i++) {
      delta("h" + i, "A").add("192.0.2.1", 300);
      master(rr("h" + i, "A", 300, "192.0.2.1"));
    }
    for (int i = 0; i < 600; i++) {
      delta("g" + i, "A").delete("192.0.2.1", 300);
    }
    assertThat(plan())
        .isInstanceOfSatisfying(
            OptimisticPlanner.NotApplicable.class,
            n -> assertThat(n.reason()).contains("do not fit one request"));
  }

  @Test
  void plan_whenAnEscapedTxtIsReplaced_deletesItInTheTextZonesyncWroteIt() {
    // what the master sent and the model keeps: decimal escapes (caf\195\169 is "café" in UTF-8)
    delta("txt", "TXT").delete("\"caf\\195\\169\"", 300);
    delta("txt", "TXT").add("\"th\\195\\169\"", 300);
    master(rr("txt", "TXT", 300, "\"th\\195\\169\""));

    OptimisticPlanner.Ready r = ready();

    // what zonesync wrote, and Route 53 stores: the same bytes in octal escapes (0xC3 0xA9)
    assertThat(r.batch().changes())
        .filteredOn(c -> c.name().equals(n("txt")) && c instanceof Change.Delete)
        .extracting(c -> ((Change.Delete) c).current().exactValues())
        .containsExactly(List.of("\"caf\\303\\251\""));
  }

  @Test
  void plan_whenACnameBecomesAnA_sendsEveryDeleteBeforeAnyCreate() {
    delta("x", "CNAME").delete("www.corp.example.", 300);
    delta("x", "A").add("192.0.2.7", 300);
    master(rr("x", "A", 300, "192.0.2.7"));
    delta("a", "A").add("192.0.2.8", 300);
    master(rr("a", "A", 300, "192.0.2.8"));

    assertThat(lines(ready()))
        .containsExactlyElementsOf(
            concat(
                List.of(
                    "DELETE x.corp.example. CNAME 300 [www.corp.example.] [www.corp.example.]",
                    "CREATE a.corp.example. A 300 [192.0.2.8]",
                    "CREATE x.corp.example. A 300 [192.0.2.7]"),
                commit(101)));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
