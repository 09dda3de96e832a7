package dev.zonesync.testing;

import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Selects calls for a {@link HttpFault} in {@link Route53Proxy}.
 *
 * <p>A rule counts the calls it matches (optionally only one operation) from the moment it is added
 * to the proxy, starting at 1: {@code FaultRule.nth("ChangeResourceRecordSets", 3,
 * HttpFault.throttling())} faults the third ChangeResourceRecordSets the proxy sees after the rule
 * was added. Rules are checked in the order they were added; every matching rule counts every call,
 * the first one that selects it wins. {@link #limit(int)} caps how often a rule fires.
 */
public final class FaultRule {
  private final String operation; // null: any
  private final Set<Integer> callNumbers; // null: not by number
  private final double fraction; // used when callNumbers == null
  private final Long seed;
  private final Random random;
  private final HttpFault fault;
  private final int maxFaults;
  private int seen;
  private int fired;

  private FaultRule(
      String operation,
      Set<Integer> callNumbers,
      double fraction,
      Long seed,
      HttpFault fault,
      int maxFaults) {
    this.operation = operation;
    this.callNumbers = callNumbers;
    this.fraction = fraction;
    this.seed = seed;
    this.random = seed == null ? null : new Random(seed);
    this.fault = Objects.requireNonNull(fault, "fault");
    this.maxFaults = maxFaults;
  }

  /** Faults the {@code n}-th (1-based) call of {@code operation} ({@code null}: any operation). */
  public static FaultRule nth(String operation, int n, HttpFault fault) {
    return calls(operation, fault, n);
  }

  /** Faults the given (1-based) call numbers of {@code operation} ({@code null}: any). */
  public static FaultRule calls(String operation, HttpFault fault, int... numbers) {
    Set<Integer> s = new TreeSet<>();
    for (int n : numbers) {
      if (n < 1) {
        throw new IllegalArgumentException("call numbers start at 1: " + n);
      }
      s.add(n);
    }
    return new FaultRule(operation, Set.copyOf(s), 0, null, fault, Integer.MAX_VALUE);
  }

  /** Faults the first {@code count} calls of {@code operation} ({@code null}: any). */
  public static FaultRule first(String operation, int count, HttpFault fault) {
    int[] n = new int[count];
    for (int i = 0; i < count; i++) {
      n[i] = i + 1;
    }
    return calls(operation, fault, n);
  }

  /**
   * Faults each call of {@code operation} ({@code null}: any) with probability {@code p}, drawn
   * from a {@link Random} seeded with {@code seed} (same seed and call order → same calls).
   */
  public static FaultRule fraction(String operation, double p, long seed, HttpFault fault) {
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException("fraction must be within [0, 1]: " + p);
    }
    return new FaultRule(operation, null, p, seed, fault, Integer.MAX_VALUE);
  }

  /** Faults every call of {@code operation} ({@code null}: any). */
  public static FaultRule always(String operation, HttpFault fault) {
    return new FaultRule(operation, null, 1.0, 0L, fault, Integer.MAX_VALUE);
  }

  /** A fresh copy (counters reset) that fires at most {@code max} times. */
  public FaultRule limit(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("negative limit");
    }
    return new FaultRule(operation, callNumbers, fraction, seed, fault, max);
  }

  public String operation() {
    return operation;
  }

  public HttpFault fault() {
    return fault;
  }

  /** Calls this rule matched so far. */
  public synchronized int seen() {
    return seen;
  }

  /** Faults this rule injected so far. */
  public synchronized int fired() {
    return fired;
  }

  /** Counts a call; returns the fault if this rule selects it. */
  synchronized HttpFault onCall(String op) {
    if (operation != null && !operation.equals(op)) {
      return null;
    }
    seen++;
    boolean select;
    if (callNumbers != null) {
      select = callNumbers.contains(seen);
    } else {
      select = fraction >= 1.0 || (fraction > 0 && random.nextDouble() < fraction);
    }
    if (select && fired < maxFaults) {
      fired++;
      return fault;
    }
    return null;
  }

  @Override
  public String toString() {
    return "FaultRule["
        + (operation == null ? "any" : operation)
        + ", "
        + (callNumbers != null ? "calls " + callNumbers : "fraction " + fraction)
        + (maxFaults == Integer.MAX_VALUE ? "" : ", limit " + maxFaults)
        + " -> "
        + fault.describe()
        + "]";
  }
}
