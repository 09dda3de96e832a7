package dev.zonesync.model;

/**
 * An SOA serial number: 32-bit unsigned with RFC 1982 sequence-space arithmetic. Serials never
 * compare with {@code >}: 4294967295 is older than 1.
 */
public record Serial(long value) {

  private static final long MOD = 1L << 32;
  private static final long HALF = 1L << 31;

  public Serial {
    if (value < 0 || value >= MOD) {
      throw new IllegalArgumentException("SOA serial " + value + " outside 0..4294967295");
    }
  }

  public static Serial of(long value) {
    return new Serial(value);
  }

  /** RFC 1982 §3.2: {@code this > other}. Undefined pairs (2^31 apart) are neither. */
  public boolean isNewerThan(Serial other) {
    long a = value;
    long b = other.value;
    return (a < b && b - a > HALF) || (a > b && a - b < HALF);
  }

  public boolean isOlderThan(Serial other) {
    return other.isNewerThan(this);
  }

  /** RFC 1982 §3.1 addition; n must be in 0..2^31-1. */
  public Serial plus(long n) {
    if (n < 0 || n > HALF - 1) {
      throw new IllegalArgumentException("serial increment " + n + " outside 0..2147483647");
    }
    return new Serial((value + n) % MOD);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
