package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.MotoServer.CnameCheck;
import dev.zonesync.testing.MotoServer.DeleteMatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The test harness's Route 53 (moto behind scripts/lib/moto_route53.py) validates change batches
 * the way Route 53 documents them: "To delete a resource record set, you must specify all the same
 * values that you specified when you created it" and "Route 53 validates the changes in the request
 * and then either makes all or none of the changes". zonesync's optimistic writes rely on exactly
 * that, so the emulator must refuse what AWS refuses. Expected texts are AWS's, as Route 53 sends
 * them (standard ErrorResponse, one bracketed Message listing every failing change).
 *
 * <p>Where public sources leave Route 53's behaviour open, the stand-in has a switch and both
 * readings are pinned here on servers of their own ({@link MotoServer.Options}): DELETE values
 * compared as text or as parsed data, CNAME conflicts checked after each change or at the end of
 * the batch.
 */
@Timeout(60)
class Route53FidelityIT {

  private static final AtomicInteger ZONES = new AtomicInteger();
  private static final Map<MotoServer.Options, MotoServer> SERVERS = new HashMap<>();

  private MotoServer moto = MotoServer.shared();
  private Route53Client client = MotoServer.newClient(moto.endpoint(), 1);
  private String zone;
  private String zoneId;

  @BeforeEach
  void freshZone() {
    zone = "fidelity-" + ZONES.incrementAndGet() + ".example.";
    zoneId = moto.createPrivateHostedZone(zone);
  }

  @AfterAll
  static synchronized void stopServers() {
    SERVERS.values().forEach(MotoServer::close);
    SERVERS.clear();
  }

  /** Moves this test to a fresh zone (same name) on a stand-in started with {@code options}. */
  private void on(MotoServer.Options options) {
    synchronized (Route53FidelityIT.class) {
      moto = SERVERS.computeIfAbsent(options, MotoServer::startPrivate);
    }
    client.close();
    client = MotoServer.newClient(moto.endpoint(), 1);
    zoneId = moto.createPrivateHostedZone(zone);
  }

  private void on(DeleteMatch deleteMatch) {
    on(MotoServer.Options.DEFAULT.deleteMatch(deleteMatch));
  }

  private void on(CnameCheck cnameCheck) {
    on(MotoServer.Options.DEFAULT.cnameCheck(cnameCheck));
  }

  private String n(String label) {
    return label + "." + zone;
  }

  private static Change change(
      ChangeAction action, String name, RRType type, long ttl, String... values) {
    List<ResourceRecord> rr = new ArrayList<>();
    for (String v : values) {
      rr.add(ResourceRecord.builder().value(v).build());
    }
    return Change.builder()
        .action(action)
        .resourceRecordSet(
            ResourceRecordSet.builder().name(name).type(type).ttl(ttl).resourceRecords(rr).build())
        .build();
  }

  private void send(Change... changes) {
    client.changeResourceRecordSets(
        b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb.changes(changes)));
  }

  /** The zone's data RRsets as "name type ttl [sorted values]" (apex SOA/NS left out). */
  private List<String> content() {
    return moto.listAll(zoneId).stream()
        .filter(r -> r.type() != RRType.SOA && r.type() != RRType.NS)
        .map(
            r ->
                r.name()
                    + " "
                    + r.typeAsString()
                    + (r.setIdentifier() == null ? "" : " id=" + r.setIdentifier())
                    + (r.aliasTarget() == null
                        ? " " + r.ttl() + " " + values(r)
                        : " alias=" + r.aliasTarget().dnsName()))
        .sorted()
        .toList();
  }

  private static List<String> values(ResourceRecordSet r) {
    return r.resourceRecords().stream().map(ResourceRecord::value).sorted().toList();
  }

  private InvalidChangeBatchException refused(Change... changes) {
    List<String> before = content();
    InvalidChangeBatchException e = null;
    try {
      send(changes);
    } catch (InvalidChangeBatchException refusal) {
      e = refusal;
    }
    assertThat(e).as("Route 53 refuses this batch").isNotNull();
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidChangeBatch");
    assertThat(content()).as("a refused batch changes nothing").isEqualTo(before);
    return e;
  }

  static Stream<Arguments> deletesThatDoNotMatch() {
    return Stream.of(
        Arguments.of("a value missing", 300L, new String[] {"192.0.2.1"}),
        Arguments.of("an extra value", 300L, new String[] {"192.0.2.1", "192.0.2.2", "192.0.2.3"}),
        Arguments.of("another TTL", 60L, new String[] {"192.0.2.1", "192.0.2.2"}),
        Arguments.of("other values", 300L, new String[] {"192.0.2.8", "192.0.2.9"}));
  }

  @ParameterizedTest(name = "DELETE with {0}")
  @MethodSource("deletesThatDoNotMatch")
  void delete_thatDoesNotRepeatTheCurrentTtlAndValues_isRefused_andNothingInTheBatchApplies(
      String what, long ttl, String[] values) {
    send(change(ChangeAction.CREATE, n("a"), RRType.A, 300, "192.0.2.1", "192.0.2.2"));

    InvalidChangeBatchException e =
        refused(
            change(ChangeAction.CREATE, n("other"), RRType.A, 300, "198.51.100.1"),
            change(ChangeAction.DELETE, n("a"), RRType.A, ttl, values));

    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo(
            "[Tried to delete resource record set [name='"
                + n("a")
                + "', type='A'] but the values provided do not match the current values]");
    assertThat(content()).containsExactly(n("a") + " A 300 [192.0.2.1, 192.0.2.2]");
  }

  @Test
  void delete_ofAnAbsentRrset_isRefusedAsNotFound_andTheOtherChangeIsNotApplied() {
    send(change(ChangeAction.CREATE, n("a"), RRType.TXT, 300, "\"t\""));

    InvalidChangeBatchException e =
        refused(
            change(ChangeAction.UPSERT, n("b"), RRType.A, 300, "198.51.100.1"),
            change(ChangeAction.DELETE, n("a"), RRType.A, 300, "192.0.2.1"));

    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo(
            "[Tried to delete resource record set [name='"
                + n("a")
                + "', type='A'] but it was not found]");
    // Route 53 puts the text in the error message, not in the model's Messages list
    assertThat(e.messages()).isEmpty();
    assertThat(content()).containsExactly(n("a") + " TXT 300 [\"t\"]");
  }

  @Test
  void create_ofAnExistingRrset_isRefused_evenWithOtherValues() {
    send(change(ChangeAction.CREATE, n("a"), RRType.A, 300, "192.0.2.1"));

    InvalidChangeBatchException e =
        refused(change(ChangeAction.CREATE, n("a"), RRType.A, 60, "192.0.2.7"));

    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo(
            "[Tried to create resource record set [name='"
                + n("a")
                + "', type='A'] but it already exists]");
    assertThat(content()).containsExactly(n("a") + " A 300 [192.0.2.1]");
  }

  @Test
  void everyFailingChange_isListed_inBatchOrder() {
    send(change(ChangeAction.CREATE, n("a"), RRType.CNAME, 300, "x.example."));

    // the drift case: zonesync expected another target; its replace fails in both halves
    InvalidChangeBatchException e =
        refused(
            change(ChangeAction.DELETE, n("a"), RRType.CNAME, 300, "y.example."),
            change(ChangeAction.CREATE, n("a"), RRType.CNAME, 300, "z.example."),
            change(ChangeAction.DELETE, n("gone"), RRType.A, 300, "192.0.2.1"));

    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo(
            "[Tried to delete resource record set [name='"
                + n("a")
                + "', type='CNAME'] but the values provided do not match the current values,"
                + " Tried to create resource record set [name='"
                + n("a")
                + "', type='CNAME'] but it already exists,"
                + " Tried to delete resource record set [name='"
                + n("gone")
                + "', type='A'] but it was not found]");
  }

  @Test
  void deleteThenCreate_ofTheSameRrset_inOneBatch_replacesIt_valuesInAnyOrder() {
    send(change(ChangeAction.CREATE, n("a"), RRType.A, 300, "192.0.2.1", "192.0.2.2"));

    send(
        change(ChangeAction.DELETE, n("a"), RRType.A, 300, "192.0.2.2", "192.0.2.1"),
        change(ChangeAction.CREATE, n("a"), RRType.A, 60, "192.0.2.9"),
        change(ChangeAction.CREATE, n("b"), RRType.A, 60, "192.0.2.10"));

    assertThat(content())
        .containsExactly(n("a") + " A 60 [192.0.2.9]", n("b") + " A 60 [192.0.2.10]");
  }

  @Test
  void deleteOfAnRrsetCreatedEarlierInTheSameBatch_matchesWhatThatBatchCreated() {
    send(
        change(ChangeAction.CREATE, n("a"), RRType.A, 300, "192.0.2.1"),
        change(ChangeAction.DELETE, n("a"), RRType.A, 300, "192.0.2.1"));
    assertThat(content()).isEmpty();

    refused(
        change(ChangeAction.CREATE, n("a"), RRType.A, 300, "192.0.2.1"),
        change(ChangeAction.DELETE, n("a"), RRType.A, 300, "192.0.2.2"));
  }

  @Test
  void delete_matchesTheCurrentValues_notValuesTheRrsetHadBefore() {
    send(change(ChangeAction.CREATE, n("a"), RRType.A, 300, "192.0.2.1"));
    send(change(ChangeAction.UPSERT, n("a"), RRType.A, 300, "192.0.2.2"));

    refused(change(ChangeAction.DELETE, n("a"), RRType.A, 300, "192.0.2.1"));
    send(change(ChangeAction.DELETE, n("a"), RRType.A, 300, "192.0.2.2"));

    assertThat(content()).isEmpty();
  }

  @Test
  void upsert_createsOrReplaces_withoutRepeatingTheOldValues() {
    send(change(ChangeAction.CREATE, n("a"), RRType.A, 300, "192.0.2.1", "192.0.2.2"));

    send(
        change(ChangeAction.UPSERT, n("a"), RRType.A, 60, "192.0.2.3"),
        change(ChangeAction.UPSERT, n("b"), RRType.TXT, 60, "\"new\""));

    assertThat(content())
        .containsExactly(n("a") + " A 60 [192.0.2.3]", n("b") + " TXT 60 [\"new\"]");
  }

  @Test
  void delete_onlyTouchesTheRrsetOfItsType() {
    send(
        change(ChangeAction.CREATE, n("a"), RRType.A, 300, "192.0.2.1"),
        change(ChangeAction.CREATE, n("a"), RRType.TXT, 300, "\"t\""));

    send(change(ChangeAction.DELETE, n("a"), RRType.A, 300, "192.0.2.1"));

    assertThat(content()).containsExactly(n("a") + " TXT 300 [\"t\"]");
  }

  @Test
  void aliasDelete_mustRepeatTheAliasTarget() {
    send(change(ChangeAction.CREATE, n("target"), RRType.A, 300, "192.0.2.1"));
    send(alias(ChangeAction.CREATE, n("target")));

    InvalidChangeBatchException e = refused(alias(ChangeAction.DELETE, n("elsewhere")));
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo(
            "[Tried to delete resource record set [name='"
                + n("alias")
                + "', type='A'] but the values provided do not match the current values]");

    send(alias(ChangeAction.DELETE, n("target")));
    assertThat(content()).containsExactly(n("target") + " A 300 [192.0.2.1]");
  }

  private Change alias(ChangeAction action, String target) {
    return Change.builder()
        .action(action)
        .resourceRecordSet(
            ResourceRecordSet.builder()
                .name(n("alias"))
                .type(RRType.A)
                .aliasTarget(
                    AliasTarget.builder()
                        .hostedZoneId(zoneId)
                        .dnsName(target)
                        .evaluateTargetHealth(false)
                        .build())
                .build())
        .build();
  }

  @Test
  void setIdentifier_tellsWeightedRrsetsApart() {
    send(weighted(ChangeAction.CREATE, "one", 10, "192.0.2.1"));
    send(weighted(ChangeAction.CREATE, "two", 20, "192.0.2.2"));

    InvalidChangeBatchException e = refused(weighted(ChangeAction.DELETE, "one", 11, "192.0.2.1"));
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo(
            "[Tried to delete resource record set [name='"
                + n("w")
                + "', type='A', set-identifier='one'] but the values provided do not match the"
                + " current values]");

    send(weighted(ChangeAction.DELETE, "one", 10, "192.0.2.1"));
    assertThat(content()).containsExactly(n("w") + " A id=two 60 [192.0.2.2]");
  }

  private Change weighted(ChangeAction action, String id, long weight, String value) {
    return Change.builder()
        .action(action)
        .resourceRecordSet(
            ResourceRecordSet.builder()
                .name(n("w"))
                .type(RRType.A)
                .ttl(60L)
                .setIdentifier(id)
                .weight(weight)
                .resourceRecords(ResourceRecord.builder().value(value).build())
                .build())
        .build();
  }

  @Test
  void zonesyncReportsTheRefusal_withRoute53sText() {
    InvalidChangeBatchException e =
        refused(change(ChangeAction.DELETE, n("gone"), RRType.A, 300, "192.0.2.1"));

    assertThat(Route53Errors.wrap("ChangeResourceRecordSets", zoneId, e).getMessage())
        .isEqualTo(
            "ChangeResourceRecordSets on hosted zone "
                + zoneId
                + " rejected the change batch (InvalidChangeBatch): [Tried to delete resource"
                + " record set [name='"
                + n("gone")
                + "', type='A'] but it was not found]");
  }

  @Test
  void namesAreComparedAsRoute53CompareThem_caseInsensitive() {
    send(change(ChangeAction.CREATE, n("mixed"), RRType.A, 300, "192.0.2.1"));

    refused(change(ChangeAction.CREATE, n("MIXED"), RRType.A, 300, "192.0.2.1"));
    send(change(ChangeAction.DELETE, n("Mixed"), RRType.A, 300, "192.0.2.1"));

    assertThat(content()).isEmpty();
  }

  // ------------------------------------------------------------------------------------------
  // Names as Route 53 lists them: lower case, every byte but a-z 0-9 - _ as a 3-digit octal escape

  /** A label as sent (unescaped, as a console user or another tool writes it) and as listed. */
  static Stream<Arguments> spellings() {
    return Stream.of(
        Arguments.of("upper case", "Mixed-CASE", "mixed-case"),
        Arguments.of("a wildcard", "*", "\\052"),
        Arguments.of("an underscore and digits kept", "_sip2", "_sip2"),
        Arguments.of("an at sign", "a@b", "a\\100b"),
        Arguments.of("a slash", "x/y", "x\\057y"),
        Arguments.of("a star inside a label", "a*b", "a\\052b"),
        Arguments.of("an escaped dot inside a label", "a\\.b", "a\\056b"),
        Arguments.of("an escaped space", "sp\\ ace", "sp\\040ace"),
        Arguments.of("an octal escape of a letter", "\\101bc", "abc"),
        Arguments.of("an octal escape of a hyphen", "a\\055b", "a-b"),
        Arguments.of("a plus, an equals sign, a tilde", "+=~", "\\053\\075\\176"));
  }

  @ParameterizedTest(name = "{0}: {1} is listed as {2}")
  @MethodSource("spellings")
  void names_areListedAsRoute53SpellsThem_whateverWasSent(String what, String sent, String listed) {
    send(
        change(
            ChangeAction.CREATE,
            sent + "." + zone.toUpperCase(java.util.Locale.ROOT),
            RRType.A,
            300,
            "192.0.2.1"));

    assertThat(content()).containsExactly(listed + "." + zone + " A 300 [192.0.2.1]");
    // page by page (apex NS, SOA, the record): NextRecordName is spelled the same way
    List<String> next = new ArrayList<>();
    ListResourceRecordSetsResponse page =
        client.listResourceRecordSets(b -> b.hostedZoneId(zoneId).maxItems("1"));
    while (Boolean.TRUE.equals(page.isTruncated())) {
      next.add(page.nextRecordName());
      String name = page.nextRecordName();
      String type = page.nextRecordTypeAsString();
      page =
          client.listResourceRecordSets(
              b ->
                  b.hostedZoneId(zoneId).startRecordName(name).startRecordType(type).maxItems("1"));
    }
    assertThat(next).contains(listed + "." + zone);
  }

  @Test
  void startRecordName_inAnotherSpelling_findsTheName() {
    send(
        change(ChangeAction.CREATE, n("*.w"), RRType.A, 300, "192.0.2.1"),
        change(ChangeAction.CREATE, n("UP"), RRType.TXT, 300, "\"t\""));

    for (String start : List.of(n("*.w"), n("\\052.w"), n("\\052.W"))) {
      ListResourceRecordSetsResponse r =
          client.listResourceRecordSets(
              b ->
                  b.hostedZoneId(zoneId)
                      .startRecordName(start)
                      .startRecordType(RRType.A)
                      .maxItems("1"));
      assertThat(r.resourceRecordSets())
          .as("StartRecordName %s", start)
          .extracting(ResourceRecordSet::name)
          .containsExactly("\\052.w." + zone);
    }
    ListResourceRecordSetsResponse up =
        client.listResourceRecordSets(
            b ->
                b.hostedZoneId(zoneId)
                    .startRecordName(n("Up"))
                    .startRecordType(RRType.TXT)
                    .maxItems("1"));
    assertThat(up.resourceRecordSets())
        .extracting(ResourceRecordSet::name)
        .containsExactly(n("up"));
  }

  @Test
  void changes_findTheRrset_whateverSpellingOfItsNameTheySend() {
    send(change(ChangeAction.CREATE, n("*.w"), RRType.A, 300, "192.0.2.1"));

    InvalidChangeBatchException e =
        refused(change(ChangeAction.CREATE, n("\\052.W"), RRType.A, 300, "192.0.2.1"));
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo(
            "[Tried to create resource record set [name='\\052.w."
                + zone
                + "', type='A'] but it already exists]");

    send(change(ChangeAction.DELETE, n("\\052.w"), RRType.A, 300, "192.0.2.1"));
    assertThat(content()).isEmpty();
  }

  /** A value as sent: Route 53 lists it as it was sent, whatever other spelling the data has. */
  static Stream<Arguments> valuesAsSent() {
    return Stream.of(
        Arguments.of(RRType.AAAA, "2001:0db8:0000:0000:0000:0000:0000:0001"),
        Arguments.of(RRType.AAAA, "2001:DB8::A"),
        Arguments.of(RRType.CNAME, "Target.Example.com"),
        Arguments.of(RRType.MX, "10 mail.example.com"),
        Arguments.of(RRType.TXT, "\"caf\\303\\251\" \"say \\\"hi\\\"\""),
        Arguments.of(RRType.SSHFP, "1 1 0123456789ABCDEF0123456789ABCDEF01234567"),
        Arguments.of(
            RRType.TLSA, "3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("valuesAsSent")
  void values_areListedAsSent(RRType type, String value) {
    send(change(ChangeAction.CREATE, n("v"), type, 300, value));

    assertThat(content()).containsExactly(n("v") + " " + type + " 300 [" + value + "]");
  }

  // ------------------------------------------------------------------------------------------
  // Throttling like Route 53's per-account buckets (a switch, off unless asked for)

  /** A fresh zone on a stand-in throttling as {@code t} says. */
  private void throttledBy(MotoServer.Throttling t) {
    on(MotoServer.Options.DEFAULT.throttling(t));
  }

  private static void assertThrottled(Throwable thrown) {
    assertThat(thrown).isInstanceOf(AwsServiceException.class);
    AwsServiceException e = (AwsServiceException) thrown;
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
    assertThat(e.isThrottlingException()).as("the SDK reads it as throttling").isTrue();
  }

  private static Change a(String name) {
    return change(ChangeAction.CREATE, name, RRType.A, 300, "192.0.2.1");
  }

  private List<Change> creates(String prefix, int count) {
    List<Change> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(a(n(prefix + i)));
    }
    return out;
  }

  @Test
  void throttling_isOffUnlessAskedFor() {
    // the shared stand-in: 100 requests back to back, far over any bucket Route 53 documents
    for (int i = 0; i < 100; i++) {
      client.listResourceRecordSets(b -> b.hostedZoneId(zoneId).maxItems("1"));
    }
    send(creates("h", 300).toArray(Change[]::new));
    send(creates("k", 300).toArray(Change[]::new));
    assertThat(content()).hasSize(600);
  }

  @Test
  void requestBucket_answersThrottling_onceItsBurstAndRefillAreSpent() {
    // 2 requests/s, burst 5; changes never run short here
    throttledBy(new MotoServer.Throttling(2, 5, 1_000, 1_000));
    int passed = 0;
    List<Throwable> throttled = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < 30; i++) {
      try {
        client.listResourceRecordSets(b -> b.hostedZoneId(zoneId).maxItems("1"));
        passed++;
      } catch (AwsServiceException e) {
        throttled.add(e);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(throttled).isNotEmpty();
    assertThrottled(throttled.get(0));
    // what the bucket held (5, minus the zone's creation) plus its refill, and not more
    assertThat((double) passed).isLessThanOrEqualTo(5 + 2 * seconds + 1);
  }

  @Test
  void changeBucket_countsEachChangeElement_andThrottlesTheBatchItCannotPay_applyingNothingOfIt() {
    // 10 changes/s, burst 10; the request bucket is no limit here
    throttledBy(new MotoServer.Throttling(1_000, 1_000, 10, 10));
    // three changes of four values each cost three tokens: values are not changes
    Change[] threeFat = new Change[3];
    for (int i = 0; i < 3; i++) {
      threeFat[i] =
          change(
              ChangeAction.CREATE,
              n("fat" + i),
              RRType.A,
              300,
              "192.0.2.1",
              "192.0.2.2",
              "192.0.2.3",
              "192.0.2.4");
    }
    send(threeFat);
    send(creates("a", 5).toArray(Change[]::new));

    // of 10, the zone's creation took 1 and these 8: 1 token left, and 9 changes need 8 more
    // (0.8 s of refill)
    Throwable thrown = null;
    try {
      send(creates("b", 9).toArray(Change[]::new));
    } catch (AwsServiceException e) {
      thrown = e;
    }
    assertThrottled(thrown);
    assertThat(content())
        .as("a throttled batch changes nothing")
        .hasSize(8)
        .noneMatch(line -> line.startsWith("b"));
  }

  @Test
  void changeBucket_letsABatchLargerThanItsBurstGoFromAFullBucket_andTheNextOneWaitsForTheDebt()
      throws InterruptedException {
    throttledBy(new MotoServer.Throttling(1_000, 1_000, 20, 20));
    Thread.sleep(1_100); // the bucket full again after the zone's creation
    send(creates("big", 60).toArray(Change[]::new));

    // 60 taken from 20: 40 in debt; one change needs the debt repaid first (2 s)
    Throwable thrown = null;
    try {
      send(a(n("next")));
    } catch (AwsServiceException e) {
      thrown = e;
    }
    assertThrottled(thrown);
    assertThat(content()).hasSize(60);
    Thread.sleep(2_200);
    send(a(n("next")));
    assertThat(content()).hasSize(61);
  }

  @Test
  void route53Throttling_isRoute53sDocumentedRequestBucket_andAChangeBucketOfTheGivenSize() {
    assertThat(MotoServer.Throttling.route53(200))
        .isEqualTo(new MotoServer.Throttling(10, 50, 200, 1000));
    assertThat(MotoServer.Throttling.route53(5000))
        .isEqualTo(new MotoServer.Throttling(10, 50, 5000, 5000));
  }

  // ------------------------------------------------------------------------------------------
  // DELETE values: as text (exact strings) or as data (parsed RDATA); Route 53 does not say which

  private String valuesDoNotMatch(String label, RRType type) {
    return "[Tried to delete resource record set [name='"
        + n(label)
        + "', type='"
        + type
        + "'] but the values provided do not match the current values]";
  }

  /** A value as stored, and the same data written otherwise in Route 53's syntax. */
  static Stream<Arguments> valuesEqualAsDataOnly() {
    return Stream.of(
        Arguments.of(
            "AAAA compressed, sent uncompressed",
            RRType.AAAA,
            "2001:db8::1",
            "2001:0db8:0000:0000:0000:0000:0000:0001"),
        Arguments.of(
            "AAAA uncompressed in upper case, sent compressed",
            RRType.AAAA,
            "2001:0DB8:0:0:0:0:0:1",
            "2001:db8::1"),
        Arguments.of(
            "TXT with octal escapes, sent as the characters",
            RRType.TXT,
            "\"\\143af\\303\\251 \\042q\\042\"",
            "\"caf\\303\\251 \\\"q\\\"\""),
        Arguments.of("TXT with an octal escape of a letter", RRType.TXT, "\"A\"", "\"\\101\""),
        Arguments.of(
            "CNAME target without its trailing dot",
            RRType.CNAME,
            "target.example.com.",
            "target.example.com"),
        Arguments.of(
            "MX exchange in other case and without its trailing dot",
            RRType.MX,
            "10 Mail.Example.COM.",
            "10 mail.example.com"),
        Arguments.of(
            "CNAME target with an octal escape, sent as the character",
            RRType.CNAME,
            "a\\055b.example.com.",
            "a-b.example.com."),
        Arguments.of(
            "SSHFP fingerprint in upper-case hex, sent in lower case",
            RRType.SSHFP,
            "1 1 0123456789ABCDEF0123456789ABCDEF01234567",
            "1 1 0123456789abcdef0123456789abcdef01234567"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesEqualAsDataOnly")
  void delete_whenValuesEqualAsDataOnly_isRefusedUnderTextModel(
      String what, RRType type, String stored, String sent) {
    on(DeleteMatch.TEXT);
    send(change(ChangeAction.CREATE, n("v"), type, 300, stored));

    InvalidChangeBatchException e = refused(change(ChangeAction.DELETE, n("v"), type, 300, sent));

    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(valuesDoNotMatch("v", type));
    assertThat(content()).containsExactly(n("v") + " " + type + " 300 [" + stored + "]");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesEqualAsDataOnly")
  void delete_whenValuesEqualAsDataOnly_isAcceptedUnderDataModel(
      String what, RRType type, String stored, String sent) {
    on(DeleteMatch.DATA);
    send(
        change(ChangeAction.CREATE, n("v"), type, 300, stored),
        change(ChangeAction.CREATE, n("keep"), RRType.A, 300, "192.0.2.1"));

    send(change(ChangeAction.DELETE, n("v"), type, 300, sent));

    assertThat(content()).containsExactly(n("keep") + " A 300 [192.0.2.1]");
  }

  @Test
  void replace_underDataModel_storesTheNewValuesAsSent() {
    on(DeleteMatch.DATA);
    send(change(ChangeAction.CREATE, n("v"), RRType.AAAA, 300, "2001:db8::1", "2001:db8::2"));

    send(
        change(
            ChangeAction.DELETE, n("v"), RRType.AAAA, 300, "2001:0db8:0:0:0:0:0:2", "2001:DB8::1"),
        change(ChangeAction.CREATE, n("v"), RRType.AAAA, 60, "2001:0db8:0:0:0:0:0:3"));

    assertThat(content()).containsExactly(n("v") + " AAAA 60 [2001:0db8:0:0:0:0:0:3]");
  }

  /** A value as stored, and a value that is other data (whatever its text looks like). */
  static Stream<Arguments> valuesThatDifferAsData() {
    List<Object[]> cases =
        List.of(
            // DNS data is the sequence of character-strings, not their concatenation
            new Object[] {"TXT split into other strings", RRType.TXT, "\"ab\" \"c\"", "\"abc\""},
            // Route 53 reads \ddd as octal: \195 is no byte, \065 is '5'
            new Object[] {
              "TXT in decimal escapes", RRType.TXT, "\"caf\\303\\251\"", "\"caf\\195\\169\""
            },
            new Object[] {"TXT escape read as octal", RRType.TXT, "\"A\"", "\"\\065\""},
            new Object[] {
              "CNAME to another name", RRType.CNAME, "a.example.com.", "b.example.com."
            },
            new Object[] {"AAAA another address", RRType.AAAA, "2001:db8::1", "2001:db8::1:0"});
    return Stream.of(DeleteMatch.values())
        .flatMap(model -> cases.stream().map(c -> Arguments.of(model, c[0], c[1], c[2], c[3])));
  }

  @ParameterizedTest(name = "{1}, compared as {0}")
  @MethodSource("valuesThatDifferAsData")
  void delete_whenValuesDifferAsData_isRefusedUnderBothModels(
      DeleteMatch model, String what, RRType type, String stored, String sent) {
    on(model);
    send(change(ChangeAction.CREATE, n("v"), type, 300, stored));

    InvalidChangeBatchException e = refused(change(ChangeAction.DELETE, n("v"), type, 300, sent));

    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(valuesDoNotMatch("v", type));
    assertThat(content()).containsExactly(n("v") + " " + type + " 300 [" + stored + "]");
  }

  @Test
  void delete_underDataModel_comparesAValueThatDoesNotParse_asText() {
    on(DeleteMatch.DATA);
    send(change(ChangeAction.CREATE, n("v"), RRType.A, 300, "not-an-address"));

    InvalidChangeBatchException e =
        refused(change(ChangeAction.DELETE, n("v"), RRType.A, 300, "NOT-AN-ADDRESS"));
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(valuesDoNotMatch("v", RRType.A));

    send(change(ChangeAction.DELETE, n("v"), RRType.A, 300, "not-an-address"));
    assertThat(content()).isEmpty();
  }

  @Test
  void delete_underDataModel_stillRequiresTheCurrentTtl() {
    on(DeleteMatch.DATA);
    send(change(ChangeAction.CREATE, n("v"), RRType.AAAA, 300, "2001:db8::1"));

    InvalidChangeBatchException e =
        refused(change(ChangeAction.DELETE, n("v"), RRType.AAAA, 60, "2001:db8::1"));

    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(valuesDoNotMatch("v", RRType.AAAA));
    assertThat(content()).containsExactly(n("v") + " AAAA 300 [2001:db8::1]");
  }

  // ------------------------------------------------------------------------------------------
  // CNAME next to other data: refused after each change, or only in the zone the batch leaves

  private String cnameConflictsWithOthers(String label) {
    return "RRSet of type CNAME with DNS name "
        + n(label)
        + " is not permitted as it conflicts with other records with the same DNS name in zone "
        + zone;
  }

  private String conflictsWithCname(String label, RRType type) {
    return "RRSet of type "
        + type
        + " with DNS name "
        + n(label)
        + " is not permitted because a conflicting RRSet of type  CNAME with the same DNS name"
        + " already exists in zone "
        + zone;
  }

  @ParameterizedTest
  @EnumSource(CnameCheck.class)
  void cname_whereAnotherTypeExists_isRefusedUnderBothChecks(CnameCheck check) {
    on(check);
    send(change(ChangeAction.CREATE, n("c"), RRType.A, 300, "192.0.2.1"));

    InvalidChangeBatchException e =
        refused(change(ChangeAction.CREATE, n("c"), RRType.CNAME, 300, "target.example."));

    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("[" + cnameConflictsWithOthers("c") + "]");
    assertThat(content()).containsExactly(n("c") + " A 300 [192.0.2.1]");
  }

  @ParameterizedTest
  @EnumSource(CnameCheck.class)
  void otherType_whereACnameExists_isRefusedUnderBothChecks(CnameCheck check) {
    on(check);
    send(change(ChangeAction.CREATE, n("c"), RRType.CNAME, 300, "target.example."));

    InvalidChangeBatchException e =
        refused(change(ChangeAction.UPSERT, n("c"), RRType.TXT, 300, "\"t\""));

    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("[" + conflictsWithCname("c", RRType.TXT) + "]");
    assertThat(content()).containsExactly(n("c") + " CNAME 300 [target.example.]");
  }

  @ParameterizedTest
  @EnumSource(CnameCheck.class)
  void cnameAndAnotherType_createdInOneBatch_areRefusedUnderBothChecks(CnameCheck check) {
    on(check);

    InvalidChangeBatchException e =
        refused(
            change(ChangeAction.CREATE, n("c"), RRType.CNAME, 300, "target.example."),
            change(ChangeAction.CREATE, n("c"), RRType.A, 300, "192.0.2.1"));

    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("[" + conflictsWithCname("c", RRType.A) + "]");
    assertThat(content()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(CnameCheck.class)
  void deleteCnameThenCreateA_inOneBatch_isAcceptedUnderBothChecks(CnameCheck check) {
    on(check);
    send(change(ChangeAction.CREATE, n("c"), RRType.CNAME, 300, "target.example."));

    send(
        change(ChangeAction.DELETE, n("c"), RRType.CNAME, 300, "target.example."),
        change(ChangeAction.CREATE, n("c"), RRType.A, 300, "192.0.2.1"));

    assertThat(content()).containsExactly(n("c") + " A 300 [192.0.2.1]");
  }

  @ParameterizedTest
  @EnumSource(CnameCheck.class)
  void deleteAThenCreateCname_inOneBatch_isAcceptedUnderBothChecks(CnameCheck check) {
    on(check);
    send(change(ChangeAction.CREATE, n("c"), RRType.A, 300, "192.0.2.1"));

    send(
        change(ChangeAction.DELETE, n("c"), RRType.A, 300, "192.0.2.1"),
        change(ChangeAction.CREATE, n("c"), RRType.CNAME, 300, "target.example."));

    assertThat(content()).containsExactly(n("c") + " CNAME 300 [target.example.]");
  }

  @Test
  void createAThenDeleteCname_inOneBatch_isRefusedPerChange() {
    on(CnameCheck.PER_CHANGE);
    send(change(ChangeAction.CREATE, n("c"), RRType.CNAME, 300, "target.example."));

    InvalidChangeBatchException e =
        refused(
            change(ChangeAction.CREATE, n("c"), RRType.A, 300, "192.0.2.1"),
            change(ChangeAction.DELETE, n("c"), RRType.CNAME, 300, "target.example."));

    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("[" + conflictsWithCname("c", RRType.A) + "]");
    assertThat(content()).containsExactly(n("c") + " CNAME 300 [target.example.]");
  }

  @Test
  void createAThenDeleteCname_inOneBatch_isAcceptedAtEndOfBatch() {
    on(CnameCheck.END_OF_BATCH);
    send(change(ChangeAction.CREATE, n("c"), RRType.CNAME, 300, "target.example."));

    send(
        change(ChangeAction.CREATE, n("c"), RRType.A, 300, "192.0.2.1"),
        change(ChangeAction.DELETE, n("c"), RRType.CNAME, 300, "target.example."));

    assertThat(content()).containsExactly(n("c") + " A 300 [192.0.2.1]");
  }

  @ParameterizedTest
  @EnumSource(CnameCheck.class)
  void failedCnameDelete_leavesTheCnameThere_soTheNextCreateConflictsUnderBothChecks(
      CnameCheck check) {
    on(check);
    send(change(ChangeAction.CREATE, n("c"), RRType.CNAME, 300, "target.example."));

    InvalidChangeBatchException e =
        refused(
            change(ChangeAction.DELETE, n("c"), RRType.CNAME, 300, "elsewhere.example."),
            change(ChangeAction.CREATE, n("c"), RRType.A, 300, "192.0.2.1"));

    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo(
            "[Tried to delete resource record set [name='"
                + n("c")
                + "', type='CNAME'] but the values provided do not match the current values, "
                + conflictsWithCname("c", RRType.A)
                + "]");
    assertThat(content()).containsExactly(n("c") + " CNAME 300 [target.example.]");
  }

  @ParameterizedTest
  @EnumSource(CnameCheck.class)
  void cname_atTheApex_isRefusedUnderBothChecks(CnameCheck check) {
    on(check);

    InvalidChangeBatchException e =
        refused(change(ChangeAction.CREATE, zone, RRType.CNAME, 300, "target.example."));

    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo(
            "[RRSet of type CNAME with DNS name "
                + zone
                + " is not permitted at apex in zone "
                + zone
                + "]");
    assertThat(content()).isEmpty();
  }
}
