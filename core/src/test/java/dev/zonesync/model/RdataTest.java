package dev.zonesync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RdataTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "A|010.0.0.1|10.0.0.1",
        "AAAA|2001:0db8:0000:0000:0000:0000:0000:0001|2001:db8::1",
        "AAAA|2001:DB8:0:0:1:0:0:1|2001:db8::1:0:0:1",
        "AAAA|::ffff:192.0.2.1|::ffff:c000:201",
        "CNAME|Target.Corp.Example|target.corp.example.",
        "MX|10   Mail.corp.example.|10 mail.corp.example.",
        "MX|0 .|0 .",
        "SRV|0 5 389 dc1.corp.example.|0 5 389 dc1.corp.example.",
        "CAA|0 ISSUE \"letsencrypt.org\"|0 issue \"letsencrypt.org\"",
        "CAA|0 iodef mailto:sec@corp.example|0 iodef \"mailto:sec@corp.example\"",
        "SSHFP|1 1 ABCDEF0123|1 1 abcdef0123",
        "TLSA|3 1 1 AB CD|3 1 1 abcd",
        "DS|12345 8 2 ABCD|12345 8 2 abcd",
        "NAPTR|100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.corp.example.|100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.corp.example.",
        "HTTPS|1 . alpn=\"h2,h3\" port=8443|1 . alpn=h2,h3 port=8443",
        "SVCB|0 svc.corp.example.|0 svc.corp.example.",
        "SVCB|1 svc.corp.example. ipv6hint=2001:0db8::0001|1 svc.corp.example. ipv6hint=2001:db8::1",
        "TXT|hello|\"hello\"",
        "TXT|\"a\" \"b\"|\"a\" \"b\"",
        "TXT|\"v=spf1 -all\"|\"v=spf1 -all\"",
        "SPF|\"v=spf1 mx -all\"|\"v=spf1 mx -all\"",
        "SOA|ns1.corp.example. Hostmaster.corp.example. 7 3600 600 86400 300|ns1.corp.example. hostmaster.corp.example. 7 3600 600 86400 300"
      })
  void canonicalize_normalisesPresentation(String type, String text, String canonical) {
    assertThat(Rdata.canonicalize(RrType.fromName(type), text, Escaping.DECIMAL))
        .isEqualTo(canonical);
  }

  @Test
  void txt_escapesQuotesBackslashesAndNonPrintables() {
    String c =
        Rdata.canonicalize(RrType.TXT, "\"say \\\"hi\\\"; path c:\\\\x \\200\"", Escaping.DECIMAL);
    assertThat(c).isEqualTo("\"say \\\"hi\\\"; path c:\\\\x \\200\"");
    // Route 53 writes the same byte 200 (decimal) as octal 310
    assertThat(Rdata.render(RrType.TXT, c, Escaping.OCTAL))
        .isEqualTo("\"say \\\"hi\\\"; path c:\\\\x \\310\"")
        .hasSameSizeAs(c);
    assertThat(
            Rdata.canonicalize(
                RrType.TXT, "\"say \\\"hi\\\"; path c:\\\\x \\310\"", Escaping.OCTAL))
        .isEqualTo(c);
  }

  @Test
  void txt_longerThan255Bytes_isSplitIntoCharacterStrings() {
    String big = "x".repeat(600);
    String c = Rdata.canonicalize(RrType.TXT, "\"" + big + "\"", Escaping.DECIMAL);
    assertThat(c)
        .isEqualTo(
            "\"" + "x".repeat(255) + "\" \"" + "x".repeat(255) + "\" \"" + "x".repeat(90) + "\"");
    assertThat(Rdata.characterStrings(List.of(big.getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo(c);
  }

  @Test
  void txt_keepsChunkBoundariesFromTheSource() {
    String c =
        Rdata.characterStrings(
            List.of(
                "ab".getBytes(StandardCharsets.US_ASCII),
                "cd".getBytes(StandardCharsets.US_ASCII)));
    assertThat(c).isEqualTo("\"ab\" \"cd\"");
    assertThat(c).isNotEqualTo(Rdata.canonicalize(RrType.TXT, "\"abcd\"", Escaping.DECIMAL));
  }

  @Test
  void render_octal_keepsLengthForNamesInRdata() {
    String c = Rdata.canonicalize(RrType.MX, "10 odd\\@mx.corp.example.", Escaping.DECIMAL);
    assertThat(c).isEqualTo("10 odd\\064mx.corp.example.");
    String r = Rdata.render(RrType.MX, c, Escaping.OCTAL);
    assertThat(r).isEqualTo("10 odd\\100mx.corp.example.").hasSameSizeAs(c);
    assertThat(Rdata.canonicalize(RrType.MX, r, Escaping.OCTAL)).isEqualTo(c);
  }

  @Test
  void canonicalize_whenFieldsWrong_namesTypeAndValue() {
    assertThatThrownBy(() -> Rdata.canonicalize(RrType.A, "10.0.0", Escaping.DECIMAL))
        .isInstanceOf(InvalidRdataException.class)
        .hasMessageContaining("invalid A value '10.0.0'");
    assertThatThrownBy(() -> Rdata.canonicalize(RrType.MX, "ten mail.", Escaping.DECIMAL))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> Rdata.canonicalize(RrType.TXT, "\"open", Escaping.DECIMAL))
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> Rdata.canonicalize(RrType.SSHFP, "1 1 XYZ", Escaping.DECIMAL))
        .hasMessageContaining("hex");
  }

  @Test
  void soaSerial_readsAndReplacesOnlyTheSerial() {
    String soa = "ns-2048.awsdns-64.net. hostmaster.example.com. 1 7200 900 1209600 86400";
    assertThat(Rdata.soaSerial(soa)).isEqualTo(Serial.of(1));
    assertThat(Rdata.withSoaSerial(soa, Serial.of(2026112201L)))
        .isEqualTo(
            "ns-2048.awsdns-64.net. hostmaster.example.com. 2026112201 7200 900 1209600 86400");
  }

  @Test
  void unstructuredTypes_keepTokens() {
    assertThat(Rdata.canonicalize(RrType.HINFO, "\"PC\"   \"Windows\"", Escaping.DECIMAL))
        .isEqualTo("\"PC\" \"Windows\"");
  }
}
