package dev.zonesync.config;

import java.util.Objects;
import java.util.regex.Pattern;

/** A VPC by ID and region, as hosted zones are associated with them. */
public record VpcRef(String id, String region) {

  private static final Pattern ID = Pattern.compile("vpc-[0-9a-f]{8}([0-9a-f]{9})?");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");

  public VpcRef {
    requireId(id);
    requireRegion(region);
  }

  /** Checks a VPC ID on its own, so that the configuration can name the field that is wrong. */
  static void requireId(String id) {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "'" + id + "' is not a VPC ID (vpc- and 8 or 17 hex digits)");
    }
  }

  /** Checks a region on its own, so that the configuration can name the field that is wrong. */
  static void requireRegion(String region) {
    Objects.requireNonNull(region, "region");
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("'" + region + "' is not an AWS region (like eu-west-1)");
    }
  }
}
