package dev.zonesync.config;

import java.util.Locale;

/**
 * The {@code zoneCuts} key of a zone (or of {@code defaults}): what the zone's delegations become
 * in its private hosted zone (README, "Delegations and other accounts"). A private hosted zone
 * answers NXDOMAIN below a cut it does not resolve, so a cut is either mirrored for a Route 53
 * Resolver DELEGATE rule, covered by something else, or reported.
 */
public enum ZoneCuts {
  /** Cuts and everything below them are skipped and reported (the default). */
  SKIP,
  /** The NS and glue of the cuts listed in the zone's {@code delegations} are mirrored. */
  DELEGATE;

  public static final ZoneCuts DEFAULT = SKIP;

  /** The value as written in the configuration. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The value of {@code at}: {@code fallback} when {@code text} is null; otherwise {@code skip} or
   * {@code delegate} (case and surrounding blanks do not matter). Anything else adds a problem
   * naming {@code at} and gives {@code fallback}, so that every other problem is still reported.
   */
  static ZoneCuts parse(String at, String text, ZoneCuts fallback, Problems problems) {
    if (text == null) {
      return fallback;
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (ZoneCuts c : values()) {
      if (c.key().equals(t)) {
        return c;
      }
    }
    problems.add(
        at
            + ": '"
            + text
            + "' is not skip or delegate (skip: the zone's delegations are reported and nothing"
            + " at or below them is mirrored; delegate: the NS and glue of the cuts listed in the"
            + " zone's delegations are mirrored, for Route 53 Resolver DELEGATE rules)");
    return fallback;
  }
}
