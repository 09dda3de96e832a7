package dev.zonesync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;

@Timeout(120)
class MotoServerIT {

  static Change change(ChangeAction action, String name, RRType type, long ttl, String... values) {
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

  static void apply(Route53Client c, String zoneId, Change... changes) {
    c.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb.changes(changes)));
  }

  static List<String> values(ResourceRecordSet r) {
    return r.resourceRecords().stream().map(ResourceRecord::value).toList();
  }

  @Test
  void createChangeList() {
    MotoServer moto = MotoServer.shared();
    assertThat(MotoServer.shared()).isSameAs(moto);
    String zone = moto.createPrivateHostedZone("moto-it.example");
    assertThat(zone).doesNotStartWith("/").isNotBlank();

    List<ResourceRecordSet> initial = moto.listAll(zone);
    assertThat(initial).extracting(ResourceRecordSet::type).containsExactly(RRType.NS, RRType.SOA);
    ResourceRecordSet soa = initial.get(1);
    // AWS-shaped initial SOA, serial 1 (moto's raw value is fixed by createPrivateHostedZone)
    assertThat(values(soa).get(0))
        .matches("ns-\\S+\\. awsdns-hostmaster\\.amazon\\.com\\. 1 7200 900 1209600 86400");

    apply(
        moto.client(),
        zone,
        change(
            ChangeAction.CREATE, "www.moto-it.example.", RRType.A, 300, "192.0.2.1", "192.0.2.2"),
        change(ChangeAction.CREATE, "t.moto-it.example.", RRType.TXT, 60, "\"a b\" \"c\""));
    apply(
        moto.client(),
        zone,
        change(ChangeAction.UPSERT, "www.moto-it.example.", RRType.A, 120, "192.0.2.3"),
        change(ChangeAction.DELETE, "t.moto-it.example.", RRType.TXT, 60, "\"a b\" \"c\""));
    List<ResourceRecordSet> all = moto.listAll(zone);
    assertThat(all).extracting(ResourceRecordSet::name).contains("www.moto-it.example.");
    ResourceRecordSet www =
        all.stream().filter(r -> r.name().startsWith("www.")).findFirst().orElseThrow();
    assertThat(www.ttl()).isEqualTo(120L);
    assertThat(values(www)).containsExactly("192.0.2.3");
    assertThat(all).noneMatch(r -> r.name().startsWith("t."));
  }

  @Test
  void listAllFollowsPagination() {
    MotoServer moto = MotoServer.shared();
    String zone = moto.createPrivateHostedZone("pages.example");
    List<Change> batch = new ArrayList<>();
    for (int i = 0; i < 650; i++) {
      batch.add(
          change(
              ChangeAction.CREATE,
              String.format("h%04d.pages.example.", i),
              RRType.A,
              300,
              "10.0." + (i / 250) + "." + (i % 250 + 1)));
      if (batch.size() == 300) {
        apply(moto.client(), zone, batch.toArray(Change[]::new));
        batch.clear();
      }
    }
    apply(moto.client(), zone, batch.toArray(Change[]::new));

    ListResourceRecordSetsResponse first =
        moto.client().listResourceRecordSets(b -> b.hostedZoneId(zone));
    assertThat(first.resourceRecordSets()).hasSize(300);
    assertThat(first.isTruncated()).isTrue();
    List<ResourceRecordSet> all = moto.listAll(zone);
    assertThat(all).hasSize(652);
    assertThat(all.stream().map(ResourceRecordSet::name).distinct()).hasSize(651);
  }

  @Test
  void rejectsBatchesOverThousandValuesUpsertCountingTwice() {
    MotoServer moto = MotoServer.shared();
    String zone = moto.createPrivateHostedZone("limits.example");
    List<Change> batch = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      batch.add(
          change(ChangeAction.UPSERT, "u" + i + ".limits.example.", RRType.A, 60, "192.0.2.1"));
    }
    assertThatThrownBy(() -> apply(moto.client(), zone, batch.toArray(Change[]::new)))
        .isInstanceOf(InvalidChangeBatchException.class);
    apply(moto.client(), zone, batch.subList(0, 500).toArray(Change[]::new));
  }

  @Test
  void unknownZoneIsAnError() {
    assertThatThrownBy(() -> MotoServer.shared().listAll("ZNOSUCHZONE"))
        .isInstanceOf(Route53Exception.class)
        .satisfies(
            e ->
                assertThat(((Route53Exception) e).awsErrorDetails().errorCode())
                    .isEqualTo("NoSuchHostedZone"));
  }

  @Test
  void sharedServer_isTheConfiguredEndpointElseOurOwnOnLoopback() {
    MotoServer shared = MotoServer.shared();
    String configured = System.getenv(MotoServer.ENDPOINT_ENV);
    if (configured != null && !configured.isBlank()) {
      // every test of this class then runs against that endpoint; this one checks it is used
      assertThat(shared.endpoint()).isEqualTo(java.net.URI.create(configured.strip()));
      assertThat(shared.isLocalProcess()).isFalse();
    } else {
      assertThat(shared.isLocalProcess()).isTrue();
      assertThat(shared.endpoint().getHost()).isEqualTo("127.0.0.1");
      assertThat(shared.log()).isNotNull();
    }
    String zone = shared.createPrivateHostedZone("shared-endpoint.example");
    assertThat(shared.listAll(zone))
        .extracting(ResourceRecordSet::type)
        .containsExactly(RRType.NS, RRType.SOA);
  }

  /**
   * {@link MotoServer#startPrivate()} ignores {@code AWS_ENDPOINT_URL_ROUTE_53} (a private server
   * is always the project's wrapper on loopback), so this runs whether or not the variable is set;
   * where the wrapper cannot start it fails with the install hint, never skips.
   */
  @Test
  void privateServerStartsResetsAndStops() {
    MotoServer own = MotoServer.startPrivate();
    try (own) {
      assertThat(own.isLocalProcess()).isTrue();
      assertThat(own.endpoint().getHost()).isEqualTo("127.0.0.1");
      String zone = own.createPrivateHostedZone("reset.example");
      assertThat(own.listAll(zone)).isNotEmpty();
      own.reset();
      assertThatThrownBy(() -> own.listAll(zone)).isInstanceOf(Route53Exception.class);
      assertThat(own.log()).contains("POST /moto-api/reset");
    }
    assertThatThrownBy(() -> own.client().listHostedZones()).isInstanceOf(RuntimeException.class);
  }
}
