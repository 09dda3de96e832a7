package dev.zonesync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * SvcParams per RFC 9460. Expected wire forms are the RFC's own test vectors (Appendix D) and
 * hand-encoded bytes; expected texts follow section 2.1 and Appendix A by hand.
 */
class SvcParamsTest {

  private static String canon(String text) {
    return Rdata.canonicalize(RrType.SVCB, text, Escaping.DECIMAL);
  }

  private static String fromWire(String hex) {
    return Rdata.svcbFromWire(RrType.SVCB, HexFormat.of().parseHex(hex.replace(" ", "")));
  }

  @Test
  void alpnWithEscapedComma_isTwoIds_rfc9460AppendixD2Figure9() {
    // RFC 9460 D.2 Figure 9: two ids, "f\oo,bar" and "h2"
    String wire = "0010 03666f6f076578616d706c65036f726700 0001 000c 08665c6f6f2c626172 026832";
    String expected = "16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"";
    assertThat(fromWire(wire)).isEqualTo(expected);
    assertThat(canon("16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"")).isEqualTo(expected);
    assertThat(canon("16 foo.example.org. alpn=f\\\\\\092oo\\092,bar,h2")).isEqualTo(expected);
  }

  @Test
  void alpnFromTheIssue_fooCommaBarAndH2_staysTwoIds() {
    // "foo\\,bar,h2": the char-string gives foo\,bar,h2; the value-list gives "foo,bar" and "h2"
    String expected = "1 . alpn=\"foo\\\\,bar,h2\"";
    assertThat(canon("1 . alpn=\"foo\\\\,bar,h2\"")).isEqualTo(expected);
    assertThat(fromWire("0001 00 0001 000b 07666f6f2c626172 026832")).isEqualTo(expected);
  }

  @Test
  void alpnWithSpace_isQuoted() {
    assertThat(canon("1 . alpn=a\\ b")).isEqualTo("1 . alpn=\"a b\"");
    assertThat(fromWire("0001 00 0001 0004 03612062")).isEqualTo("1 . alpn=\"a b\"");
  }

  @Test
  void alpnOfOneBackslash_isEscapedTwice() {
    // one id of one byte 0x5C: value-list \\ , char-string \\\\
    assertThat(fromWire("0001 00 0001 0002 015c")).isEqualTo("1 . alpn=\"\\\\\\\\\"");
    assertThat(canon("1 . alpn=\\\\\\\\")).isEqualTo("1 . alpn=\"\\\\\\\\\"");
  }

  @Test
  void ipv6hintWithIpv4MappedAddress_staysIpv6() {
    String wire =
        "0001 00 0006 0020 00000000000000000000ffffc6336464 20010db8000000000000000000000001";
    assertThat(fromWire(wire)).isEqualTo("1 . ipv6hint=::ffff:c633:6464,2001:db8::1");
    assertThat(canon("1 . ipv6hint=::ffff:198.51.100.100,2001:db8::1"))
        .isEqualTo("1 . ipv6hint=::ffff:c633:6464,2001:db8::1");
  }

  @Test
  void keysAreSortedAndNamed_rfc9460AppendixD2Figure8() {
    // D.2 Figure 8: mandatory=alpn,ipv4hint written in another order
    assertThat(
            canon("16 foo.example.org. ipv4hint=192.0.2.1 alpn=h2,h3-19 mandatory=ipv4hint,alpn"))
        .isEqualTo("16 foo.example.org. mandatory=alpn,ipv4hint alpn=h2,h3-19 ipv4hint=192.0.2.1");
    assertThat(
            fromWire(
                "0010 03666f6f076578616d706c65036f726700 0000 0004 00010004 0001 0009 026832"
                    + "0568332d3139 0004 0004 c0000201"))
        .isEqualTo("16 foo.example.org. mandatory=alpn,ipv4hint alpn=h2,h3-19 ipv4hint=192.0.2.1");
  }

  @Test
  void unknownKeyAndQuotedValue_rfc9460AppendixD2Figure4And5() {
    // Figure 4: key667=hello; Figure 5: key667="hello\210qoo" (decimal escape 210)
    assertThat(fromWire("0001 03666f6f076578616d706c6503636f6d00 029b 0005 68656c6c6f"))
        .isEqualTo("1 foo.example.com. key667=hello");
    assertThat(canon("1 foo.example.com. key667=\"hello\\210qoo\""))
        .isEqualTo("1 foo.example.com. key667=\"hello\\210qoo\"");
  }

  @Test
  void laterMnemonics_areReadButWrittenByNumber_rfc9460KeysByName() {
    assertThat(canon("1 . dohpath=/q{?dns}")).isEqualTo("1 . key7=/q{?dns}");
    assertThat(canon("1 . DOHPATH=/q{?dns} KEY3=443 ohttp"))
        .isEqualTo("1 . port=443 key7=/q{?dns} key8");
  }

  @Test
  void malformedParams_areInvalidRdata() {
    assertThatThrownBy(() -> canon("1 . port=443 port=80"))
        .isInstanceOf(InvalidRdataException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> canon("1 . alpn=")).isInstanceOf(InvalidRdataException.class);
    assertThatThrownBy(() -> fromWire("0001 00 0003 0001 01"))
        .isInstanceOf(InvalidRdataException.class);
    assertThatThrownBy(() -> fromWire("0001 00 0003 0002 01bb 0001 0003 026832"))
        .isInstanceOf(InvalidRdataException.class)
        .hasMessageContaining("increasing");
  }

  @Test
  void route53Rendering_roundTrips() {
    String v = canon("1 . alpn=\"a b\\255,h2\" key9=\"\\001x\"");
    String r53 = Rdata.render(RrType.SVCB, v, Escaping.OCTAL);
    assertThat(r53).contains("\\377").hasSameSizeAs(v);
    assertThat(Rdata.canonicalize(RrType.SVCB, r53, Escaping.OCTAL)).isEqualTo(v);
  }
}
