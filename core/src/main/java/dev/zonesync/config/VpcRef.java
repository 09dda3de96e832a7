package dev.zonesync.config;

import java.util.Objects;
import java.util.regex.Pattern;

/** A VPC by ID and region, as hosted zones are associated with them. */
public record VpcRef(String id, String region) {

  private static final Pattern ID = Pattern.compile("vpc-[0-9a-f]{8}([0-9a-f]{9})?");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");

  public VpcRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "'" + id + "' is not a VPC ID (vpc- and 8 or 17 hex digits)");
    }
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("'" + region + "' is not an AWS region (like eu-west-1)");
    }
  }
}
