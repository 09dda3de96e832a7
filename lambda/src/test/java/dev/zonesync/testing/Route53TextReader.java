package dev.zonesync.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SSHFPRecord;
import org.xbill.DNS.SVCBBase;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Reads Route 53's text (names and values as ListResourceRecordSets returns them) into the form of
 * the hand-reviewed golden files ({@code samples/*.mirror}), written for the tests so that what
 * Route 53 holds is never read back through zonesync's own canonicaliser. dnsjava parses each value
 * (after Route 53's octal escapes {@code \ooo} became master-file decimal ones {@code \ddd}); the
 * golden form is then written here, field by field:
 *
 * <ul>
 *   <li>names absolute, ASCII letters in lower case, {@code a-z 0-9 - _} as themselves, a label
 *       that is the single byte {@code *} as {@code *}, every other byte as decimal {@code \ddd}
 *       (the golden files' {@code odd\064name});
 *   <li>character-strings double-quoted, {@code "} and {@code \} escaped with a backslash, bytes
 *       outside 0x20–0x7E as decimal {@code \ddd};
 *   <li>IPv6 in RFC 5952 form, hex in lower case, CAA tags in lower case, integers in decimal;
 *   <li>one line per RRset: {@code name TYPE ttl value | value}, values distinct and sorted.
 * </ul>
 */
public final class Route53TextReader {

  private Route53TextReader() {}

  /** One RRset as a golden-file line. */
  public static String line(ResourceRecordSet rrs) {
    TreeSet<String> values = new TreeSet<>();
    for (ResourceRecord r : rrs.resourceRecords()) {
      values.add(value(rrs.typeAsString(), r.value()));
    }
    return name(rrs.name())
        + " "
        + rrs.typeAsString()
        + " "
        + (rrs.ttl() == null ? 0 : rrs.ttl())
        + " "
        + String.join(" | ", values);
  }

  /** A Route 53 record name (octal escapes, trailing dot optional) in the golden form. */
  public static String name(String route53Name) {
    return name(parseName(route53Name));
  }

  /** A Route 53 value of {@code type} in the golden form. */
  public static String value(String type, String route53Value) {
    int t = Type.value(type);
    if (t < 0) {
      throw new IllegalArgumentException("unknown record type " + type);
    }
    Record r;
    try {
      r = Record.fromString(Name.root, t, DClass.IN, 0, decimalEscapes(route53Value), Name.root);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "dnsjava cannot read the " + type + " value '" + route53Value + "': " + e.getMessage(),
          e);
    }
    return switch (r) {
      case ARecord a -> a.getAddress().getHostAddress();
      case AAAARecord a -> ipv6(a.getAddress());
      case CNAMERecord c -> name(c.getTarget());
      case PTRRecord p -> name(p.getTarget());
      case NSRecord n -> name(n.getTarget());
      case MXRecord m -> m.getPriority() + " " + name(m.getTarget());
      case SRVRecord s ->
          s.getPriority() + " " + s.getWeight() + " " + s.getPort() + " " + name(s.getTarget());
      case TXTRecord x -> strings(x.getStringsAsByteArrays());
      case SPFRecord x -> strings(x.getStringsAsByteArrays());
      case CAARecord c ->
          c.getFlags()
              + " "
              + c.getTag().toLowerCase(Locale.ROOT)
              + " "
              + quoted(c.getValueAsByteArray());
      case NAPTRRecord n ->
          n.getOrder()
              + " "
              + n.getPreference()
              + " "
              + quoted(n.getFlags().getBytes(StandardCharsets.ISO_8859_1))
              + " "
              + quoted(n.getServiceAsByteArray())
              + " "
              + quoted(n.getRegexpAsByteArray())
              + " "
              + name(n.getReplacement());
      case TLSARecord x ->
          x.getCertificateUsage()
              + " "
              + x.getSelector()
              + " "
              + x.getMatchingType()
              + " "
              + HexFormat.of().formatHex(x.getCertificateAssociationData());
      case SSHFPRecord x ->
          x.getAlgorithm()
              + " "
              + x.getDigestType()
              + " "
              + HexFormat.of().formatHex(x.getFingerPrint());
      case SOARecord s ->
          name(s.getHost())
              + " "
              + name(s.getAdmin())
              + " "
              + s.getSerial()
              + " "
              + s.getRefresh()
              + " "
              + s.getRetry()
              + " "
              + s.getExpire()
              + " "
              + s.getMinimum();
      case SVCBBase s -> svcb(s);
      default ->
          throw new IllegalArgumentException(
              "no golden form written for type " + type + " (value '" + route53Value + "')");
    };
  }

  /**
   * Route 53's octal escapes ({@code \ooo}) as master-file decimal escapes ({@code \ddd}); {@code
   * \X} of any other character is kept as it is.
   */
  public static String decimalEscapes(String route53Text) {
    StringBuilder out = new StringBuilder(route53Text.length());
    for (int i = 0; i < route53Text.length(); i++) {
      char c = route53Text.charAt(i);
      if (c != '\\' || i + 1 >= route53Text.length()) {
        out.append(c);
        continue;
      }
      if (i + 3 < route53Text.length()
          && isDigit(route53Text.charAt(i + 1))
          && isDigit(route53Text.charAt(i + 2))
          && isDigit(route53Text.charAt(i + 3))) {
        String octal = route53Text.substring(i + 1, i + 4);
        if (!octal.matches("[0-3][0-7][0-7]")) {
          throw new IllegalArgumentException(
              "\\" + octal + " is not an octal escape of one byte in '" + route53Text + "'");
        }
        out.append('\\').append(String.format("%03d", Integer.parseInt(octal, 8)));
        i += 3;
      } else {
        out.append(c).append(route53Text.charAt(i + 1));
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static Name parseName(String route53Name) {
    try {
      return Name.fromString(decimalEscapes(route53Name), Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("dnsjava cannot read the name '" + route53Name + "'", e);
    }
  }

  /** A dnsjava name in the golden form. */
  static String name(Name n) {
    if (n.labels() == 1) {
      return ".";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n.labels() - 1; i++) {
      byte[] label = n.getLabel(i); // length byte first
      if (label[0] == 1 && label[1] == '*') {
        sb.append('*');
      } else {
        for (int k = 1; k <= label[0]; k++) {
          int b = label[k] & 0xff;
          if (b >= 'A' && b <= 'Z') {
            b += 'a' - 'A';
          }
          if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_') {
            sb.append((char) b);
          } else {
            sb.append('\\').append(String.format("%03d", b));
          }
        }
      }
      sb.append('.');
    }
    return sb.toString();
  }

  private static String strings(List<byte[]> strings) {
    List<String> out = new ArrayList<>(strings.size());
    for (byte[] s : strings) {
      out.add(quoted(s));
    }
    return String.join(" ", out);
  }

  /** A character-string in the golden form. */
  static String quoted(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length + 2).append('"');
    for (byte x : bytes) {
      int b = x & 0xff;
      if (b == '"' || b == '\\') {
        sb.append('\\').append((char) b);
      } else if (b >= 0x20 && b <= 0x7e) {
        sb.append((char) b);
      } else {
        sb.append('\\').append(String.format("%03d", b));
      }
    }
    return sb.append('"').toString();
  }

  /** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as ::. */
  static String ipv6(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 4) {
      // Java hands IPv4-mapped addresses back as IPv4; RFC 5952 section 5 writes them so
      return "::ffff:" + address.getHostAddress();
    }
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1; // a single zero group is never shortened
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  /** SVCB and HTTPS: priority, target name, then the parameters as dnsjava presents them. */
  private static String svcb(SVCBBase s) {
    String[] f = s.rdataToString().split(" ", 3);
    return s.getSvcPriority() + " " + name(s.getTargetName()) + (f.length > 2 ? " " + f[2] : "");
  }
}
