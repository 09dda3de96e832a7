package dev.zonesync.model;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Canonical presentation of record data, so that a value read from a zone transfer and the same
 * value read back from Route 53 compare equal.
 *
 * <p>Canonical form per field: integers in plain decimal; domain names as {@link DnsName} text
 * (absolute, lower case, decimal escapes); character-strings always double-quoted with {@code \"}
 * and {@code \\} escaped, bytes outside 0x20–0x7E as decimal {@code \DDD}, and at most 255 bytes
 * per string (longer ones are split); IPv6 in RFC 5952 form; hex in lower case; fields separated by
 * one space. Route 53 presentation differs only in its octal escapes, so {@link #render} with
 * {@link Escaping#OCTAL} gives the value to send, of the same length as the canonical value.
 */
public final class Rdata {

  /** Longest character-string in DNS wire format. */
  public static final int MAX_STRING_BYTES = 255;

  private enum Field {
    INT,
    NAME,
    STRING,
    STRINGS,
    HEX,
    ADDR4,
    ADDR6,
    TAG,
    SVC_PARAMS
  }

  private static final Map<RrType, Field[]> SCHEMAS =
      Map.ofEntries(
          Map.entry(RrType.A, new Field[] {Field.ADDR4}),
          Map.entry(RrType.AAAA, new Field[] {Field.ADDR6}),
          Map.entry(RrType.CAA, new Field[] {Field.INT, Field.TAG, Field.STRING}),
          Map.entry(RrType.CNAME, new Field[] {Field.NAME}),
          Map.entry(RrType.NS, new Field[] {Field.NAME}),
          Map.entry(RrType.PTR, new Field[] {Field.NAME}),
          Map.entry(RrType.DS, new Field[] {Field.INT, Field.INT, Field.INT, Field.HEX}),
          Map.entry(RrType.HTTPS, new Field[] {Field.INT, Field.NAME, Field.SVC_PARAMS}),
          Map.entry(RrType.SVCB, new Field[] {Field.INT, Field.NAME, Field.SVC_PARAMS}),
          Map.entry(RrType.MX, new Field[] {Field.INT, Field.NAME}),
          Map.entry(
              RrType.NAPTR,
              new Field[] {
                Field.INT, Field.INT, Field.STRING, Field.STRING, Field.STRING, Field.NAME
              }),
          Map.entry(
              RrType.SOA,
              new Field[] {
                Field.NAME, Field.NAME, Field.INT, Field.INT, Field.INT, Field.INT, Field.INT
              }),
          Map.entry(RrType.SPF, new Field[] {Field.STRINGS}),
          Map.entry(RrType.TXT, new Field[] {Field.STRINGS}),
          Map.entry(RrType.SRV, new Field[] {Field.INT, Field.INT, Field.INT, Field.NAME}),
          Map.entry(RrType.SSHFP, new Field[] {Field.INT, Field.INT, Field.HEX}),
          Map.entry(RrType.TLSA, new Field[] {Field.INT, Field.INT, Field.INT, Field.HEX}));

  private Rdata() {}

  /** True when zonesync knows this type's fields (all Route 53 types). */
  public static boolean isStructured(RrType type) {
    return SCHEMAS.containsKey(type);
  }

  /**
   * Canonical value of presentation text written with the given escapes. Types without a schema
   * (unsupported by Route 53; only ever reported) keep their tokens, whitespace collapsed.
   *
   * @throws InvalidRdataException if the text does not fit the type
   */
  public static String canonicalize(RrType type, String text, Escaping escaping) {
    Field[] schema = SCHEMAS.get(type);
    List<Token> tokens = tokenize(type, text, escaping);
    StringBuilder sb = new StringBuilder(text.length() + 8);
    if (schema == null) {
      for (Token t : tokens) {
        if (!sb.isEmpty()) {
          sb.append(' ');
        }
        sb.append(t.raw);
      }
      return sb.toString();
    }
    format(type, text, schema, tokens, escaping, Escaping.DECIMAL, sb);
    return sb.toString();
  }

  /**
   * Presentation of a canonical value in the given escape style; for {@link Escaping#OCTAL} this is
   * the Route 53 value. Lengths are preserved (both styles use three digits).
   */
  public static String render(RrType type, String canonical, Escaping escaping) {
    if (escaping == Escaping.DECIMAL || !hasNumericEscape(canonical)) {
      return canonical;
    }
    Field[] schema = SCHEMAS.get(type);
    if (schema == null) {
      return canonical;
    }
    List<Token> tokens = tokenize(type, canonical, Escaping.DECIMAL);
    StringBuilder sb = new StringBuilder(canonical.length());
    format(type, canonical, schema, tokens, Escaping.DECIMAL, escaping, sb);
    return sb.toString();
  }

  /**
   * A canonical value as zonesync writes it to the hosted zone ({@link Escaping#OCTAL}, Route 53's
   * escapes): the text of every CREATE and UPSERT, and so the text a DELETE of an RRset zonesync
   * wrote must repeat. The one place that decides it, for the writer and for every prediction.
   */
  public static String written(RrType type, String canonical) {
    return render(type, canonical, Escaping.OCTAL);
  }

  private static boolean hasNumericEscape(String s) {
    int i = s.indexOf('\\');
    while (i >= 0 && i + 1 < s.length()) {
      char c = s.charAt(i + 1);
      if (c >= '0' && c <= '9') {
        return true;
      }
      i = s.indexOf('\\', i + 2);
    }
    return false;
  }

  /** Parses the SOA serial (third field) out of a canonical or Route 53 SOA value. */
  public static Serial soaSerial(String soaValue) {
    String[] f = soaValue.trim().split("\\s+");
    if (f.length != 7) {
      throw new InvalidRdataException(RrType.SOA, soaValue, "expected 7 fields");
    }
    try {
      return Serial.of(Long.parseLong(f[2]));
    } catch (IllegalArgumentException e) {
      throw new InvalidRdataException(RrType.SOA, soaValue, "serial is not a 32-bit number", e);
    }
  }

  /** The same SOA value with only the serial replaced; every other field is kept byte for byte. */
  public static String withSoaSerial(String soaValue, Serial serial) {
    String[] f = soaValue.trim().split("\\s+");
    if (f.length != 7) {
      throw new InvalidRdataException(RrType.SOA, soaValue, "expected 7 fields");
    }
    f[2] = serial.toString();
    return String.join(" ", f);
  }

  /**
   * Canonical SVCB/HTTPS value of wire-format rdata: priority, target name (uncompressed, as RFC
   * 9460 requires) and SvcParams.
   *
   * @throws InvalidRdataException if the rdata is malformed
   */
  public static String svcbFromWire(RrType type, byte[] b) {
    try {
      if (b.length < 3) {
        throw new IllegalArgumentException("rdata of " + b.length + " bytes");
      }
      int priority = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
      List<byte[]> labels = new ArrayList<>();
      int i = 2;
      while (true) {
        if (i >= b.length) {
          throw new IllegalArgumentException("target name overruns the rdata");
        }
        int len = b[i] & 0xff;
        if (len == 0) {
          i++;
          break;
        }
        if (len > 63 || i + 1 + len > b.length) {
          throw new IllegalArgumentException("malformed target name");
        }
        byte[] label = new byte[len];
        System.arraycopy(b, i + 1, label, 0, len);
        labels.add(label);
        i += 1 + len;
      }
      String params = SvcParams.fromWire(b, i, Escaping.DECIMAL);
      String head = priority + " " + DnsName.fromLabels(labels).text();
      return params.isEmpty() ? head : head + " " + params;
    } catch (IllegalArgumentException e) {
      throw new InvalidRdataException(type, "\\# " + b.length + " " + hex(b), e.getMessage(), e);
    }
  }

  /** The character-strings of a canonical TXT value, decoded to bytes. */
  public static List<byte[]> characterStringBytes(String canonical) {
    List<byte[]> out = new ArrayList<>();
    for (Token t : tokenize(RrType.TXT, canonical, Escaping.DECIMAL)) {
      out.add(t.bytes(RrType.TXT, canonical, Escaping.DECIMAL));
    }
    return out;
  }

  // ---- field formatting ----

  private static void format(
      RrType type,
      String text,
      Field[] schema,
      List<Token> tokens,
      Escaping in,
      Escaping out,
      StringBuilder sb) {
    int ti = 0;
    for (int fi = 0; fi < schema.length; fi++) {
      Field f = schema[fi];
      boolean rest = f == Field.STRINGS || f == Field.HEX || f == Field.SVC_PARAMS;
      if (!rest && ti >= tokens.size()) {
        throw new InvalidRdataException(type, text, "expected " + schema.length + " fields");
      }
      if (fi > 0 && !(rest && ti >= tokens.size() && f == Field.SVC_PARAMS)) {
        sb.append(' ');
      }
      switch (f) {
        case INT -> sb.append(integer(type, text, tokens.get(ti++)));
        case NAME -> sb.append(name(type, text, tokens.get(ti++), in).format(out));
        case TAG -> sb.append(tokens.get(ti++).raw.toLowerCase(Locale.ROOT));
        case STRING -> appendQuoted(sb, tokens.get(ti++).bytes(type, text, in), out);
        case ADDR4 -> sb.append(ipv4(type, text, tokens.get(ti++).raw));
        case ADDR6 -> sb.append(ipv6(type, text, tokens.get(ti++).raw));
        case STRINGS -> {
          if (ti >= tokens.size()) {
            throw new InvalidRdataException(type, text, "no character-strings");
          }
          boolean first = true;
          for (; ti < tokens.size(); ti++) {
            byte[] b = tokens.get(ti).bytes(type, text, in);
            int off = 0;
            do {
              int len = Math.min(MAX_STRING_BYTES, b.length - off);
              if (!first) {
                sb.append(' ');
              }
              appendQuoted(sb, b, off, len, out);
              first = false;
              off += len;
            } while (off < b.length);
          }
        }
        case HEX -> {
          StringBuilder hex = new StringBuilder();
          for (; ti < tokens.size(); ti++) {
            hex.append(tokens.get(ti).raw);
          }
          sb.append(hex(type, text, hex.toString()));
        }
        case SVC_PARAMS -> {
          List<String> params = new ArrayList<>();
          for (; ti < tokens.size(); ti++) {
            params.add(tokens.get(ti).raw);
          }
          try {
            sb.append(SvcParams.canonicalize(params, in, out));
          } catch (IllegalArgumentException e) {
            throw new InvalidRdataException(type, text, e.getMessage(), e);
          }
        }
      }
    }
    if (ti != tokens.size()) {
      throw new InvalidRdataException(type, text, "unexpected extra fields");
    }
  }

  private static String integer(RrType type, String text, Token t) {
    if (t.quoted) {
      throw new InvalidRdataException(type, text, "number expected, got a quoted string");
    }
    try {
      long v = Long.parseLong(t.raw);
      if (v < 0 || v > 0xffffffffL) {
        throw new InvalidRdataException(type, text, "number " + v + " out of range");
      }
      return Long.toString(v);
    } catch (NumberFormatException e) {
      throw new InvalidRdataException(type, text, "'" + t.raw + "' is not a number", e);
    }
  }

  private static DnsName name(RrType type, String text, Token t, Escaping in) {
    try {
      return DnsName.parse(t.raw, in);
    } catch (IllegalArgumentException e) {
      throw new InvalidRdataException(type, text, e.getMessage(), e);
    }
  }

  /** Appends a double-quoted character-string with {@code out} escapes. */
  public static void appendQuoted(StringBuilder sb, byte[] b, Escaping out) {
    appendQuoted(sb, b, 0, b.length, out);
  }

  static void appendQuoted(StringBuilder sb, byte[] b, int off, int len, Escaping out) {
    sb.append('"');
    for (int i = off; i < off + len; i++) {
      int c = b[i] & 0xff;
      if (c == '"' || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c >= 0x20 && c <= 0x7e) {
        sb.append((char) c);
      } else {
        out.appendEscape(sb, c);
      }
    }
    sb.append('"');
  }

  /** Canonical TXT/SPF value of raw character-strings (from the wire). */
  public static String characterStrings(List<byte[]> strings) {
    StringBuilder sb = new StringBuilder();
    for (byte[] s : strings) {
      int off = 0;
      do {
        int len = Math.min(MAX_STRING_BYTES, s.length - off);
        if (!sb.isEmpty()) {
          sb.append(' ');
        }
        appendQuoted(sb, s, off, len, Escaping.DECIMAL);
        off += len;
      } while (off < s.length);
    }
    return sb.toString();
  }

  public static String ipv4(byte[] a) {
    return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
  }

  private static String ipv4(RrType type, String text, String s) {
    try {
      return ipv4(ipv4Bytes(s));
    } catch (IllegalArgumentException e) {
      throw new InvalidRdataException(type, text, e.getMessage(), e);
    }
  }

  /** The 4 bytes of a dotted-quad IPv4 address (exactly four decimal octets). */
  static byte[] ipv4Bytes(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("IPv4 address '" + s + "' needs four octets");
    }
    byte[] a = new byte[4];
    for (int i = 0; i < 4; i++) {
      try {
        if (parts[i].isEmpty() || parts[i].length() > 3) {
          throw new NumberFormatException(parts[i]);
        }
        int v = Integer.parseInt(parts[i]);
        if (v > 255) {
          throw new NumberFormatException(parts[i]);
        }
        a[i] = (byte) v;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad IPv4 octet '" + parts[i] + "' in '" + s + "'", e);
      }
    }
    return a;
  }

  /** RFC 5952 text of a 16-byte IPv6 address. */
  public static String ipv6(byte[] a) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (g[i] == 0) {
        int j = i;
        while (j < 8 && g[j] == 0) {
          j++;
        }
        if (j - i > bestLen && j - i >= 2) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  private static String ipv6(RrType type, String text, String s) {
    try {
      return ipv6(ipv6Bytes(s));
    } catch (IllegalArgumentException e) {
      throw new InvalidRdataException(type, text, e.getMessage(), e);
    }
  }

  /** The 16 bytes of an IPv6 address in any RFC 4291 text form (IPv4-mapped kept as IPv6). */
  static byte[] ipv6Bytes(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c == ':' || c == '.' || Character.digit(c, 16) >= 0;
      if (!ok) {
        throw new IllegalArgumentException("bad character in IPv6 address '" + s + "'");
      }
    }
    if (s.indexOf(':') < 0) {
      throw new IllegalArgumentException("'" + s + "' is not an IPv6 address");
    }
    try {
      byte[] a = InetAddress.getByName(s).getAddress();
      if (a.length == 4) {
        // IPv4-mapped forms come back as IPv4; keep them as IPv6
        byte[] m = new byte[16];
        m[10] = (byte) 0xff;
        m[11] = (byte) 0xff;
        System.arraycopy(a, 0, m, 12, 4);
        a = m;
      }
      return a;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad IPv6 address '" + s + "'", e);
    }
  }

  public static String hex(byte[] b) {
    char[] out = new char[b.length * 2];
    final char[] digits = "0123456789abcdef".toCharArray();
    for (int i = 0; i < b.length; i++) {
      out[2 * i] = digits[(b[i] >> 4) & 0xf];
      out[2 * i + 1] = digits[b[i] & 0xf];
    }
    return new String(out);
  }

  private static String hex(RrType type, String text, String s) {
    if (s.isEmpty() || s.length() % 2 != 0) {
      throw new InvalidRdataException(type, text, "hex data must have an even number of digits");
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        throw new InvalidRdataException(type, text, "bad hex digit '" + s.charAt(i) + "'");
      }
    }
    return s.toLowerCase(Locale.ROOT);
  }

  private static byte[] decodeBare(RrType type, String text, String s, Escaping in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    int[] consumed = new int[1];
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        try {
          out.write(Escaping.decodeEscape(s, i, in, consumed));
        } catch (IllegalArgumentException e) {
          throw new InvalidRdataException(type, text, e.getMessage(), e);
        }
        i += consumed[0] - 1;
      } else if (c > 0xff) {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  // ---- tokenizer ----

  /** A whitespace-separated field; quoted segments may appear inside (SvcParam values). */
  private record Token(String raw, boolean quoted, String content) {
    byte[] bytes(RrType type, String text, Escaping in) {
      return decodeBare(type, text, content, in);
    }
  }

  private static List<Token> tokenize(RrType type, String text, Escaping escaping) {
    List<Token> tokens = new ArrayList<>(4);
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
        continue;
      }
      int start = i;
      boolean startsQuoted = c == '"';
      boolean inQuotes = false;
      StringBuilder content = new StringBuilder();
      while (i < n) {
        c = text.charAt(i);
        if (!inQuotes && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
          break;
        }
        if (c == '\\') {
          if (i + 1 >= n) {
            throw new InvalidRdataException(type, text, "dangling backslash");
          }
          content.append(c).append(text.charAt(i + 1));
          i += 2;
          continue;
        }
        if (c == '"') {
          inQuotes = !inQuotes;
          i++;
          if (!inQuotes && startsQuoted) {
            // a quoted token ends at its closing quote
            break;
          }
          if (!startsQuoted) {
            content.append('"');
          }
          continue;
        }
        content.append(c);
        i++;
      }
      if (inQuotes) {
        throw new InvalidRdataException(type, text, "unterminated quoted string");
      }
      tokens.add(new Token(text.substring(start, i), startsQuoted, content.toString()));
    }
    return tokens;
  }
}
