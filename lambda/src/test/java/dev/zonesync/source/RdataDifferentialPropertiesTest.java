package dev.zonesync.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.Escaping;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Differential test of the canonical form against dnsjava, for every type zonesync sends to Route
 * 53: random wire rdata is read by dnsjava, converted by zonesync ({@link Records#value}), and
 * zonesync's text must be parsed by dnsjava's own presentation parser back to the same wire bytes;
 * its Route 53 rendering (octal escapes) must read back to the same canonical text.
 *
 * <p>dnsjava 3.6 does not implement RFC 9460 Appendix A.1 value-lists (it keeps {@code \,} and
 * {@code \\} inside alpn ids), so alpn ids with commas or backslashes are left to {@code
 * SvcParamsTest}, which checks them against the RFC's own test vectors.
 */
class RdataDifferentialPropertiesTest {

  private static final Name OWNER = Name.fromConstantString("rr.example.");

  static {
    Records.name(Name.root); // loads zonesync's type registration before any parsing
  }

  // ---- wire generators ----

  private static Arbitrary<Integer> u8() {
    return Arbitraries.integers().between(0, 255);
  }

  private static Arbitrary<Integer> u16() {
    return Arbitraries.integers().between(0, 65535);
  }

  private static Arbitrary<Long> u32() {
    return Arbitraries.longs().between(0, 0xffffffffL);
  }

  /** Bytes biased to the ones that need escaping. */
  private static Arbitrary<byte[]> bytes(int min, int max) {
    Arbitrary<Integer> b =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, Arbitraries.of("abcXYZ019-_=:/.".chars().boxed().toList())),
            net.jqwik.api.Tuple.of(3, Arbitraries.of("\"\\ ;(),*@$\t".chars().boxed().toList())),
            net.jqwik.api.Tuple.of(2, u8()));
    return b.list().ofMinSize(min).ofMaxSize(max).map(RdataDifferentialPropertiesTest::toBytes);
  }

  private static byte[] toBytes(List<Integer> l) {
    byte[] out = new byte[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (int) l.get(i);
    }
    return out;
  }

  /** A wire-format name (uncompressed): 0–4 labels of arbitrary bytes. */
  private static Arbitrary<byte[]> name() {
    return bytes(1, 12)
        .list()
        .ofMinSize(0)
        .ofMaxSize(4)
        .map(
            labels -> {
              ByteArrayOutputStream o = new ByteArrayOutputStream();
              for (byte[] l : labels) {
                o.write(l.length);
                o.write(l, 0, l.length);
              }
              o.write(0);
              return o.toByteArray();
            });
  }

  private static Arbitrary<byte[]> charString() {
    return bytes(0, 255).map(b -> cat(new byte[] {(byte) b.length}, b));
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.write(p, 0, p.length);
    }
    return o.toByteArray();
  }

  private static byte[] n8(int v) {
    return new byte[] {(byte) v};
  }

  private static byte[] n16(int v) {
    return new byte[] {(byte) (v >> 8), (byte) v};
  }

  private static byte[] n32(long v) {
    return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
  }

  private static Arbitrary<byte[]> ipv6() {
    // zero runs and IPv4-mapped addresses are where presentations differ
    Arbitrary<byte[]> any = bytes(16, 16);
    Arbitrary<byte[]> sparse =
        Arbitraries.of(0, 1, 0xffff).list().ofSize(8).map(RdataDifferentialPropertiesTest::groups);
    Arbitrary<byte[]> mapped = bytes(4, 4).map(v4 -> cat(new byte[10], n16(0xffff), v4));
    return Arbitraries.oneOf(any, sparse, mapped);
  }

  private static byte[] groups(List<Integer> g) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (int v : g) {
      o.write(v >> 8);
      o.write(v);
    }
    return o.toByteArray();
  }

  private static Arbitrary<byte[]> svcParams() {
    Arbitrary<byte[]> alpnId =
        bytes(1, 20)
            .filter(
                b ->
                    new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .chars()
                        .noneMatch(c -> c == ',' || c == '\\'));
    Map<Integer, Arbitrary<byte[]>> values = new TreeMap<>();
    values.put(
        1,
        alpnId
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(
                ids -> {
                  ByteArrayOutputStream o = new ByteArrayOutputStream();
                  for (byte[] id : ids) {
                    o.write(id.length);
                    o.write(id, 0, id.length);
                  }
                  return o.toByteArray();
                }));
    values.put(2, Arbitraries.just(new byte[0]));
    values.put(3, u16().map(RdataDifferentialPropertiesTest::n16));
    values.put(
        4, bytes(4, 4).list().ofMinSize(1).ofMaxSize(3).map(l -> cat(l.toArray(new byte[0][]))));
    values.put(5, bytes(1, 40));
    values.put(6, ipv6().list().ofMinSize(1).ofMaxSize(3).map(l -> cat(l.toArray(new byte[0][]))));
    values.put(7, bytes(1, 30));
    values.put(667, bytes(0, 30));
    List<Arbitrary<byte[]>> chosen = new ArrayList<>();
    for (Map.Entry<Integer, Arbitrary<byte[]>> e : values.entrySet()) {
      int key = e.getKey();
      Arbitrary<byte[]> param = e.getValue().map(v -> cat(n16(key), n16(v.length), v));
      chosen.add(Arbitraries.oneOf(param, Arbitraries.just(new byte[0])));
    }
    // keys in increasing order, each present or not
    return Combinators.combine(chosen).as(parts -> cat(parts.toArray(new byte[0][])));
  }

  /** Random rdata per Route 53 type, as the wire carries it. */
  static Map<RrType, Arbitrary<byte[]>> generators() {
    Map<RrType, Arbitrary<byte[]>> g = new TreeMap<>();
    g.put(RrType.A, bytes(4, 4));
    g.put(RrType.AAAA, ipv6());
    g.put(
        RrType.CAA,
        Combinators.combine(
                u8(),
                Arbitraries.strings()
                    .withChars("abcdefghijklmnopqrstuvwxyz0123456789")
                    .ofMinLength(1)
                    .ofMaxLength(15),
                bytes(0, 80))
            .as((f, tag, v) -> cat(n8(f), n8(tag.length()), tag.getBytes(), v)));
    g.put(RrType.CNAME, name());
    g.put(RrType.NS, name());
    g.put(RrType.PTR, name());
    g.put(
        RrType.DS,
        // digest lengths as the digest type requires (dnsjava, like Route 53, checks them)
        Combinators.combine(u16(), u8(), Arbitraries.of(1, 2, 4, 3, 200), bytes(1, 48))
            .as(
                (k, a, d, h) -> {
                  int len = d == 1 ? 20 : d == 2 || d == 3 ? 32 : d == 4 ? 48 : h.length;
                  return cat(n16(k), n8(a), n8(d), java.util.Arrays.copyOf(h, len));
                }));
    g.put(RrType.MX, Combinators.combine(u16(), name()).as((p, n) -> cat(n16(p), n)));
    g.put(
        RrType.NAPTR,
        Combinators.combine(u16(), u16(), charString(), charString(), charString(), name())
            .as((o, p, f, s, r, n) -> cat(n16(o), n16(p), f, s, r, n)));
    g.put(
        RrType.SOA,
        Combinators.combine(name(), name(), u32(), u32(), u32(), u32(), u32())
            .as((m, r, a, b, c, d, e) -> cat(m, r, n32(a), n32(b), n32(c), n32(d), n32(e))));
    Arbitrary<byte[]> strings =
        charString().list().ofMinSize(1).ofMaxSize(3).map(l -> cat(l.toArray(new byte[0][])));
    g.put(RrType.TXT, strings);
    g.put(RrType.SPF, strings);
    g.put(
        RrType.SRV,
        Combinators.combine(u16(), u16(), u16(), name())
            .as((p, w, port, n) -> cat(n16(p), n16(w), n16(port), n)));
    g.put(
        RrType.SSHFP,
        Combinators.combine(u8(), u8(), bytes(1, 32)).as((a, t, f) -> cat(n8(a), n8(t), f)));
    g.put(
        RrType.TLSA,
        Combinators.combine(u8(), u8(), u8(), bytes(1, 64))
            .as((u, s, m, d) -> cat(n8(u), n8(s), n8(m), d)));
    Arbitrary<byte[]> svcb =
        Combinators.combine(u16().filter(p -> p > 0), name(), svcParams())
            .as((p, n, params) -> cat(n16(p), n, params));
    g.put(RrType.SVCB, svcb);
    g.put(RrType.HTTPS, svcb);
    return g;
  }

  record Sample(RrType type, byte[] rdata) {
    @Override
    public String toString() {
      return type + " \\# " + rdata.length + " " + HexFormat.of().formatHex(rdata);
    }
  }

  @Provide
  Arbitrary<Sample> samples() {
    List<Arbitrary<Sample>> all = new ArrayList<>();
    generators().forEach((t, a) -> all.add(a.map(b -> new Sample(t, b))));
    return Arbitraries.oneOf(all);
  }

  @Test
  void everyTypeZonesyncSendsToRoute53_isGeneratedHere_andHasASchema() {
    assertThat(generators().keySet()).containsExactlyInAnyOrderElementsOf(RrType.ROUTE53_TYPES);
    for (RrType t : RrType.ROUTE53_TYPES) {
      assertThat(Rdata.isStructured(t)).as("%s has a field schema", t).isTrue();
    }
  }

  @Property(tries = 3000)
  void canonicalValue_isParsedByDnsjavaToTheSameWire_andSurvivesRoute53(@ForAll("samples") Sample s)
      throws Exception {
    Record fromWire = Record.newRecord(OWNER, s.type().code(), DClass.IN, 300, s.rdata());
    String canonical = Records.value(fromWire);
    // dnsjava's parser, fed zonesync's text, rebuilds the wire (names compared case-folded)
    Record reparsed =
        Record.fromString(OWNER, s.type().code(), DClass.IN, 300, canonical, Name.root);
    assertThat(HexFormat.of().formatHex(reparsed.rdataToWireCanonical()))
        .as("%s -> %s", s, canonical)
        .isEqualTo(HexFormat.of().formatHex(fromWire.rdataToWireCanonical()));
    // canonical text is a fixed point, and Route 53's octal rendering reads back to it
    assertThat(Rdata.canonicalize(s.type(), canonical, Escaping.DECIMAL)).isEqualTo(canonical);
    String route53 = Rdata.render(s.type(), canonical, Escaping.OCTAL);
    assertThat(route53).hasSameSizeAs(canonical);
    assertThat(Rdata.canonicalize(s.type(), route53, Escaping.OCTAL)).isEqualTo(canonical);
    assertThat(Type.string(s.type().code())).isEqualTo(s.type().mnemonic());
  }
}
