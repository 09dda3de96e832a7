package dev.zonesync.model;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An absolute domain name in zonesync's canonical text form.
 *
 * <p>Canonical form: labels separated by {@code .}, a trailing dot, ASCII letters lower-cased, the
 * bytes {@code a-z 0-9 - _} as themselves, a label consisting of the single byte {@code *} as
 * {@code *}, and every other byte as a three-digit <em>decimal</em> escape {@code \DDD} (RFC 1035
 * presentation). One byte sequence has exactly one canonical text, so names compare with {@link
 * #equals}. Route 53 uses <em>octal</em> escapes ({@code \052}); {@link #parse(String, Escaping)}
 * and {@link #format(Escaping)} convert both ways.
 */
public record DnsName(String text) implements Comparable<DnsName> {

  public static final DnsName ROOT = new DnsName(".");
  private static final int MAX_WIRE_LENGTH = 255;
  private static final int MAX_LABEL_LENGTH = 63;

  public DnsName {
    Objects.requireNonNull(text, "text");
    if (!isCanonical(text)) {
      throw new IllegalArgumentException(
          "not a canonical absolute domain name: '" + text + "' (use DnsName.parse)");
    }
  }

  /** Parses an absolute presentation-format name with RFC 1035 (decimal) escapes. */
  public static DnsName of(String presentation) {
    return parse(presentation, Escaping.DECIMAL);
  }

  /**
   * Parses a presentation-format name. A name without a trailing dot is taken as absolute (Route 53
   * and consoles drop it). {@code \X} is the literal byte X; {@code \ddd} is a numeric escape in
   * the given radix.
   */
  public static DnsName parse(String presentation, Escaping escaping) {
    Objects.requireNonNull(presentation, "presentation");
    if (presentation.isEmpty()) {
      throw new IllegalArgumentException("empty domain name");
    }
    if (presentation.equals(".")) {
      return ROOT;
    }
    List<byte[]> labels = new ArrayList<>();
    ByteArrayOutputStream label = new ByteArrayOutputStream();
    int n = presentation.length();
    boolean lastWasDot = false;
    for (int i = 0; i < n; i++) {
      char c = presentation.charAt(i);
      if (c == '.') {
        if (label.size() == 0) {
          throw new IllegalArgumentException("empty label in domain name '" + presentation + "'");
        }
        labels.add(label.toByteArray());
        label.reset();
        lastWasDot = true;
        continue;
      }
      lastWasDot = false;
      if (c == '\\') {
        int[] consumed = new int[1];
        label.write(Escaping.decodeEscape(presentation, i, escaping, consumed));
        i += consumed[0] - 1;
      } else if (c > 0x7f) {
        throw new IllegalArgumentException(
            "non-ASCII character in domain name '" + presentation + "': escape it");
      } else {
        label.write(c);
      }
    }
    if (!lastWasDot) {
      if (label.size() == 0) {
        throw new IllegalArgumentException("empty label in domain name '" + presentation + "'");
      }
      labels.add(label.toByteArray());
    }
    return fromLabels(labels);
  }

  /** Builds a name from raw label bytes (most significant label last), e.g. from the wire. */
  public static DnsName fromLabels(List<byte[]> labels) {
    if (labels.isEmpty()) {
      return ROOT;
    }
    StringBuilder sb = new StringBuilder(32);
    int wire = 1;
    for (byte[] label : labels) {
      if (label.length == 0 || label.length > MAX_LABEL_LENGTH) {
        throw new IllegalArgumentException(
            "label length " + label.length + " outside 1.." + MAX_LABEL_LENGTH);
      }
      wire += label.length + 1;
      appendCanonicalLabel(sb, label, 0, label.length);
      sb.append('.');
    }
    if (wire > MAX_WIRE_LENGTH) {
      throw new IllegalArgumentException("domain name longer than 255 octets: " + sb);
    }
    return new DnsName(sb.toString());
  }

  static void appendCanonicalLabel(StringBuilder sb, byte[] label, int off, int len) {
    if (len == 1 && label[off] == '*') {
      sb.append('*');
      return;
    }
    for (int i = off; i < off + len; i++) {
      int b = label[i] & 0xff;
      if (b >= 'A' && b <= 'Z') {
        sb.append((char) (b + 32));
      } else if (isPlain(b)) {
        sb.append((char) b);
      } else {
        Escaping.DECIMAL.appendEscape(sb, b);
      }
    }
  }

  private static boolean isPlain(int b) {
    return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_';
  }

  private static boolean isCanonical(String t) {
    int n = t.length();
    if (n == 0 || t.charAt(n - 1) != '.') {
      return false;
    }
    if (n == 1) {
      return true;
    }
    int labelLen = 0;
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      if (c == '.') {
        if (labelLen == 0) {
          return false;
        }
        labelLen = 0;
      } else if (c == '*') {
        // only as a whole label
        boolean startOk = i == 0 || t.charAt(i - 1) == '.';
        boolean endOk = i + 1 < n && t.charAt(i + 1) == '.';
        if (!startOk || !endOk) {
          return false;
        }
        labelLen++;
      } else if (c == '\\') {
        if (i + 3 >= n) {
          return false;
        }
        int v = 0;
        for (int k = 1; k <= 3; k++) {
          char d = t.charAt(i + k);
          if (d < '0' || d > '9') {
            return false;
          }
          v = v * 10 + (d - '0');
        }
        if (v > 255 || isPlain(v) || (v >= 'A' && v <= 'Z')) {
          return false;
        }
        if (v == '*') {
          // \042 is only canonical inside a longer label
          boolean alone =
              (i == 0 || t.charAt(i - 1) == '.') && (i + 4 < n && t.charAt(i + 4) == '.');
          if (alone) {
            return false;
          }
        }
        i += 3;
        labelLen++;
      } else if (isPlain(c)) {
        labelLen++;
      } else {
        return false;
      }
    }
    return true;
  }

  /** The labels as raw bytes, least significant (leftmost) first. Empty for the root. */
  public List<byte[]> labels() {
    if (isRoot()) {
      return List.of();
    }
    List<byte[]> out = new ArrayList<>();
    ByteArrayOutputStream label = new ByteArrayOutputStream();
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '.') {
        out.add(label.toByteArray());
        label.reset();
      } else if (c == '\\') {
        label.write(
            (text.charAt(i + 1) - '0') * 100
                + (text.charAt(i + 2) - '0') * 10
                + (text.charAt(i + 3) - '0'));
        i += 3;
      } else {
        label.write(c);
      }
    }
    return out;
  }

  /** Presentation text with the given escape style (Route 53 wants octal). */
  public String format(Escaping escaping) {
    if (escaping == Escaping.DECIMAL || text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        int v =
            (text.charAt(i + 1) - '0') * 100
                + (text.charAt(i + 2) - '0') * 10
                + (text.charAt(i + 3) - '0');
        escaping.appendEscape(sb, v);
        i += 3;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * True when Route 53 can hold this name as a record name: its "DNS domain name format" accepts
   * only printable ASCII without the space (0x21–0x7E) in hosted zones and records.
   */
  public boolean isRoute53Compatible() {
    for (byte[] label : labels()) {
      for (byte b : label) {
        if (b < 0x21 || b > 0x7e) {
          return false;
        }
      }
    }
    return true;
  }

  public boolean isRoot() {
    return text.length() == 1;
  }

  /** True when this name equals {@code other} or lies below it. */
  public boolean isSubdomainOf(DnsName other) {
    if (other.isRoot()) {
      return true;
    }
    String o = other.text;
    if (text.length() < o.length() || !text.endsWith(o)) {
      return false;
    }
    int start = text.length() - o.length();
    // Escapes never contain '.', so a '.' right before the suffix is a label boundary.
    return start == 0 || text.charAt(start - 1) == '.';
  }

  /** The name one label up; the root's parent is the root. */
  public DnsName parent() {
    if (isRoot()) {
      return this;
    }
    int dot = text.indexOf('.');
    String rest = text.substring(dot + 1);
    return rest.isEmpty() ? ROOT : new DnsName(rest);
  }

  /** Number of labels, not counting the root. */
  public int labelCount() {
    if (isRoot()) {
      return 0;
    }
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '.') {
        count++;
      }
    }
    return count;
  }

  public boolean isWildcard() {
    return text.startsWith("*.");
  }

  /** Prepends one label given in canonical text (e.g. {@code _zonesync}). */
  public DnsName child(String canonicalLabel) {
    return new DnsName(canonicalLabel + "." + (isRoot() ? "" : text));
  }

  /** DNSSEC canonical order (RFC 4034 §6.1): compares labels right to left. */
  @Override
  public int compareTo(DnsName other) {
    if (this.text.equals(other.text)) {
      return 0;
    }
    List<byte[]> a = labels();
    List<byte[]> b = other.labels();
    int i = a.size() - 1;
    int j = b.size() - 1;
    while (i >= 0 && j >= 0) {
      int c = compareLabels(a.get(i), b.get(j));
      if (c != 0) {
        return c;
      }
      i--;
      j--;
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareLabels(byte[] x, byte[] y) {
    int n = Math.min(x.length, y.length);
    for (int k = 0; k < n; k++) {
      int c = Integer.compare(x[k] & 0xff, y[k] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  @Override
  public String toString() {
    return text;
  }
}
