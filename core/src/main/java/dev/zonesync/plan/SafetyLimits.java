package dev.zonesync.plan;

/**
 * Thresholds that stop a bad master (truncated zone, wrong zone, empty file) from wiping a hosted
 * zone: a plan may delete or update at most these fractions of the RRsets zonesync manages there,
 * once it manages at least {@code minZoneRRsets}.
 */
public record SafetyLimits(double maxDeleteFraction, double maxUpdateFraction, int minZoneRRsets) {

  public static final SafetyLimits DEFAULT = new SafetyLimits(0.30, 0.30, 10);

  public SafetyLimits {
    if (!(maxDeleteFraction >= 0 && maxDeleteFraction <= 1)) {
      throw new IllegalArgumentException(
          "maxDeleteFraction must be within 0..1, got " + maxDeleteFraction);
    }
    if (!(maxUpdateFraction >= 0 && maxUpdateFraction <= 1)) {
      throw new IllegalArgumentException(
          "maxUpdateFraction must be within 0..1, got " + maxUpdateFraction);
    }
    if (minZoneRRsets < 0) {
      throw new IllegalArgumentException("minZoneRRsets must be >= 0, got " + minZoneRRsets);
    }
  }
}
