package dev.zonesync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Escaping;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.plan.Change;
import dev.zonesync.route53.Route53Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Names and TXT strings survive every conversion zonesync makes — RFC 1035 decimal escapes (zone
 * transfers, dnsjava), Route 53's octal escapes ({@code \052} for {@code *}), the SDK record sets
 * sent and read back — for arbitrary bytes, so an unchanged zone never plans a change
 * (docs/architecture.md, invariant 8) and a DELETE always names what Route 53 holds.
 */
class EscapingPropertiesTest {

  private static final DnsName ZONE = DnsName.of("corp.example.");

  /** A byte, biased to the ones that need escaping: dots, quotes, backslash, space, *, high. */
  private static Arbitrary<Byte> interestingByte() {
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                6, Arbitraries.of("abcxyzABCXYZ0189-_".chars().boxed().toList())),
            net.jqwik.api.Tuple.of(3, Arbitraries.of(".\"\\ ;()*@$\t".chars().boxed().toList())),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 255)))
        .map(Integer::byteValue);
  }

  @Provide
  Arbitrary<List<byte[]>> labels() {
    Arbitrary<byte[]> label =
        interestingByte().list().ofMinSize(1).ofMaxSize(20).map(EscapingPropertiesTest::bytes);
    Arbitrary<byte[]> wildcard = Arbitraries.just(new byte[] {'*'});
    return Arbitraries.oneOf(label, label, label, wildcard).list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<byte[]>> txtStrings() {
    return interestingByte()
        .list()
        .ofMinSize(0)
        .ofMaxSize(700)
        .map(EscapingPropertiesTest::bytes)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  private static byte[] bytes(List<Byte> l) {
    byte[] b = new byte[l.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = l.get(i);
    }
    return b;
  }

  /** Labels below the test zone, as a name; null when longer than a DNS name may be. */
  private static DnsName nameOf(List<byte[]> labels) {
    List<byte[]> all = new ArrayList<>(labels);
    all.addAll(ZONE.labels());
    int wire = 1;
    for (byte[] l : all) {
      wire += l.length + 1;
    }
    return wire > 255 ? null : DnsName.fromLabels(all);
  }

  private static byte[] lower(byte[] b) {
    byte[] out = b.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] >= 'A' && out[i] <= 'Z') {
        out[i] += 32;
      }
    }
    return out;
  }

  private static final Pattern ROUTE53_LABEL =
      Pattern.compile("(\\*|([a-z0-9_-]|\\\\[0-3][0-7][0-7])+)");

  @Property(tries = 1000)
  void name_anyLabels_roundTripThroughRfc1035AndRoute53Text(@ForAll("labels") List<byte[]> labels) {
    DnsName n = nameOf(labels);
    if (n == null) {
      return;
    }
    // the bytes are kept (ASCII case folded: DNS names compare case-insensitively)
    List<byte[]> back = n.labels();
    for (int i = 0; i < labels.size(); i++) {
      assertThat(back.get(i)).isEqualTo(lower(labels.get(i)));
    }
    // RFC 1035 text (what dnsjava and zone files use)
    assertThat(DnsName.of(n.text())).isEqualTo(n);
    // Route 53's form: octal escapes, only characters Route 53 keeps literally
    String r53 = Route53Values.name(n);
    for (String label : r53.substring(0, r53.length() - 1).split("\\.")) {
      assertThat(label).matches(ROUTE53_LABEL);
    }
    assertThat(DnsName.parse(r53, Escaping.OCTAL)).isEqualTo(n);
    // Route 53 returns '*' as \052 — in a wildcard label and inside other labels alike
    assertThat(DnsName.parse(r53.replace("*", "\\052"), Escaping.OCTAL)).isEqualTo(n);
    // and dnsjava reads our RFC 1035 text as the same wire name
    Name dns = Name.fromConstantString(n.text());
    assertThat(dns.labels() - 1).isEqualTo(n.labelCount());
    for (int i = 0; i < labels.size(); i++) {
      byte[] wire = dns.getLabel(i);
      byte[] label = java.util.Arrays.copyOfRange(wire, 1, wire.length);
      assertThat(lower(label)).isEqualTo(lower(labels.get(i)));
    }
  }

  @Property(tries = 1000)
  void name_asRecordSetName_survivesTheSdkRoundTrip(@ForAll("labels") List<byte[]> labels) {
    DnsName n = nameOf(labels);
    if (n == null) {
      return;
    }
    RRset a = new RRset(n, RrType.A, 300, List.of("192.0.2.1"));
    ResourceRecordSet sent = Route53Values.toSdk(new Change.Create(a));
    HostedRRset read = Route53Values.fromSdk(sent);
    assertThat(read.name()).isEqualTo(n);
    assertThat(read.asRRset()).isEqualTo(a);
  }

  @Property(tries = 1000)
  void txt_anyStrings_roundTripThroughRoute53AndDnsjava(
      @ForAll("txtStrings") List<byte[]> strings) {
    String canonical = Rdata.characterStrings(strings);
    List<byte[]> chunks = chunks(strings);

    // canonical text is a fixed point, and Route 53's rendering reads back to it
    assertThat(Rdata.canonicalize(RrType.TXT, canonical, Escaping.DECIMAL)).isEqualTo(canonical);
    String route53 = Rdata.render(RrType.TXT, canonical, Escaping.OCTAL);
    assertThat(route53).hasSameSizeAs(canonical);
    assertThat(Rdata.canonicalize(RrType.TXT, route53, Escaping.OCTAL)).isEqualTo(canonical);

    // through the SDK objects sent and read back, as a whole record set
    RRset txt = new RRset(ZONE.child("t"), RrType.TXT, 60, List.of(canonical));
    HostedRRset read = Route53Values.fromSdk(Route53Values.toSdk(new Change.Create(txt)));
    assertThat(read.asRRset()).isEqualTo(txt);

    // what dnsjava (the transfer side) reads from the canonical text: the same strings,
    // each at most 255 bytes
    TXTRecord rec;
    try {
      rec =
          (TXTRecord)
              Record.fromString(
                  Name.fromConstantString("t.corp.example."),
                  Type.TXT,
                  DClass.IN,
                  60,
                  canonical,
                  Name.root);
    } catch (java.io.IOException e) {
      throw new AssertionError("dnsjava cannot read " + canonical, e);
    }
    List<byte[]> parsed = rec.getStringsAsByteArrays();
    assertThat(parsed).hasSameSizeAs(chunks);
    for (int i = 0; i < chunks.size(); i++) {
      assertThat(parsed.get(i)).isEqualTo(chunks.get(i));
      assertThat(parsed.get(i).length).isLessThanOrEqualTo(255);
    }
  }

  /** The strings split at 255 bytes, as DNS wire format requires. */
  private static List<byte[]> chunks(List<byte[]> strings) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] s : strings) {
      int off = 0;
      do {
        int len = Math.min(255, s.length - off);
        out.add(java.util.Arrays.copyOfRange(s, off, off + len));
        off += len;
      } while (off < s.length);
    }
    return out;
  }

  @Property(tries = 500)
  void targetName_inCnameAndMx_roundTripsThroughRoute53(@ForAll("labels") List<byte[]> labels) {
    DnsName n = nameOf(labels);
    if (n == null) {
      return;
    }
    for (String[] tv : new String[][] {{"CNAME", n.text()}, {"MX", "10 " + n.text()}}) {
      RrType type = RrType.fromName(tv[0]);
      String canonical = Rdata.canonicalize(type, tv[1], Escaping.DECIMAL);
      String route53 = Rdata.render(type, canonical, Escaping.OCTAL);
      assertThat(Rdata.canonicalize(type, route53, Escaping.OCTAL)).isEqualTo(canonical);
      // a target written without its trailing dot (console-created) is the same target
      String noDot = route53.substring(0, route53.length() - 1);
      assertThat(Rdata.canonicalize(type, noDot, Escaping.OCTAL)).isEqualTo(canonical);
      assertThat(canonical.toLowerCase(Locale.ROOT)).isEqualTo(canonical);
    }
  }
}
