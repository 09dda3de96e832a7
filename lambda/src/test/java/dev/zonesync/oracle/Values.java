package dev.zonesync.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.Escaping;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Record values for generated zones, written directly in the canonical text the source adapter
 * produces from a transfer (integers plain, names absolute and lower case, character-strings always
 * quoted with {@code \"} and {@code \\} escaped and bytes outside 0x20–0x7E as decimal {@code
 * \DDD}, at most 255 bytes each, IPv6 in RFC 5952 form).
 */
final class Values {

  private Values() {}

  /** The character-string texts TXT values are made of; entries with escapes come first. */
  private static final List<List<String>> TXT_POOL =
      List.of(
          List.of("key=\"quoted value\""),
          List.of("C:\\path\\to\\file"),
          List.of("café crème; Übergröße"),
          List.of("日本語のテキスト"),
          List.of("tab\there and del\u007f too"),
          List.of("mixed \"q\" \\ ünï; end"),
          List.of(long300('x'), "tail \"after\" the long one"),
          List.of(long300('é')),
          List.of("v=spf1 include:_spf.example.net ~all"),
          List.of("a;b;c"),
          List.of("hello world"),
          List.of("part one", "part two"));

  /** How many entries of the pool carry escapes or UTF-8 bytes. */
  private static final int ESCAPED = 8;

  private static String long300(char c) {
    StringBuilder sb = new StringBuilder();
    while (sb.toString().getBytes(StandardCharsets.UTF_8).length < 300) {
      sb.append(c);
    }
    return sb.toString();
  }

  static final long[] TTLS = {60, 300, 600, 3600, 86400};

  static String a(int seed) {
    int n = Math.floorMod(seed, 251 * 3);
    String[] nets = {"192.0.2.", "198.51.100.", "203.0.113."};
    return nets[n / 251] + (n % 251 + 1);
  }

  static String aaaa(int seed) {
    return "2001:db8::" + Integer.toHexString(Math.floorMod(seed, 0xfffe) + 1);
  }

  /** A TXT value: one pool entry, made distinct by the seed. */
  static String txt(int seed) {
    return txtFrom(Math.floorMod(seed, TXT_POOL.size()), Math.floorMod(seed, 997));
  }

  /** A TXT value with quotes, backslashes, semicolons or UTF-8 bytes. */
  static String escapedTxt(int seed) {
    return txtFrom(Math.floorMod(seed, ESCAPED), Math.floorMod(seed, 997));
  }

  private static String txtFrom(int entry, int n) {
    List<String> strings = new ArrayList<>(TXT_POOL.get(entry));
    int last = strings.size() - 1;
    strings.set(last, strings.get(last) + " #" + n);
    List<byte[]> bytes = new ArrayList<>();
    for (String s : strings) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      // a string longer than 255 bytes is several character-strings on the wire
      for (int off = 0; off < b.length; off += 255) {
        bytes.add(java.util.Arrays.copyOfRange(b, off, Math.min(b.length, off + 255)));
      }
    }
    return checked(RrType.TXT, characterStrings(bytes));
  }

  static String cname(int seed) {
    int n = Math.floorMod(seed, 400);
    return n % 2 == 0 ? "h" + n + "." + ZoneVersion.ZONE : "edge" + n + ".cdn.example.net.";
  }

  static String mx(int seed) {
    int n = Math.floorMod(seed, 400);
    return (n % 3 * 10) + " mail" + n + "." + ZoneVersion.ZONE;
  }

  static String srv(int seed) {
    int n = Math.floorMod(seed, 400);
    return (n % 3) + " " + (n % 7) + " " + (443 + n) + " h" + n + "." + ZoneVersion.ZONE;
  }

  static String caa(int seed) {
    int n = Math.floorMod(seed, 400);
    return switch (n % 3) {
      case 0 -> "0 issue \"ca" + n + ".example.net\"";
      case 1 -> "0 issuewild \";\"";
      default -> "128 iodef \"mailto:security" + n + "@oracle.example\"";
    };
  }

  static String of(String type, int seed) {
    String v =
        switch (type) {
          case "A" -> a(seed);
          case "AAAA" -> aaaa(seed);
          case "TXT" -> txt(seed);
          case "CNAME" -> cname(seed);
          case "MX" -> mx(seed);
          case "SRV" -> srv(seed);
          case "CAA" -> caa(seed);
          default -> throw new IllegalArgumentException(type);
        };
    return checked(RrType.fromName(type), v);
  }

  /**
   * The generator's own check: the value is already in canonical form (the form a transfer
   * produces), so the zone the engine sees is the zone the oracle expects.
   */
  private static String checked(RrType type, String v) {
    assertThat(Rdata.canonicalize(type, v, Escaping.DECIMAL))
        .as("generated %s value is canonical", type)
        .isEqualTo(v);
    return v;
  }

  /** Character-strings in canonical form: quoted, {@code \"}, {@code \\}, decimal escapes. */
  static String characterStrings(List<byte[]> strings) {
    StringBuilder sb = new StringBuilder();
    for (byte[] s : strings) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append('"');
      for (byte x : s) {
        int c = x & 0xff;
        if (c == '"' || c == '\\') {
          sb.append('\\').append((char) c);
        } else if (c >= 0x20 && c <= 0x7e) {
          sb.append((char) c);
        } else {
          sb.append(String.format(Locale.ROOT, "\\%03d", c));
        }
      }
      sb.append('"');
    }
    return sb.toString();
  }

  /** A canonical value as a Route 53 console user would type it: decimal escapes as octal. */
  static String route53Text(String canonical) {
    StringBuilder sb = new StringBuilder(canonical.length());
    for (int i = 0; i < canonical.length(); i++) {
      char c = canonical.charAt(i);
      if (c == '\\' && i + 3 < canonical.length() && Character.isDigit(canonical.charAt(i + 1))) {
        int v = Integer.parseInt(canonical.substring(i + 1, i + 4));
        sb.append(String.format(Locale.ROOT, "\\%03o", v));
        i += 3;
      } else if (c == '\\' && i + 1 < canonical.length()) {
        sb.append(c).append(canonical.charAt(i + 1));
        i++;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
