package dev.zonesync.config;

import dev.zonesync.model.DnsName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The problems found in one configuration, collected instead of stopping at the first (an operator
 * fixes them all in one edit), and the helpers every block uses to read a value or add a problem
 * naming where it is ({@code at}: the zone or catalog and the field).
 */
final class Problems {

  private final List<String> problems = new ArrayList<>();

  void add(String problem) {
    problems.add(problem);
  }

  /** How many so far: a block compares it before and after to know whether its entry is valid. */
  int size() {
    return problems.size();
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  List<String> list() {
    return List.copyOf(problems);
  }

  /**
   * A domain name as written (the trailing dot optional), or null after adding a problem: missing,
   * not a name, or the root (a private hosted zone cannot be the root).
   */
  DnsName name(String at, String text) {
    if (text == null || text.isBlank()) {
      add(at + ": missing");
      return null;
    }
    try {
      DnsName n = DnsName.of(text.strip().endsWith(".") ? text.strip() : text.strip() + ".");
      if (n.isRoot()) {
        add(at + ": the root zone cannot be mirrored");
        return null;
      }
      return n;
    } catch (IllegalArgumentException e) {
      add(at + ": '" + text + "' is not a domain name (" + e.getMessage() + ")");
      return null;
    }
  }

  /** A positive duration ({@link Durations}), or {@code fallback} after adding a problem. */
  Duration duration(String at, String text, Duration fallback) {
    try {
      Duration d = Durations.parse(text);
      if (d.isNegative() || d.isZero()) {
        add(at + ": must be positive, got " + text);
        return fallback;
      }
      return d;
    } catch (IllegalArgumentException e) {
      add(at + ": " + e.getMessage());
      return fallback;
    }
  }

  /**
   * The first value {@code field} has in {@code layers}, most specific first (a zone, then {@code
   * defaults}), skipping absent layers; {@code fallback} when none sets it. Each field is picked on
   * its own: a zone's {@code safety: {maxDeleteFraction: 0.1}} keeps the other thresholds of {@code
   * defaults}.
   */
  static <O, T> T pick(List<O> layers, Function<O, T> field, T fallback) {
    for (O layer : layers) {
      T v = layer == null ? null : field.apply(layer);
      if (v != null) {
        return v;
      }
    }
    return fallback;
  }

  static <T> T or(T v, T fallback) {
    return v == null ? fallback : v;
  }
}
