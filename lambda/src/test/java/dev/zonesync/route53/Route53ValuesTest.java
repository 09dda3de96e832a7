package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import dev.zonesync.plan.Change;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Values shaped like real ListResourceRecordSets answers (which the emulator does not mimic). */
class Route53ValuesTest {

  private static ResourceRecordSet rrs(String name, String type, long ttl, String... values) {
    return ResourceRecordSet.builder()
        .name(name)
        .type(type)
        .ttl(ttl)
        .resourceRecords(
            List.of(values).stream().map(v -> ResourceRecord.builder().value(v).build()).toList())
        .build();
  }

  @Test
  void fromSdk_decodesOctalWildcardName() {
    HostedRRset h = Route53Values.fromSdk(rrs("\\052.apps.corp.example.", "A", 300, "192.0.2.80"));
    assertThat(h.name()).isEqualTo(DnsName.of("*.apps.corp.example."));
    assertThat(h.isPlain()).isTrue();
  }

  @Test
  void fromSdk_decodesOctalEscapesInNamesAndTxt() {
    HostedRRset h =
        Route53Values.fromSdk(
            rrs("odd\\100name.corp.example.", "TXT", 300, "\"caf\\303\\251\" \"x\""));
    assertThat(h.name().text()).isEqualTo("odd\\064name.corp.example.");
    // octal 303 251 = bytes 195 169 (UTF-8 for é), canonical uses decimal escapes
    assertThat(h.values()).containsExactly("\"caf\\195\\169\" \"x\"");
    assertThat(h.exactValues()).containsExactly("\"caf\\303\\251\" \"x\"");
  }

  @Test
  void fromSdk_normalisesTargetsWithoutTrailingDotAndCase() {
    HostedRRset h =
        Route53Values.fromSdk(rrs("mx.corp.example.", "MX", 300, "10 Mail.Corp.Example"));
    assertThat(h.values()).containsExactly("10 mail.corp.example.");
  }

  @Test
  void fromSdk_keepsAliasAndRoutingPolicyAsForeign() {
    HostedRRset alias =
        Route53Values.fromSdk(
            ResourceRecordSet.builder()
                .name("lb.corp.example.")
                .type("A")
                .aliasTarget(
                    AliasTarget.builder()
                        .dnsName("internal-lb-1.eu-west-1.elb.amazonaws.com.")
                        .hostedZoneId("Z32O12XQLNTSW2")
                        .evaluateTargetHealth(false)
                        .build())
                .build());
    assertThat(alias.isAlias()).isTrue();
    assertThat(alias.values()).isEmpty();
    HostedRRset weighted =
        Route53Values.fromSdk(
            rrs("w.corp.example.", "A", 60, "192.0.2.1").toBuilder()
                .setIdentifier("blue")
                .weight(10L)
                .build());
    assertThat(weighted.hasRoutingPolicy()).isTrue();
  }

  @Test
  void fromSdk_whenValueUnparseable_comparesItAsWritten() {
    HostedRRset h = Route53Values.fromSdk(rrs("x.corp.example.", "A", 300, " not-an-address "));
    assertThat(h.values()).containsExactly("not-an-address");
  }

  @Test
  void toSdk_writesOctalEscapesAndKeepsWildcardLiteral() {
    RRset r =
        new RRset(DnsName.of("*.apps.corp.example."), RrType.TXT, 60, List.of("\"caf\\195\\169\""));
    ResourceRecordSet s = Route53Values.toSdk(new Change.Create(r));
    assertThat(s.name()).isEqualTo("*.apps.corp.example.");
    assertThat(s.resourceRecords().get(0).value()).isEqualTo("\"caf\\303\\251\"");
  }

  @Test
  void toSdk_deleteRepeatsExactlyWhatWasRead() {
    HostedRRset read =
        Route53Values.fromSdk(rrs("old.corp.example.", "CNAME", 300, "Target.corp.example"));
    ResourceRecordSet s = Route53Values.toSdk(new Change.Delete(read));
    assertThat(s.resourceRecords())
        .extracting(ResourceRecord::value)
        .containsExactly("Target.corp.example");
    assertThat(s.ttl()).isEqualTo(300);
  }

  @Test
  void name_escapesSpecialCharactersInOctal() {
    assertThat(Route53Values.name(DnsName.of("a\\@b.corp.example.")))
        .isEqualTo("a\\100b.corp.example.");
  }
}
