package dev.zonesync.model;

/**
 * How a byte that cannot appear literally is written in presentation text.
 *
 * <p>RFC 1035 master files (and dnsjava) use three <em>decimal</em> digits ({@code \042} is {@code
 * *}); Route 53 uses three <em>octal</em> digits ({@code \052} is {@code *}). Mixing them up is a
 * classic source of perpetual diffs and bogus deletes, so every conversion names its style.
 */
public enum Escaping {
  DECIMAL(10),
  OCTAL(8);

  private final int radix;

  Escaping(int radix) {
    this.radix = radix;
  }

  public int radix() {
    return radix;
  }

  /** Appends {@code \ddd} for the byte value {@code b} in this style. */
  public void appendEscape(StringBuilder sb, int b) {
    sb.append('\\');
    if (radix == 10) {
      sb.append((char) ('0' + b / 100)).append((char) ('0' + b / 10 % 10));
      sb.append((char) ('0' + b % 10));
    } else {
      sb.append((char) ('0' + (b >> 6))).append((char) ('0' + ((b >> 3) & 7)));
      sb.append((char) ('0' + (b & 7)));
    }
  }

  /**
   * Decodes the escape starting at {@code s.charAt(i) == '\\'}: three digits in the style's radix
   * give a byte value, any other character stands for itself. {@code consumed[0]} receives the
   * number of characters used.
   */
  static int decodeEscape(String s, int i, Escaping escaping, int[] consumed) {
    if (i + 1 >= s.length()) {
      throw new IllegalArgumentException("dangling backslash at the end of '" + s + "'");
    }
    char c = s.charAt(i + 1);
    if (Character.isDigit(c)) {
      if (i + 3 >= s.length()) {
        throw new IllegalArgumentException(
            "numeric escape needs three digits at position " + i + " in '" + s + "'");
      }
      int v = 0;
      for (int k = 1; k <= 3; k++) {
        int d = Character.digit(s.charAt(i + k), escaping.radix);
        if (d < 0) {
          throw new IllegalArgumentException(
              "bad "
                  + escaping.name().toLowerCase(java.util.Locale.ROOT)
                  + " escape '"
                  + s.substring(i, Math.min(s.length(), i + 4))
                  + "' in '"
                  + s
                  + "'");
        }
        v = v * escaping.radix + d;
      }
      if (v > 255) {
        throw new IllegalArgumentException("escape value " + v + " above 255 in '" + s + "'");
      }
      consumed[0] = 4;
      return v;
    }
    if (c > 0x7f) {
      throw new IllegalArgumentException("non-ASCII character in '" + s + "': escape it");
    }
    consumed[0] = 2;
    return c;
  }
}
