package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.app.Engines;
import dev.zonesync.config.Route53Settings;
import dev.zonesync.contract.AwsActions;
import dev.zonesync.model.DnsName;
import dev.zonesync.sync.port.ApiCallMeter;
import dev.zonesync.sync.port.HostedZoneLifecycle;
import dev.zonesync.sync.port.HostedZoneLifecycle.HostedZoneCreationException;
import dev.zonesync.sync.port.HostedZoneLifecycle.Vpc;
import dev.zonesync.sync.port.HostedZoneLifecycle.ZoneInfo;
import dev.zonesync.sync.port.HostedZoneLifecycle.ZoneQuota;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.Route53Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AccountLimitType;
import software.amazon.awssdk.services.route53.model.GetAccountLimitResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.route53.model.VPC;

/**
 * Hosted-zone lifecycle against the project's Route 53 stand-in (moto behind
 * scripts/lib/moto_route53.py), every request recorded by {@link Route53Proxy}: first the stand-in
 * itself answering as Route 53 does where moto 5.2.5 did not ({@link StandIn}: caller references,
 * one private zone per name and VPC, ListHostedZonesByName's pages, GetAccountLimit and the quota,
 * ten tags per request), then {@link Route53HostedZones} as the composition root wires it: each of
 * its calls goes through the engine's paced client and is counted in the zone's meter exactly as it
 * went over the wire.
 */
@Timeout(180)
class HostedZoneLifecycleIT {

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final String REGION = "eu-west-1";
  private static final Map<String, String> CATALOG_TAG =
      Map.of("zonesync:catalog", "catalog.corp.example.");

  private static MotoServer moto;
  private static Route53Proxy proxy;
  private static Route53Client engineClient;
  private static HostedZoneLifecycle lifecycle;
  private static Route53Client raw;

  @BeforeAll
  static void standIn() {
    moto = MotoServer.shared();
    proxy = Route53Proxy.in(moto);
    engineClient = engineClient(proxy);
    lifecycle = Engines.hostedZoneLifecycle(engineClient);
    raw = MotoServer.newClient(moto.endpoint(), 1);
  }

  @AfterAll
  static void stop() {
    engineClient.close();
    raw.close();
    proxy.close();
  }

  /** The client the engine builds (paced, metered, retrying), pointed at {@code proxy}. */
  private static Route53Client engineClient(Route53Proxy proxy) {
    return Route53Clients.create(
        Route53Settings.DEFAULT.withEndpoint(proxy.endpoint()),
        StaticCredentialsProvider.create(MotoServer.DUMMY_CREDENTIALS));
  }

  private static String freshName() {
    return "hz-" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100_000 + ".lifecycle.test.";
  }

  private static Vpc freshVpc() {
    return new Vpc(MotoServer.dummyVpcId(), REGION);
  }

  private static String code(Route53Exception e) {
    return e.awsErrorDetails().errorCode();
  }

  /**
   * What one action did: its value or what it threw, and the Route 53 calls it made — the same in
   * the zone's meter ({@code apiCalls}) as on the wire, or this fails.
   */
  record Outcome<T>(T value, RuntimeException thrown, Map<String, Integer> calls) {}

  private static <T> Outcome<T> counted(Route53Proxy proxy, Supplier<T> action) {
    proxy.clear();
    ApiCallMeter.Session session = new MeteredCalls().start();
    T value = null;
    RuntimeException thrown = null;
    try {
      value = action.get();
    } catch (RuntimeException e) {
      thrown = e;
    }
    Map<String, Integer> metered = new TreeMap<>(session.stop().byOperation());
    metered.remove("total");
    assertThat(metered)
        .as("the calls the meter counted are the calls that went over the wire")
        .isEqualTo(proxy.countsByOperation());
    return new Outcome<>(value, thrown, metered);
  }

  private static <T> Outcome<T> counted(Supplier<T> action) {
    return counted(proxy, action);
  }

  private static Outcome<Void> counted(Runnable action) {
    return counted(
        () -> {
          action.run();
          return null;
        });
  }

  /** The zones of exactly this name, as the stand-in lists them (not through the proxy). */
  private static List<HostedZone> zonesNamed(String name) {
    List<HostedZone> out = new ArrayList<>();
    ListHostedZonesByNameResponse page =
        raw.listHostedZonesByName(b -> b.dnsName(name).maxItems("100"));
    while (true) {
      for (HostedZone z : page.hostedZones()) {
        if (!z.name().equals(name)) {
          return out;
        }
        out.add(z);
      }
      if (!page.isTruncated()) {
        return out;
      }
      String nextName = page.nextDNSName();
      String nextId = page.nextHostedZoneId();
      page = raw.listHostedZonesByName(b -> b.dnsName(nextName).hostedZoneId(nextId));
    }
  }

  private static String rawPrivateZone(String name, String callerReference, Vpc vpc) {
    return MotoServer.bareZoneId(
        raw.createHostedZone(
                b ->
                    b.name(name)
                        .callerReference(callerReference)
                        .hostedZoneConfig(c -> c.privateZone(true))
                        .vpc(v -> v.vpcId(vpc.id()).vpcRegion(vpc.region())))
            .hostedZone()
            .id());
  }

  private static String rawPublicZone(String name) {
    return MotoServer.bareZoneId(
        raw.createHostedZone(b -> b.name(name).callerReference("public-" + System.nanoTime()))
            .hostedZone()
            .id());
  }

  // ------------------------------------------------------------------------------------------
  // the adapter

  @Test
  void create_makesAPrivateZoneInTheVpc_commentedAndTagged_thatDescribeShows() {
    String name = freshName();
    Vpc vpc = freshVpc();
    String ref = "catalog.corp.example./" + name + "/m1";

    Outcome<String> created =
        counted(() -> lifecycle.create(DnsName.of(name), ref, vpc, "zonesync member", CATALOG_TAG));

    String id = created.value();
    assertThat(created.calls())
        .isEqualTo(Map.of("CreateHostedZone", 1, "ChangeTagsForResource", 1));
    assertThat(id).doesNotStartWith("/");
    Outcome<Optional<ZoneInfo>> described = counted(() -> lifecycle.describe(id));
    assertThat(described.value())
        .contains(new ZoneInfo(id, DnsName.of(name), true, ref, Set.of(vpc)));
    assertThat(described.calls()).isEqualTo(Map.of("GetHostedZone", 1));
    Outcome<Map<String, String>> tags = counted(() -> lifecycle.tags(id));
    assertThat(tags.value()).isEqualTo(CATALOG_TAG);
    assertThat(tags.calls()).isEqualTo(Map.of("ListTagsForResource", 1));
    assertThat(raw.getHostedZone(b -> b.id(id)).hostedZone().config().comment())
        .isEqualTo("zonesync member");
  }

  @Test
  void create_twiceWithOneCallerReference_isOneZone_foundByNameAndReference() {
    String name = freshName();
    Vpc vpc = freshVpc();
    String ref = "ref-" + name;
    String first = lifecycle.create(DnsName.of(name), ref, vpc, "m", CATALOG_TAG);

    Outcome<String> again =
        counted(() -> lifecycle.create(DnsName.of(name), ref, vpc, "m", CATALOG_TAG));

    assertThat(again.thrown()).isNull();
    assertThat(again.value()).isEqualTo(first);
    assertThat(again.calls())
        .isEqualTo(
            Map.of("CreateHostedZone", 1, "ListHostedZonesByName", 1, "ChangeTagsForResource", 1));
    assertThat(proxy.calls("CreateHostedZone").get(0).status()).isEqualTo(409);
    assertThat(zonesNamed(name)).extracting(HostedZone::callerReference).containsExactly(ref);
  }

  @Test
  void create_findsItsZone_amongManyOfTheSameName_pageByPage() {
    String name = freshName();
    // what shares the name: public zones, another team's private zone
    for (int i = 0; i < 150; i++) {
      rawPublicZone(name);
    }
    rawPrivateZone(name, "another-team-" + name, freshVpc());
    // our zone, from an earlier create whose answer was lost, somewhere past the first page
    String ref = null;
    String ours = null;
    Vpc vpc = null;
    int position = -1;
    for (int attempt = 0; position < 100; attempt++) {
      assertThat(attempt).as("tries to place our zone past the first page").isLessThan(40);
      if (ours != null) {
        String gone = ours;
        raw.deleteHostedZone(b -> b.id(gone));
      }
      ref = "ours-" + attempt + "-" + name;
      vpc = freshVpc();
      ours = rawPrivateZone(name, ref, vpc);
      position =
          zonesNamed(name).stream().map(z -> MotoServer.bareZoneId(z.id())).toList().indexOf(ours);
    }
    String theRef = ref;
    Vpc theVpc = vpc;

    Outcome<String> found =
        counted(() -> lifecycle.create(DnsName.of(name), theRef, theVpc, "m", CATALOG_TAG));

    assertThat(found.value()).isEqualTo(ours);
    assertThat(found.calls())
        .containsEntry("CreateHostedZone", 1)
        .containsEntry("ListHostedZonesByName", position / 100 + 1);
  }

  @Test
  void create_afterTheZoneWasDeletedByHand_refuses_andSaysToDeriveANewReference() {
    String name = freshName();
    Vpc vpc = freshVpc();
    String ref = "ref-" + name;
    String id = lifecycle.create(DnsName.of(name), ref, vpc, "m", CATALOG_TAG);
    raw.deleteHostedZone(b -> b.id(id));

    Outcome<String> again =
        counted(() -> lifecycle.create(DnsName.of(name), ref, vpc, "m", CATALOG_TAG));

    assertThat(again.thrown())
        .isInstanceOf(HostedZoneCreationException.class)
        .hasMessageContaining("CreateHostedZone of private hosted zone " + name)
        .hasMessageContaining("HostedZoneAlreadyExists")
        .hasMessageContaining("'" + ref + "'")
        .hasMessageContaining("derive a new one");
    assertThat(again.calls()).isEqualTo(Map.of("CreateHostedZone", 1, "ListHostedZonesByName", 1));
    assertThat(zonesNamed(name)).isEmpty();
    String recreated = lifecycle.create(DnsName.of(name), ref + "/2", vpc, "m", CATALOG_TAG);
    assertThat(recreated).isNotEqualTo(id);
  }

  @Test
  void create_whereAPrivateZoneOfTheNameIsInTheVpc_isRefused() {
    String name = freshName();
    Vpc vpc = freshVpc();
    rawPrivateZone(name, "another-team-" + name, vpc);

    Outcome<String> o =
        counted(() -> lifecycle.create(DnsName.of(name), "ref-" + name, vpc, "m", CATALOG_TAG));

    assertThat(o.thrown())
        .isInstanceOf(HostedZoneCreationException.class)
        .hasMessageContaining("ConflictingDomainExists (HTTP 400)")
        .hasMessageContaining("one per name and VPC");
    assertThat(o.calls()).isEqualTo(Map.of("CreateHostedZone", 1));
  }

  @Test
  void describe_ofAZoneThatDoesNotExist_isEmpty() {
    Outcome<Optional<ZoneInfo>> o = counted(() -> lifecycle.describe("Z0NOSUCHZONE000000000"));

    assertThat(o.value()).isEmpty();
    assertThat(o.calls()).isEqualTo(Map.of("GetHostedZone", 1));
  }

  @Test
  void associate_twice_isFine_andTheZoneHoldsEachVpcOnce() {
    String name = freshName();
    Vpc createdIn = freshVpc();
    Vpc exposedTo = new Vpc(MotoServer.dummyVpcId(), "eu-central-1");
    String id = lifecycle.create(DnsName.of(name), "ref-" + name, createdIn, "m", Map.of());

    Outcome<Void> first = counted(() -> lifecycle.associate(id, exposedTo));
    Outcome<Void> second = counted(() -> lifecycle.associate(id, exposedTo));
    Outcome<Void> home = counted(() -> lifecycle.associate(id, createdIn));

    assertThat(first.calls()).isEqualTo(Map.of("AssociateVPCWithHostedZone", 1));
    for (Outcome<Void> already : List.of(second, home)) {
      assertThat(already.thrown()).isNull();
      // Route 53 says ConflictingDomainExists; the zone's own VPCs say it is this zone's
      assertThat(already.calls())
          .isEqualTo(Map.of("AssociateVPCWithHostedZone", 1, "GetHostedZone", 1));
    }
    assertThat(raw.getHostedZone(b -> b.id(id)).vpCs())
        .extracting(VPC::vpcId)
        .containsExactlyInAnyOrder(createdIn.id(), exposedTo.id());
  }

  @Test
  void associate_withAVpcThatHasAnotherZoneOfTheName_isRefused() {
    String name = freshName();
    Vpc vpc = freshVpc();
    Vpc taken = freshVpc();
    String id = lifecycle.create(DnsName.of(name), "ref-" + name, vpc, "m", Map.of());
    rawPrivateZone(name, "another-team-" + name, taken);

    Outcome<Void> o = counted(() -> lifecycle.associate(id, taken));

    assertThat(o.thrown())
        .isInstanceOf(HostedZoneException.class)
        .hasMessageContaining("AssociateVPCWithHostedZone of hosted zone " + id)
        .hasMessageContaining("ConflictingDomainExists")
        .hasMessageContaining(taken.id())
        .hasMessageContaining("remove that zone's association first");
    assertThat(o.calls()).isEqualTo(Map.of("AssociateVPCWithHostedZone", 1, "GetHostedZone", 1));
  }

  @Test
  void tags_areAddedReplacedAndRemoved_tenAtMostPerRequest() {
    String name = freshName();
    Map<String, String> twelve = new TreeMap<>();
    for (int i = 0; i < 12; i++) {
      twelve.put("k" + i, "v" + i);
    }
    Outcome<String> created =
        counted(() -> lifecycle.create(DnsName.of(name), "ref-" + name, freshVpc(), "m", twelve));
    String id = created.value();
    assertThat(created.calls())
        .isEqualTo(Map.of("CreateHostedZone", 1, "ChangeTagsForResource", 2));
    assertThat(lifecycle.tags(id)).isEqualTo(twelve);

    Set<String> remove = new TreeSet<>(twelve.keySet());
    remove.remove("k0");
    Outcome<Void> changed =
        counted(
            () ->
                lifecycle.tag(
                    id, Map.of("k0", "replaced", "zonesync:quarantined", "2026-12-07"), remove));

    assertThat(changed.calls()).isEqualTo(Map.of("ChangeTagsForResource", 2));
    assertThat(lifecycle.tags(id))
        .isEqualTo(Map.of("k0", "replaced", "zonesync:quarantined", "2026-12-07"));
    assertThat(counted(() -> lifecycle.tag(id, Map.of(), Set.of())).calls()).isEmpty();
    assertThatThrownBy(() -> lifecycle.tag(id, Map.of("k0", "x"), Set.of("k0")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tags_ofAZoneThatDoesNotExist_sayWhich() {
    Outcome<Void> o =
        counted(() -> lifecycle.tag("Z0NOSUCHZONE000000000", Map.of("a", "b"), Set.of()));

    assertThat(o.thrown())
        .isInstanceOf(HostedZoneException.class)
        .hasMessageContaining("ChangeTagsForResource on hosted zone Z0NOSUCHZONE000000000")
        .hasMessageContaining("NoSuchHostedZone");
  }

  @Test
  void theQuota_isReported_andACreateAtItIsRefusedWithWhatToDo() {
    try (MotoServer small =
            MotoServer.startPrivate(
                MotoServer.Options.configured(),
                Map.of("ZONESYNC_STANDIN_HOSTED_ZONE_QUOTA", "3"));
        Route53Proxy smallProxy = Route53Proxy.in(small);
        Route53Client client = engineClient(smallProxy)) {
      HostedZoneLifecycle account = Engines.hostedZoneLifecycle(client);
      Outcome<Optional<ZoneQuota>> empty = counted(smallProxy, account::zoneQuota);
      assertThat(empty.value()).contains(new ZoneQuota(3, 0));
      assertThat(empty.calls()).isEqualTo(Map.of("GetAccountLimit", 1));
      List<String> refs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String name = freshName();
        refs.add("ref-" + name);
        account.create(DnsName.of(name), "ref-" + name, freshVpc(), "m", Map.of());
      }
      assertThat(account.zoneQuota()).contains(new ZoneQuota(3, 3));
      String name = freshName();

      Outcome<String> refused =
          counted(
              smallProxy,
              () -> account.create(DnsName.of(name), "ref-" + name, freshVpc(), "m", CATALOG_TAG));

      assertThat(refused.thrown())
          .isInstanceOf(HostedZoneCreationException.class)
          .hasMessageContaining("CreateHostedZone of private hosted zone " + name)
          .hasMessageContaining("TooManyHostedZones (HTTP 400): Limits Exceeded")
          .hasMessageContaining("request a Route 53 quota increase for hosted zones");
      assertThat(refused.calls()).isEqualTo(Map.of("CreateHostedZone", 1));
      // at the quota, a create whose answer was lost still finds its zone
      List<HostedZone> all = new ArrayList<>();
      try (Route53Client direct = MotoServer.newClient(small.endpoint(), 1)) {
        all.addAll(direct.listHostedZones().hostedZones());
      }
      HostedZone first =
          all.stream()
              .filter(z -> refs.get(0).equals(z.callerReference()))
              .findFirst()
              .orElseThrow();
      assertThat(account.create(DnsName.of(first.name()), refs.get(0), freshVpc(), "m", Map.of()))
          .isEqualTo(MotoServer.bareZoneId(first.id()));
    }
  }

  @Test
  void theAdapterCallsOnlyTheRoute53ActionsTheStackGrants_andEachOfThem() {
    String name = freshName();
    Vpc vpc = freshVpc();
    Set<String> seen = new TreeSet<>();
    Runnable collect = () -> seen.addAll(proxy.countsByOperation().keySet());

    proxy.clear();
    String id = lifecycle.create(DnsName.of(name), "ref-" + name, vpc, "m", CATALOG_TAG);
    lifecycle.create(DnsName.of(name), "ref-" + name, vpc, "m", CATALOG_TAG);
    lifecycle.describe(id);
    lifecycle.associate(id, freshVpc());
    lifecycle.tags(id);
    lifecycle.tag(id, Map.of("zonesync:quarantined", "now"), Set.of("zonesync:catalog"));
    lifecycle.zoneQuota();
    collect.run();

    List<String> route53Catalog =
        AwsActions.CATALOG.stream().filter(a -> a.startsWith("route53:")).toList();
    assertThat(seen.stream().map(op -> "route53:" + op))
        .containsExactlyInAnyOrderElementsOf(route53Catalog);
    // the Profiles call (Route53ProfilesTest) and what Route 53 itself asks of EC2
    assertThat(AwsActions.CATALOG)
        .containsAll(route53Catalog)
        .contains("route53profiles:AssociateResourceToProfile", "ec2:DescribeVpcs")
        .doesNotContain("route53:DeleteHostedZone", "route53:DisassociateVPCFromHostedZone");
  }

  // ------------------------------------------------------------------------------------------
  // the stand-in

  /**
   * The stand-in answers as Route 53 does where moto 5.2.5 did not (each was moto's behaviour
   * before the fix in scripts/lib/moto_route53.py); the expected texts are Route 53's.
   */
  @Nested
  class StandIn {

    private Route53Exception refusal(Runnable call) {
      try {
        call.run();
      } catch (Route53Exception e) {
        return e;
      }
      throw new AssertionError("Route 53 would have refused this");
    }

    @Test
    void aCallerReference_isNeverAcceptedTwice_evenAfterItsZoneIsDeleted() {
      String name = freshName();
      String ref = "ref-" + name;
      String id = rawPrivateZone(name, ref, freshVpc());

      Route53Exception again = refusal(() -> rawPrivateZone(freshName(), ref, freshVpc()));
      raw.deleteHostedZone(b -> b.id(id));
      Route53Exception afterDelete = refusal(() -> rawPrivateZone(name, ref, freshVpc()));

      for (Route53Exception e : List.of(again, afterDelete)) {
        assertThat(e.statusCode()).isEqualTo(409);
        assertThat(code(e)).isEqualTo("HostedZoneAlreadyExists");
        assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo(
                "A hosted zone has already been created with the specified caller reference.");
      }
      assertThat(zonesNamed(name)).isEmpty();
    }

    @Test
    void onePrivateZonePerNameAndVpc_butPublicTwinsAndNestedNamesAreFine() {
      String name = freshName();
      Vpc vpc = freshVpc();
      rawPrivateZone(name, "first-" + name, vpc);

      Route53Exception e = refusal(() -> rawPrivateZone(name, "second-" + name, vpc));

      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(code(e)).isEqualTo("ConflictingDomainExists");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo(
              "The VPC that you chose, "
                  + vpc.id()
                  + " in region eu-west-1, is already associated with another private hosted"
                  + " zone that has an overlapping name space, "
                  + name
                  + ".");
      rawPrivateZone(name, "other-vpc-" + name, freshVpc());
      rawPublicZone(name);
      rawPrivateZone("sub." + name, "nested-" + name, vpc);
      assertThat(zonesNamed(name)).hasSize(3);
    }

    @Test
    void associatingAVpcTheZoneAlreadyHas_isAConflict_andTheVpcIsListedOnce() {
      String name = freshName();
      Vpc vpc = freshVpc();
      String id = rawPrivateZone(name, "ref-" + name, vpc);

      Route53Exception e =
          refusal(
              () ->
                  raw.associateVPCWithHostedZone(
                      b -> b.hostedZoneId(id).vpc(v -> v.vpcId(vpc.id()).vpcRegion(REGION))));

      assertThat(code(e)).isEqualTo("ConflictingDomainExists");
      assertThat(raw.getHostedZone(b -> b.id(id)).vpCs()).hasSize(1);
    }

    @Test
    void listHostedZonesByName_startsAtTheName_inLabelReversedOrder_pageByPage() {
      String base = freshName();
      for (String n : List.of("z." + base, base, "a." + base, "b.a." + base)) {
        rawPublicZone(n);
      }
      String twin = rawPrivateZone(base, "twin-" + base, freshVpc());

      // pages of two from the name on: the five zones are on the first three
      List<String> names = new ArrayList<>();
      ListHostedZonesByNameResponse page =
          raw.listHostedZonesByName(b -> b.dnsName(base).maxItems("2"));
      int pages = 1;
      while (true) {
        assertThat(page.maxItems()).isEqualTo("2");
        page.hostedZones().forEach(z -> names.add(z.name()));
        if (names.size() >= 5) {
          break;
        }
        assertThat(page.hostedZones()).hasSize(2);
        assertThat(page.isTruncated()).isTrue();
        String nextName = page.nextDNSName();
        String nextId = page.nextHostedZoneId();
        page =
            raw.listHostedZonesByName(b -> b.dnsName(nextName).hostedZoneId(nextId).maxItems("2"));
        pages++;
      }

      assertThat(pages).isEqualTo(3);
      assertThat(names.subList(0, 5))
          .containsExactly(base, base, "a." + base, "b.a." + base, "z." + base);
      Route53Exception e = refusal(() -> raw.listHostedZonesByName(b -> b.hostedZoneId(twin)));
      assertThat(code(e)).isEqualTo("InvalidInput");
    }

    @Test
    void getAccountLimit_answersTheHostedZoneQuota_andTheZonesHeld() {
      GetAccountLimitResponse r =
          raw.getAccountLimit(b -> b.type(AccountLimitType.MAX_HOSTED_ZONES_BY_OWNER));

      assertThat(r.limit().value()).isEqualTo(10_000L);
      assertThat(r.count()).isEqualTo(raw.getHostedZoneCount().hostedZoneCount());
    }

    @Test
    void aTagChangeOfMoreThanTen_isRefused() {
      String id = rawPrivateZone(freshName(), "ref-" + System.nanoTime(), freshVpc());
      List<Tag> eleven = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        eleven.add(Tag.builder().key("k" + i).value("v").build());
      }

      Route53Exception adds =
          refusal(
              () ->
                  raw.changeTagsForResource(
                      b ->
                          b.resourceType(TagResourceType.HOSTEDZONE)
                              .resourceId(id)
                              .addTags(eleven)));
      Route53Exception removes =
          refusal(
              () ->
                  raw.changeTagsForResource(
                      b ->
                          b.resourceType(TagResourceType.HOSTEDZONE)
                              .resourceId(id)
                              .removeTagKeys(eleven.stream().map(Tag::key).toList())));

      assertThat(code(adds)).isEqualTo("InvalidInput");
      assertThat(adds.awsErrorDetails().errorMessage())
          .contains("at 'addTags' failed to satisfy constraint");
      assertThat(code(removes)).isEqualTo("InvalidInput");
      raw.changeTagsForResource(
          b ->
              b.resourceType(TagResourceType.HOSTEDZONE)
                  .resourceId(id)
                  .addTags(eleven.subList(0, 10)));
      assertThat(
              raw.listTagsForResource(
                      b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(id))
                  .resourceTagSet()
                  .tags())
          .hasSize(10);
    }

    @Test
    void atTheQuota_aCreateIsTooManyHostedZones_butAUsedReferenceIsStillRecognised() {
      try (MotoServer small =
              MotoServer.startPrivate(
                  MotoServer.Options.configured(),
                  Map.of("ZONESYNC_STANDIN_HOSTED_ZONE_QUOTA", "2"));
          Route53Client direct = MotoServer.newClient(small.endpoint(), 1)) {
        direct.createHostedZone(b -> b.name(freshName()).callerReference("q1"));
        direct.createHostedZone(b -> b.name(freshName()).callerReference("q2"));

        Route53Exception full =
            refusal(() -> direct.createHostedZone(b -> b.name(freshName()).callerReference("q3")));
        Route53Exception used =
            refusal(() -> direct.createHostedZone(b -> b.name(freshName()).callerReference("q1")));

        assertThat(full.statusCode()).isEqualTo(400);
        assertThat(code(full)).isEqualTo("TooManyHostedZones");
        assertThat(full.awsErrorDetails().errorMessage()).isEqualTo("Limits Exceeded");
        assertThat(code(used)).isEqualTo("HostedZoneAlreadyExists");
        GetAccountLimitResponse limit =
            direct.getAccountLimit(b -> b.type(AccountLimitType.MAX_HOSTED_ZONES_BY_OWNER));
        assertThat(limit.limit().value()).isEqualTo(2L);
        assertThat(limit.count()).isEqualTo(2L);
      }
    }
  }
}
