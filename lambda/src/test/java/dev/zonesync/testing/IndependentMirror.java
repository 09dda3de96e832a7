package dev.zonesync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Test oracle independent of zonesync's code: what Route 53 must hold for a master's zone, from
 * {@code kdig} (the AXFR as Knot's tools print it) and a few ownership rules written here, and what
 * Route 53 holds, from the emulator's raw values — both normalised by BIND's {@code
 * named-compilezone}, so two presentations of the same data compare equal without zonesync's
 * parser, canonical form or planner deciding it.
 *
 * <p>One line per RRset: {@code owner ttl IN type rdata | rdata ...} as named-compilezone prints
 * the records, owner names and the domain-name fields of rdata in lower case (Route 53 stores names
 * in lower case), values sorted.
 */
public final class IndependentMirror {

  /** The types Route 53 holds (its documentation), SOA aside. */
  public static final Set<String> ROUTE53_TYPES =
      Set.of(
          "A", "AAAA", "CAA", "CNAME", "DS", "HTTPS", "MX", "NAPTR", "NS", "PTR", "SPF", "SRV",
          "SSHFP", "SVCB", "TLSA", "TXT");

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private IndependentMirror() {}

  /** One record of a zone as BIND prints it. */
  public record Line(String owner, long ttl, String type, String rdata) {
    String text() {
      return owner + " " + ttl + " IN " + type + " " + rdata;
    }
  }

  /**
   * The AXFR of {@code zone} from the master, by Knot's {@code kdig} ({@code dig} refuses whole
   * transfers over owner names its check-names dislikes). The closing SOA is dropped.
   */
  public static List<Line> axfr(String hostPort, String zone, String keyName, String secret) {
    int colon = hostPort.lastIndexOf(':');
    List<String> cmd = new ArrayList<>();
    cmd.add("kdig");
    cmd.add("@" + hostPort.substring(0, colon));
    cmd.add("-p");
    cmd.add(hostPort.substring(colon + 1));
    if (secret != null) {
      cmd.add("-y");
      cmd.add("hmac-sha256:" + keyName + ":" + secret);
    }
    cmd.addAll(List.of(zone, "AXFR", "+noall", "+answer", "+noidn"));
    String out = run(cmd, null);
    List<Line> lines = new ArrayList<>();
    boolean soaSeen = false;
    for (String l : out.split("\n")) {
      if (l.isBlank() || l.startsWith(";")) {
        continue;
      }
      Line p = parse(l);
      if (p.type().equals("SOA") && lower(p.owner()).equals(lower(zone))) {
        if (soaSeen) {
          continue;
        }
        soaSeen = true;
      }
      lines.add(p);
    }
    if (!soaSeen) {
      throw new IllegalStateException("kdig AXFR of " + zone + " gave no SOA:\n" + out);
    }
    return lines;
  }

  /** What Route 53 must hold for the master's zone data (apex SOA and NS left out). */
  public static Set<String> expected(String zone, List<Line> axfr) {
    String apex = lower(zone);
    Set<String> cuts = new HashSet<>();
    for (Line l : axfr) {
      if (l.type().equals("NS") && !lower(l.owner()).equals(apex)) {
        cuts.add(lower(l.owner()));
      }
    }
    List<String> keep = new ArrayList<>();
    for (Line l : axfr) {
      String owner = lower(l.owner());
      if (owner.equals(apex) && (l.type().equals("SOA") || l.type().equals("NS"))) {
        continue;
      }
      if (!ROUTE53_TYPES.contains(l.type()) || belowCut(owner, apex, cuts)) {
        continue;
      }
      if (!route53Name(owner)) {
        continue;
      }
      keep.add(l.text());
    }
    return normalise(zone, keep);
  }

  /** Why each record of the master's zone is not in Route 53, by this oracle's rules. */
  public static Map<String, String> expectedSkips(String zone, List<Line> axfr) {
    String apex = lower(zone);
    Set<String> cuts = new HashSet<>();
    for (Line l : axfr) {
      if (l.type().equals("NS") && !lower(l.owner()).equals(apex)) {
        cuts.add(lower(l.owner()));
      }
    }
    Map<String, String> out = new TreeMap<>();
    for (Line l : axfr) {
      String owner = lower(l.owner());
      String key = owner + " " + l.type();
      if (owner.equals(apex) && l.type().equals("SOA")) {
        continue;
      }
      if (owner.equals(apex) && l.type().equals("NS")) {
        out.put(key, "APEX_NS");
      } else if (belowCut(owner, apex, cuts)) {
        out.put(key, "ZONE_CUT");
      } else if (!ROUTE53_TYPES.contains(l.type())) {
        out.put(key, "UNSUPPORTED_TYPE");
      } else if (!route53Name(owner)) {
        out.put(key, "UNSUPPORTED_NAME");
      }
    }
    return out;
  }

  /** What the hosted zone holds besides its apex SOA/NS and the zonesync marker. */
  public static Set<String> hosted(String zone, List<ResourceRecordSet> sets) {
    String apex = lower(zone);
    List<String> lines = new ArrayList<>();
    for (ResourceRecordSet r : sets) {
      String owner = lower(octalToDecimal(r.name()));
      if (!owner.endsWith(".")) {
        owner = owner + ".";
      }
      String type = r.typeAsString();
      if (owner.equals(apex) && (type.equals("SOA") || type.equals("NS"))) {
        continue;
      }
      if (owner.startsWith("_zonesync.")) {
        continue;
      }
      if (r.aliasTarget() != null || r.setIdentifier() != null) {
        lines.add(owner + " 0 IN TXT \"unexpected alias/routing record " + type + "\"");
        continue;
      }
      for (ResourceRecord v : r.resourceRecords()) {
        lines.add(
            owner
                + " "
                + r.ttl()
                + " IN "
                + type
                + " "
                + absoluteNames(type, octalToDecimal(v.value())));
      }
    }
    return normalise(zone, lines);
  }

  /**
   * A presentation-format name as bytes, written back one way: a-z, 0-9, {@code -}, {@code _}
   * literally (A-Z folded), a lone {@code *} label as {@code *}, every other byte as {@code \DDD}.
   */
  public static String canonicalName(String presentation) {
    if (presentation.equals(".")) {
      return ".";
    }
    StringBuilder out = new StringBuilder();
    java.io.ByteArrayOutputStream label = new java.io.ByteArrayOutputStream();
    String p = presentation.endsWith(".") ? presentation : presentation + ".";
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\') {
        char d = p.charAt(i + 1);
        if (Character.isDigit(d)) {
          label.write(Integer.parseInt(p.substring(i + 1, i + 4)));
          i += 3;
        } else {
          label.write(d);
          i++;
        }
      } else if (c == '.') {
        byte[] b = label.toByteArray();
        label.reset();
        if (b.length == 1 && b[0] == '*') {
          out.append('*');
        } else {
          for (byte x : b) {
            int v = x & 0xff;
            if (v >= 'A' && v <= 'Z') {
              v += 32;
            }
            if ((v >= 'a' && v <= 'z') || (v >= '0' && v <= '9') || v == '-' || v == '_') {
              out.append((char) v);
            } else {
              out.append(String.format(Locale.ROOT, "\\%03d", v));
            }
          }
        }
        out.append('.');
      } else {
        label.write(c);
      }
    }
    return out.toString();
  }

  /** A type's number from any tool's mnemonic or RFC 3597 {@code TYPEnnn}. */
  public static int typeCode(String type) {
    String t = type.toUpperCase(Locale.ROOT);
    if (t.startsWith("TYPE")
        && t.length() > 4
        && t.substring(4).chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(t.substring(4));
    }
    Map<String, Integer> recent =
        Map.of(
            "DSYNC",
            66,
            "HHIT",
            67,
            "BRID",
            68,
            "AVC",
            258,
            "DOA",
            259,
            "AMTRELAY",
            260,
            "RESINFO",
            261,
            "WALLET",
            262);
    if (recent.containsKey(t)) {
      return recent.get(t);
    }
    int v = org.xbill.DNS.Type.value(t);
    if (v < 0) {
      throw new IllegalArgumentException("type " + type + " unknown to the oracle");
    }
    return v;
  }

  // ---- rules written for the oracle ----

  private static boolean belowCut(String owner, String apex, Set<String> cuts) {
    for (String n = owner; !n.equals(apex) && n.endsWith("." + apex); n = parent(n)) {
      if (cuts.contains(n)) {
        return true;
      }
    }
    return false;
  }

  /** The name one label up, in presentation text ({@code \.} is not a separator). */
  private static String parent(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\') {
        i += Character.isDigit(name.charAt(i + 1)) ? 3 : 1;
      } else if (c == '.') {
        return name.substring(i + 1);
      }
    }
    return ".";
  }

  /** Route 53 takes printable ASCII other than the space in record names. */
  private static boolean route53Name(String presentation) {
    for (int i = 0; i < presentation.length(); i++) {
      char c = presentation.charAt(i);
      int b = c;
      if (c == '\\') {
        char d = presentation.charAt(i + 1);
        if (Character.isDigit(d)) {
          b = Integer.parseInt(presentation.substring(i + 1, i + 4));
          i += 3;
        } else {
          b = d;
          i++;
        }
      }
      if (b < 0x21 || b > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /**
   * A Route 53 value with the domain names in its rdata made absolute: Route 53 reads a name
   * without its trailing dot as absolute (and lists it as sent), where a master file would append
   * the origin.
   */
  static String absoluteNames(String type, String value) {
    String[] f = value.trim().split("\\s+");
    int nameField =
        switch (type) {
          case "CNAME", "NS", "PTR" -> 0;
          case "MX" -> 1;
          case "SRV" -> 3;
          case "NAPTR" -> f.length - 1;
          case "SVCB", "HTTPS" -> 1;
          default -> -1;
        };
    if (nameField < 0 || nameField >= f.length || f[nameField].endsWith(".")) {
      return value;
    }
    f[nameField] = f[nameField] + ".";
    return String.join(" ", f);
  }

  /** Route 53's {@code \ooo} (octal) escapes as RFC 1035 {@code \DDD} (decimal); others kept. */
  static String octalToDecimal(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() + 0 && isOctal(s, i + 1)) {
        int v = Integer.parseInt(s.substring(i + 1, i + 4), 8);
        sb.append(String.format(Locale.ROOT, "\\%03d", v));
        i += 3;
      } else if (c == '\\' && i + 1 < s.length()) {
        sb.append(c).append(s.charAt(i + 1));
        i++;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isOctal(String s, int at) {
    if (at + 3 > s.length()) {
      return false;
    }
    for (int k = at; k < at + 3; k++) {
      char d = s.charAt(k);
      if (d < '0' || d > '7') {
        return false;
      }
    }
    return true;
  }

  // ---- BIND as the normaliser ----

  /** The lines through {@code named-compilezone}: one presentation per record. */
  static Set<String> normalise(String zone, List<String> lines) {
    Path dir;
    try {
      dir = Files.createTempDirectory("zonesync-oracle");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Path in = dir.resolve("in.zone");
      StringBuilder text = new StringBuilder();
      text.append(zone).append(" 0 IN SOA oracle.invalid. oracle.invalid. 1 1 1 1 1\n");
      text.append(zone).append(" 0 IN NS oracle.invalid.\n");
      for (String l : lines) {
        text.append(l).append('\n');
      }
      Files.writeString(in, text, StandardCharsets.ISO_8859_1);
      String out = compile(zone, in);
      Map<String, TreeSet<String>> values = new TreeMap<>();
      Map<String, Long> ttls = new TreeMap<>();
      for (String l : out.split("\n")) {
        if (l.isBlank()) {
          continue;
        }
        Line p = parse(l);
        if (lower(p.owner()).equals(lower(zone))
            && (p.type().equals("SOA") || p.rdata().equals("oracle.invalid."))) {
          continue;
        }
        Line n = lowerNames(p);
        String key = n.owner() + " " + n.type();
        values.computeIfAbsent(key, k -> new TreeSet<>()).add(n.rdata());
        ttls.putIfAbsent(key, n.ttl());
      }
      Set<String> result = new TreeSet<>();
      values.forEach(
          (key, v) -> {
            int sp = key.lastIndexOf(' ');
            result.add(
                key.substring(0, sp)
                    + " "
                    + ttls.get(key)
                    + " IN "
                    + key.substring(sp + 1)
                    + " "
                    + String.join(" | ", v));
          });
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * A zone file's records as BIND's {@code named-compilezone} reads them (relative names completed
   * with {@code zone}, one record per line), for comparing a hosted zone with the file a master was
   * given without zonesync's parser: pass the result to {@link #expected}.
   */
  public static List<Line> zoneFile(String zone, String text) {
    Path dir;
    try {
      dir = Files.createTempDirectory("zonesync-oracle");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Path in = dir.resolve("in.zone");
      Files.writeString(in, text, StandardCharsets.ISO_8859_1);
      List<Line> lines = new ArrayList<>();
      for (String l : compile(zone, in).split("\n")) {
        if (!l.isBlank()) {
          lines.add(parse(l));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(dir);
    }
  }

  /** {@code named-compilezone} of the file, every check off, one full line per record. */
  private static String compile(String zone, Path in) {
    return run(
        List.of(
            "named-compilezone",
            "-i",
            "none",
            "-k",
            "ignore",
            "-n",
            "ignore",
            "-M",
            "ignore",
            "-S",
            "ignore",
            "-T",
            "ignore",
            "-W",
            "ignore",
            "-r",
            "ignore",
            "-s",
            "full",
            "-o",
            "-",
            zone,
            in.toString()),
        null);
  }

  private static Line parse(String l) {
    String[] f = l.trim().split("\\s+", 5);
    if (f.length < 4 || !f[2].equals("IN")) {
      throw new IllegalStateException("unexpected line from BIND's tools: " + l);
    }
    String rdata = f.length == 5 ? f[4].trim().replaceAll("\\s+", " ") : "";
    return new Line(f[0], Long.parseLong(f[1]), f[3], rdata);
  }

  /** Owner and domain-name rdata fields in lower case. */
  private static Line lowerNames(Line l) {
    String[] f = l.rdata().split(" ");
    int nameField =
        switch (l.type()) {
          case "CNAME", "NS", "PTR" -> 0;
          case "MX" -> 1;
          case "SRV" -> 3;
          case "NAPTR" -> f.length - 1;
          case "SVCB", "HTTPS" -> 1;
          default -> -1;
        };
    if (nameField >= 0 && nameField < f.length) {
      f[nameField] = lower(f[nameField]);
    }
    return new Line(lower(l.owner()), l.ttl(), l.type(), String.join(" ", f));
  }

  private static String lower(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        // keep the escaped character (or the first digit) as it is
        sb.append(c).append(s.charAt(i + 1));
        i++;
      } else {
        sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
      }
    }
    String out = sb.toString();
    return out.endsWith(".") ? out : out + ".";
  }

  private static String run(List<String> cmd, Path dir) {
    try {
      Path err = Files.createTempFile("zonesync-oracle", ".err");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(cmd.get(0) + " did not finish in " + TIMEOUT);
      }
      String text = new String(out, StandardCharsets.ISO_8859_1);
      String errors = Files.readString(err, StandardCharsets.ISO_8859_1);
      Files.deleteIfExists(err);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            cmd.get(0) + " failed (exit " + p.exitValue() + "):\n" + errors + "\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new IllegalStateException(
          cmd.get(0)
              + " is needed by the tests: apt-get install -y bind9-dnsutils knot-dnsutils ("
              + e.getMessage()
              + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // temporary files; nothing to do
    }
  }
}
