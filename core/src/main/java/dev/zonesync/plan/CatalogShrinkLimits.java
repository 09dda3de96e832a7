package dev.zonesync.plan;

/**
 * How much of a catalog one reading may take away, shaped like the zones' {@link SafetyLimits}: a
 * generator that lost its zone list (RFC 9432 §6 warns of exactly this) must not quarantine every
 * member at once. A reading that removes more than {@code maxRemoveFraction} of the members synced
 * now, once there are at least {@code minMembers} of them, is rejected unless forced.
 */
public record CatalogShrinkLimits(double maxRemoveFraction, int minMembers) {

  /** Refuse a reading that removes more than 30 % of ten or more members. */
  public static final CatalogShrinkLimits DEFAULT = new CatalogShrinkLimits(0.30, 10);

  public CatalogShrinkLimits {
    if (!(maxRemoveFraction >= 0 && maxRemoveFraction <= 1)) {
      throw new IllegalArgumentException(
          "maxRemoveFraction must be within 0..1, got " + maxRemoveFraction);
    }
    if (minMembers < 0) {
      throw new IllegalArgumentException("minMembers must be >= 0, got " + minMembers);
    }
  }
}
