package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/** The fake's validation switches, lost responses and hand-made drift. */
class FakeRoute53Test {

  private final FakeRoute53 route53 = new FakeRoute53();
  private String zoneId;

  @BeforeEach
  void setUp() {
    zoneId = route53.createZone("corp.example.");
  }

  private static ResourceRecordSet set(String name, String type, long ttl, String... values) {
    return ResourceRecordSet.builder()
        .name(name)
        .type(type)
        .ttl(ttl)
        .resourceRecords(
            java.util.Arrays.stream(values)
                .map(v -> ResourceRecord.builder().value(v).build())
                .toList())
        .build();
  }

  private static Change change(ChangeAction a, ResourceRecordSet s) {
    return Change.builder().action(a).resourceRecordSet(s).build();
  }

  private void send(Change... changes) {
    route53.changeResourceRecordSets(
        ChangeResourceRecordSetsRequest.builder()
            .hostedZoneId(zoneId)
            .changeBatch(b -> b.changes(changes))
            .build());
  }

  private List<String> values(String name, String type) {
    ResourceRecordSet s = route53.get(zoneId, name, type);
    return s == null ? null : s.resourceRecords().stream().map(ResourceRecord::value).toList();
  }

  // ---- DELETE: text or data ----

  @Test
  void deleteByText_needsTheStoredStringsInAnyOrderAndTheTtl() {
    route53.put(zoneId, set("a.corp.example.", "TXT", 300, "\"caf\\303\\251\"", "\"b\""));
    // Route 53's octal text is not the decimal text of the same bytes
    assertThatThrownBy(
            () ->
                send(
                    change(
                        ChangeAction.DELETE,
                        set("a.corp.example.", "TXT", 300, "\"caf\\195\\169\"", "\"b\""))))
        .isInstanceOf(InvalidChangeBatchException.class)
        .hasMessageContaining("the values provided do not match the current values");
    assertThatThrownBy(
            () ->
                send(
                    change(
                        ChangeAction.DELETE,
                        set("a.corp.example.", "TXT", 60, "\"b\"", "\"caf\\303\\251\""))))
        .hasMessageContaining("do not match");
    send(
        change(
            ChangeAction.DELETE, set("a.corp.example.", "TXT", 300, "\"b\"", "\"caf\\303\\251\"")));
    assertThat(values("a.corp.example.", "TXT")).isNull();
  }

  @Test
  void deleteByData_comparesRecordDataNotItsSpelling() {
    route53.deleteMatch(FakeRoute53.DeleteMatch.DATA);
    route53.put(zoneId, set("c.corp.example.", "CNAME", 300, "Target.Example.NET."));
    route53.put(zoneId, set("v6.corp.example.", "AAAA", 300, "2001:0db8:0:0:0:0:0:1"));
    route53.put(zoneId, set("t.corp.example.", "TXT", 300, "\"\\101b\""));
    send(
        change(ChangeAction.DELETE, set("c.corp.example.", "CNAME", 300, "target.example.net.")),
        change(ChangeAction.DELETE, set("v6.corp.example.", "AAAA", 300, "2001:db8::1")),
        change(ChangeAction.DELETE, set("t.corp.example.", "TXT", 300, "Ab")));
    assertThat(values("c.corp.example.", "CNAME")).isNull();
    assertThat(values("v6.corp.example.", "AAAA")).isNull();
    assertThat(values("t.corp.example.", "TXT")).isNull();
  }

  @Test
  void deleteByData_stillNeedsTheSameDataAndTtl_andReadsDecimalEscapesAsText() {
    route53.deleteMatch(FakeRoute53.DeleteMatch.DATA);
    route53.put(zoneId, set("a.corp.example.", "A", 300, "192.0.2.1"));
    route53.put(zoneId, set("t.corp.example.", "TXT", 300, "\"caf\\303\\251\""));
    assertThatThrownBy(
            () -> send(change(ChangeAction.DELETE, set("a.corp.example.", "A", 300, "192.0.2.2"))))
        .hasMessageContaining("do not match");
    assertThatThrownBy(
            () -> send(change(ChangeAction.DELETE, set("a.corp.example.", "A", 301, "192.0.2.1"))))
        .hasMessageContaining("do not match");
    // \195 is no octal escape: Route 53 cannot read it as the byte 0xC3
    assertThatThrownBy(
            () ->
                send(
                    change(
                        ChangeAction.DELETE,
                        set("t.corp.example.", "TXT", 300, "\"caf\\195\\169\""))))
        .hasMessageContaining("do not match");
    assertThat(FakeRoute53.dataOf("TXT", "\"caf\\303\\251\""))
        .isEqualTo(FakeRoute53.dataOf("TXT", "\"caf\\303\\251\""))
        .startsWith("wire:");
    assertThat(FakeRoute53.dataOf("A", "not an address")).isEqualTo("text:not an address");
  }

  // ---- CNAME conflicts: at the end of the batch, or change by change ----

  @Test
  void cnameCheckedAtTheEndOfTheBatch_acceptsEitherOrderOfASwap() {
    route53.put(zoneId, set("s.corp.example.", "CNAME", 300, "x.example.net."));
    send(
        change(ChangeAction.CREATE, set("s.corp.example.", "A", 300, "192.0.2.1")),
        change(ChangeAction.DELETE, set("s.corp.example.", "CNAME", 300, "x.example.net.")));
    assertThat(values("s.corp.example.", "A")).containsExactly("192.0.2.1");
    assertThat(values("s.corp.example.", "CNAME")).isNull();
  }

  @Test
  void cnameCheckedChangeByChange_refusesACreateNextToACnameTheBatchDeletesLater() {
    route53.cnameCheck(FakeRoute53.CnameCheck.PER_CHANGE);
    route53.put(zoneId, set("s.corp.example.", "CNAME", 300, "x.example.net."));
    assertThatThrownBy(
            () ->
                send(
                    change(ChangeAction.CREATE, set("s.corp.example.", "A", 300, "192.0.2.1")),
                    change(
                        ChangeAction.DELETE,
                        set("s.corp.example.", "CNAME", 300, "x.example.net."))))
        .isInstanceOf(InvalidChangeBatchException.class)
        .hasMessageContaining(
            "RRSet of type A with DNS name s.corp.example. is not permitted because a conflicting"
                + " RRSet of type CNAME with the same DNS name already exists in zone"
                + " corp.example.");
    // nothing applied
    assertThat(values("s.corp.example.", "CNAME")).containsExactly("x.example.net.");
    assertThat(values("s.corp.example.", "A")).isNull();

    send(
        change(ChangeAction.DELETE, set("s.corp.example.", "CNAME", 300, "x.example.net.")),
        change(ChangeAction.CREATE, set("s.corp.example.", "A", 300, "192.0.2.1")));
    assertThat(values("s.corp.example.", "A")).containsExactly("192.0.2.1");
  }

  @Test
  void cnameCheckedChangeByChange_refusesACnameAtANameHoldingAnotherType() {
    route53.cnameCheck(FakeRoute53.CnameCheck.PER_CHANGE);
    route53.put(zoneId, set("s.corp.example.", "TXT", 300, "\"x\""));
    assertThatThrownBy(
            () ->
                send(
                    change(
                        ChangeAction.UPSERT,
                        set("s.corp.example.", "CNAME", 300, "x.example.net."))))
        .hasMessageContaining(
            "RRSet of type CNAME with DNS name s.corp.example. is not permitted because a"
                + " conflicting RRSet of type TXT with the same DNS name already exists in zone"
                + " corp.example.");
  }

  @Test
  void aFailedDelete_makesALaterCreateOfTheSameRRsetFail_andNothingApplies() {
    route53.put(zoneId, set("a.corp.example.", "A", 300, "192.0.2.1"));
    assertThatThrownBy(
            () ->
                send(
                    change(ChangeAction.CREATE, set("n.corp.example.", "A", 300, "192.0.2.9")),
                    change(ChangeAction.DELETE, set("a.corp.example.", "A", 300, "192.0.2.7")),
                    change(ChangeAction.CREATE, set("a.corp.example.", "A", 300, "192.0.2.8"))))
        .isInstanceOfSatisfying(
            InvalidChangeBatchException.class,
            e ->
                assertThat(e.messages())
                    .containsExactly(
                        "Tried to delete resource record set [name='a.corp.example.', type='A'] but"
                            + " the values provided do not match the current values",
                        "Tried to create resource record set [name='a.corp.example.', type='A'] but"
                            + " it already exists"));
    assertThat(values("n.corp.example.", "A")).isNull();
    assertThat(values("a.corp.example.", "A")).containsExactly("192.0.2.1");
  }

  // ---- lost responses ----

  @Test
  void aLostResponse_appliesTheBatchAndThrowsToTheCaller() {
    route53.loseResponseOfChange(2, FakeRoute53::readTimedOut);
    send(change(ChangeAction.CREATE, set("one.corp.example.", "A", 300, "192.0.2.1")));
    assertThatThrownBy(
            () ->
                send(change(ChangeAction.CREATE, set("two.corp.example.", "A", 300, "192.0.2.2"))))
        .isInstanceOf(SdkClientException.class)
        .hasMessageContaining("Read timed out");
    assertThat(values("two.corp.example.", "A")).containsExactly("192.0.2.2");
    // only that response was lost
    send(change(ChangeAction.CREATE, set("three.corp.example.", "A", 300, "192.0.2.3")));
    assertThat(route53.calls("ChangeResourceRecordSets")).isEqualTo(3);
  }

  @Test
  void aLostResponseOfARefusedRequest_throwsTheLossAndAppliesNothing() {
    route53.put(zoneId, set("a.corp.example.", "A", 300, "192.0.2.1"));
    route53.loseResponseOfChange(1, () -> FakeRoute53.serviceError(500, "InternalError"));
    assertThatThrownBy(
            () ->
                send(
                    change(ChangeAction.CREATE, set("b.corp.example.", "A", 300, "192.0.2.2")),
                    change(ChangeAction.CREATE, set("a.corp.example.", "A", 300, "192.0.2.1"))))
        .isInstanceOfSatisfying(
            Route53Exception.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    assertThat(values("b.corp.example.", "A")).isNull();
  }

  // ---- drift by hand ----

  @Test
  void driftByHand_bypassesValidation() {
    route53.cnameCheck(FakeRoute53.CnameCheck.PER_CHANGE);
    route53.put(zoneId, set("a.corp.example.", "A", 300, "192.0.2.1", "192.0.2.2"));
    route53.addValue(zoneId, "a.corp.example.", "A", "10.0.0.1");
    route53.removeValue(zoneId, "a.corp.example.", "A", "192.0.2.1");
    route53.setTtl(zoneId, "a.corp.example.", "A", 42);
    assertThat(route53.get(zoneId, "a.corp.example.", "A").ttl()).isEqualTo(42);
    assertThat(values("a.corp.example.", "A")).containsExactly("192.0.2.2", "10.0.0.1");
    // a CNAME next to the A record: Route 53 would refuse it, a hand edit is not checked
    route53.put(zoneId, set("a.corp.example.", "CNAME", 300, "x.example.net."));
    assertThat(route53.removeRRset(zoneId, "a.corp.example.", "A")).isNotNull();
    assertThat(route53.removeRRset(zoneId, "a.corp.example.", "A")).isNull();
    assertThat(route53.all(zoneId))
        .extracting(ResourceRecordSet::name, ResourceRecordSet::typeAsString)
        .contains(org.assertj.core.groups.Tuple.tuple("a.corp.example.", "CNAME"));
    assertThat(route53.calls()).isEmpty();
  }

  @Test
  void driftByHand_atAWildcard_isReadBackInRoute53Form() {
    route53.put(zoneId, set("*.w.corp.example.", "A", 300, "192.0.2.1"));
    route53.addValue(zoneId, "\\052.w.corp.example.", "A", "192.0.2.2");
    assertThat(route53.get(zoneId, "*.w.corp.example.", "A").name())
        .isEqualTo("\\052.w.corp.example.");
    assertThat(values("\\052.w.corp.example.", "A")).containsExactly("192.0.2.1", "192.0.2.2");
  }
}
