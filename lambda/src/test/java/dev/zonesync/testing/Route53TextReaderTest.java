package dev.zonesync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The tests' own reader of Route 53 text: every expected value here is written by hand. */
class Route53TextReaderTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "www.corp.example.|www.corp.example.",
        // Route 53 drops the trailing dot in places and keeps case as sent by some tools
        "MixedCase.Corp.Example|mixedcase.corp.example.",
        // the wildcard label, as Route 53 returns it and as moto keeps it
        "\\052.apps.corp.example.|*.apps.corp.example.",
        "*.apps.corp.example.|*.apps.corp.example.",
        // a * inside a label is no wildcard: one byte like any other (42 decimal)
        "a\\052b.example.|a\\042b.example.",
        // octal 100 is @ (64 decimal), octal 040 a space (32)
        "odd\\100name.corp.example.|odd\\064name.corp.example.",
        "spaced\\040name.example.|spaced\\032name.example.",
        "_ldap._tcp.corp.example.|_ldap._tcp.corp.example.",
        ".|.",
      })
  void name_isTheGoldenForm(String route53, String golden) {
    assertThat(Route53TextReader.name(route53)).isEqualTo(golden);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "A|192.0.2.1|192.0.2.1",
        "AAAA|2001:0DB8:0000:0000:0000:0000:0000:0001|2001:db8::1",
        "AAAA|2001:db8:0:1:0:0:0:1|2001:db8:0:1::1",
        // of two equal runs the first is shortened
        "AAAA|2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
        // a single zero group stays
        "AAAA|2001:db8:0:1:1:1:1:1|2001:db8:0:1:1:1:1:1",
        "AAAA|0:0:0:0:0:0:0:0|::",
        "AAAA|0:0:0:0:0:0:0:1|::1",
        "AAAA|fe80:0:0:0:0:0:0:0|fe80::",
        "CNAME|www.corp.example|www.corp.example.",
        "PTR|WWW.corp.example.|www.corp.example.",
        "NS|ns-1.awsdns-01.org.|ns-1.awsdns-01.org.",
        "MX|10 Mail1.Corp.Example.|10 mail1.corp.example.",
        "SRV|0 100 389 dc1.corp.example.|0 100 389 dc1.corp.example.",
        "TXT|'\"say \\\"hello\\\"; path C:\\\\temp\\\\zonesync; done\"'"
            + "|'\"say \\\"hello\\\"; path C:\\\\temp\\\\zonesync; done\"'",
        "TXT|'\"a b\" \"c\"'|'\"a b\" \"c\"'",
        "TXT|hello|'\"hello\"'",
        // octal in Route 53, decimal in the golden files: UTF-8 é, a tab
        "TXT|'\"caf\\303\\251\"'|'\"caf\\195\\169\"'",
        "TXT|'\"tab\\011x\"'|'\"tab\\009x\"'",
        "SPF|'\"v=spf1 -all\"'|'\"v=spf1 -all\"'",
        "CAA|'0 ISSUE \"letsencrypt.org\"'|'0 issue \"letsencrypt.org\"'",
        "CAA|'0 iodef \"mailto:security@corp.example\"'|'0 iodef \"mailto:security@corp.example\"'",
        "NAPTR|'100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.corp.example.'"
            + "|'100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.corp.example.'",
        "TLSA|3 1 1 0C72AC70B745AC19998811B131D662C9|3 1 1 0c72ac70b745ac19998811b131d662c9",
        "SSHFP|4 2 5C0A7E84B9C3DA17|4 2 5c0a7e84b9c3da17",
        "HTTPS|1 . alpn=h2,h3 port=8443|1 . alpn=h2,h3 port=8443",
        "SVCB|1 API-Backend.corp.example. alpn=h2 port=8443"
            + "|1 api-backend.corp.example. alpn=h2 port=8443",
        "SOA|ns-2048.awsdns-64.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"
            + "|ns-2048.awsdns-64.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400",
      })
  void value_isTheGoldenForm(String type, String route53, String golden) {
    assertThat(Route53TextReader.value(type, route53)).isEqualTo(golden);
  }

  @Test
  void line_joinsDistinctValuesInOrder() {
    ResourceRecordSet rrs =
        ResourceRecordSet.builder()
            .name("WWW.corp.example.")
            .type("A")
            .ttl(3600L)
            .resourceRecords(
                ResourceRecord.builder().value("192.0.2.12").build(),
                ResourceRecord.builder().value("192.0.2.10").build(),
                ResourceRecord.builder().value("192.0.2.11").build())
            .build();
    assertThat(Route53TextReader.line(rrs))
        .isEqualTo("www.corp.example. A 3600 192.0.2.10 | 192.0.2.11 | 192.0.2.12");
  }

  @Test
  void decimalEscapes_convertsOnlyNumericEscapes() {
    assertThat(Route53TextReader.decimalEscapes("a\\052b\\\\c\\\"d\\377"))
        .isEqualTo("a\\042b\\\\c\\\"d\\255");
  }

  @Test
  void decimalEscapes_refusesWhatIsNoOctalByte() {
    assertThatThrownBy(() -> Route53TextReader.decimalEscapes("a\\400"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\\400");
    assertThatThrownBy(() -> Route53TextReader.decimalEscapes("a\\089"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void value_ofATypeWithoutAGoldenForm_fails() {
    assertThatThrownBy(() -> Route53TextReader.value("HINFO", "\"PC\" \"Windows\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HINFO");
  }
}
