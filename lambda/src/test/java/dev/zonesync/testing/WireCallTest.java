package dev.zonesync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class WireCallTest {

  @ParameterizedTest
  @CsvSource({
    "GET, /2013-04-01/hostedzone/Z1/rrset, ListResourceRecordSets",
    "POST, /2013-04-01/hostedzone/Z1/rrset/, ChangeResourceRecordSets",
    "POST, /2013-04-01/hostedzone/Z1/rrset, ChangeResourceRecordSets",
    "GET, /2013-04-01/hostedzone/Z1, GetHostedZone",
    "DELETE, /2013-04-01/hostedzone/Z1, DeleteHostedZone",
    "GET, /2013-04-01/change/C2682N5HXP0BZ4, GetChange",
    "POST, /2013-04-01/hostedzone, CreateHostedZone",
    "GET, /2013-04-01/hostedzone, ListHostedZones",
    "GET, /2013-04-01/hostedzonelimit/Z1/MAX_RRSETS_BY_ZONE, GetHostedZoneLimit",
    "GET, /2013-04-01/hostedzonesbyname, ListHostedZonesByName",
    "GET, /2013-04-01/hostedzonecount, GetHostedZoneCount",
    "GET, /2013-04-01/accountlimit/MAX_HOSTED_ZONES_BY_OWNER, GetAccountLimit",
    "GET, /2013-04-01/tags/hostedzone/Z1, ListTagsForResource",
    "POST, /2013-04-01/hostedzone/Z1/associatevpc, AssociateVPCWithHostedZone",
    "GET, /moto-api/data.json, /moto-api/data.json",
    "PUT, /2013-04-01/hostedzone/Z1/rrset, /2013-04-01/hostedzone/Z1/rrset",
  })
  void operationNames(String method, String path, String expected) {
    assertThat(WireCall.operationOf(method, path)).isEqualTo(expected);
  }

  private static WireCall call(String op, String path, String body) {
    return new WireCall(
        1, op, "POST", path, "", body, 200, "", 200, Duration.ZERO, null, Instant.now());
  }

  @Test
  void hostedZoneIdFromPath() {
    assertThat(call("X", "/2013-04-01/hostedzone/Z1ABC/rrset/", "").hostedZoneId())
        .contains("Z1ABC");
    assertThat(call("X", "/2013-04-01/hostedzonelimit/Z9/MAX_RRSETS_BY_ZONE", "").hostedZoneId())
        .contains("Z9");
    assertThat(call("X", "/2013-04-01/change/C1", "").hostedZoneId()).isEmpty();
  }

  static final String BATCH =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">\
      <ChangeBatch><Comment>zonesync &amp; friends</Comment><Changes>\
      <Change><Action>DELETE</Action><ResourceRecordSet><Name>old.corp.example.</Name>\
      <Type>A</Type><TTL>300</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value>\
      </ResourceRecord><ResourceRecord><Value>192.0.2.2</Value></ResourceRecord></ResourceRecords>\
      </ResourceRecordSet></Change>\
      <Change><Action>UPSERT</Action><ResourceRecordSet><Name>\\052.apps.corp.example.</Name>\
      <Type>TXT</Type><TTL>60</TTL><ResourceRecords><ResourceRecord>\
      <Value>"say \\"hi\\" &lt;&amp;&gt; ok"</Value></ResourceRecord></ResourceRecords>\
      </ResourceRecordSet></Change>\
      <Change><Action>CREATE</Action><ResourceRecordSet><Name>w.corp.example.</Name>\
      <Type>A</Type><SetIdentifier>eu</SetIdentifier><Weight>10</Weight>\
      <AliasTarget><HostedZoneId>Z2</HostedZoneId><DNSName>lb.example.</DNSName>\
      <EvaluateTargetHealth>true</EvaluateTargetHealth></AliasTarget></ResourceRecordSet></Change>\
      </Changes></ChangeBatch></ChangeResourceRecordSetsRequest>""";

  @Test
  void parsesChangeBatchAndCountsLimitsLikeRoute53() {
    WireCall c = call("ChangeResourceRecordSets", "/2013-04-01/hostedzone/Z1/rrset/", BATCH);
    WireCall.ChangeBatch b = c.changeBatch().orElseThrow();
    assertThat(b.comment()).isEqualTo("zonesync & friends");
    assertThat(b.changeCount()).isEqualTo(3);

    WireCall.Change del = b.changes().get(0);
    assertThat(del.action()).isEqualTo("DELETE");
    assertThat(del.name()).isEqualTo("old.corp.example.");
    assertThat(del.type()).isEqualTo("A");
    assertThat(del.ttl()).isEqualTo(300L);
    assertThat(del.values()).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(del.alias()).isNull();
    assertThat(del.setIdentifier()).isNull();

    WireCall.Change up = b.changes().get(1);
    assertThat(up.name()).isEqualTo("\\052.apps.corp.example.");
    String v = "\"say \\\"hi\\\" <&> ok\"";
    assertThat(up.values()).containsExactly(v);
    assertThat(up.weightedValueCount()).isEqualTo(2);
    assertThat(up.weightedValueChars()).isEqualTo(2L * v.length());

    WireCall.Change alias = b.changes().get(2);
    assertThat(alias.ttl()).isNull();
    assertThat(alias.values()).isEmpty();
    assertThat(alias.setIdentifier()).isEqualTo("eu");
    assertThat(alias.alias()).isEqualTo(new WireCall.AliasTarget("Z2", "lb.example.", true));

    // DELETE 2 values + UPSERT 1 value x2 + alias 0
    assertThat(b.valueCount()).isEqualTo(4);
    assertThat(b.valueChars()).isEqualTo(9 + 9 + 2L * v.length());
  }

  @Test
  void changeBatchOnlyForChangeResourceRecordSets() {
    assertThat(call("GetHostedZone", "/2013-04-01/hostedzone/Z1", BATCH).changeBatch()).isEmpty();
  }

  @Test
  void rejectsDoctypes() {
    String evil =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + "<ChangeResourceRecordSetsRequest><ChangeBatch><Changes/></ChangeBatch>"
            + "</ChangeResourceRecordSetsRequest>";
    assertThatThrownBy(() -> WireCall.ChangeBatch.parse(evil))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
