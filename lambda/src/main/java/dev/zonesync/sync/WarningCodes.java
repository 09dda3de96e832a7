package dev.zonesync.sync;

/**
 * The codes of a zone report's {@code warnings} (README, "Warnings"): findings that do not change
 * the run's status but need an operator's eye. Stable: alarms, metrics and queries match on them.
 */
public final class WarningCodes {

  /** Full reconciles of the zone keep failing; incremental syncs go on, the next one backs off. */
  public static final String FULL_RECONCILE_FAILING = "FULL_RECONCILE_FAILING";

  /** The apex SOA was edited outside zonesync; the commit restores the recorded fields. */
  public static final String SOA_RESTORED = "SOA_RESTORED";

  /** The marker record exists but cannot be read: the run is a full sync, which rewrites it. */
  public static final String MARKER_UNREADABLE = "MARKER_UNREADABLE";

  /** The zone's TSIG key uses an algorithm RFC 8945 deprecates (HMAC-MD5, HMAC-SHA1). */
  public static final String WEAK_TSIG_ALGORITHM = "WEAK_TSIG_ALGORITHM";

  /**
   * A delegation of the zone that nothing resolves in the VPC: one warning per cut, with the
   * configuration that would cover it. Full runs list its name servers and the names below it;
   * other runs name the cuts the hosted zone's marker records.
   */
  public static final String UNRESOLVED_CUT = "UNRESOLVED_CUT";

  private WarningCodes() {}
}
