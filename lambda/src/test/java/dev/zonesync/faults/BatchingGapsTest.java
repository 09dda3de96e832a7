package dev.zonesync.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zonesync.config.ConfigException;
import dev.zonesync.config.ConfigParser;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Escaping;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.Soa;
import dev.zonesync.model.ZoneSnapshot;
import dev.zonesync.plan.BatchLimits;
import dev.zonesync.plan.Batcher;
import dev.zonesync.plan.OwnershipRules;
import dev.zonesync.plan.Plan;
import dev.zonesync.plan.Planner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plans the planner accepts but the batcher cannot pack, found by {@link BatchingPropertiesTest}
 * (shrunk to these examples): the serial commit (SOA UPSERT + marker) must travel in one request
 * with every change at its names, but neither the planner's size check nor the configuration's
 * limit validation counts the commit.
 */
class BatchingGapsTest {

  private static final DnsName ZONE = DnsName.of("corp.example.");

  private static List<HostedRRset> freshHostedZone() {
    RRset soa =
        new RRset(
            ZONE,
            RrType.SOA,
            900,
            List.of(
                Rdata.canonicalize(
                    RrType.SOA,
                    "ns-2048.awsdns-64.net. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400",
                    Escaping.DECIMAL)));
    return List.of(HostedRRset.plain(soa, soa.values()));
  }

  private static ZoneSnapshot zoneWithApexA(int values) {
    List<String> v = new ArrayList<>();
    for (int i = 0; i < values; i++) {
      v.add("10.0." + (i / 250) + "." + (i % 250 + 1));
    }
    return new ZoneSnapshot(
        ZONE,
        new Soa(
            DnsName.of("ns1.corp.example."),
            DnsName.of("hostmaster.corp.example."),
            Serial.of(7),
            3600),
        List.of(
            RRset.of(ZONE, RrType.A, 300, v),
            RRset.of(ZONE, RrType.NS, 3600, List.of("ns1.corp.example."))));
  }

  @Test
  void plan_whenApexDataFitsARequestAloneButNotWithTheSerialCommit_canStillBeBatched() {
    // 999 apex A values fit one request (1000); with the SOA UPSERT (2) and the marker (1) they
    // do not. The planner should report the apex set (TOO_LARGE) or leave room, not hand the
    // batcher a plan it cannot pack.
    Plan plan =
        Planner.plan(
            zoneWithApexA(999),
            freshHostedZone(),
            OwnershipRules.defaults(ZONE),
            BatchLimits.ROUTE53);

    assertThatCode(() -> Batcher.batch(plan, BatchLimits.ROUTE53)).doesNotThrowAnyException();
  }

  @Test
  void plan_whenApexDataAndTheSerialCommitFitTogether_isBatched() {
    // the control for the gap above: 997 + 3 fits exactly
    Plan plan =
        Planner.plan(
            zoneWithApexA(997),
            freshHostedZone(),
            OwnershipRules.defaults(ZONE),
            BatchLimits.ROUTE53);

    assertThat(Batcher.batch(plan, BatchLimits.ROUTE53)).hasSize(1);
  }

  @Test
  void config_whenBatchLimitsCannotCarryTheSerialCommit_isRefused() {
    // the commit is an SOA UPSERT (2 x ~85 characters) and the marker (~70, x2 as UPSERT)
    String yaml =
        """
        version: 1
        tsigKeys: [{name: k., secret: {env: S}}]
        zones:
          - name: corp.example.
            hostedZoneId: ZFAULTS
            masters: ["127.0.0.1"]
            tsig: k.
            batch: {maxValueChars: 150}
        """;

    Throwable t = catchThrowable(() -> ConfigParser.parse(yaml, "t"));

    assertThat(t).isInstanceOf(ConfigException.class).hasMessageContaining("batch.maxValueChars");
  }
}
