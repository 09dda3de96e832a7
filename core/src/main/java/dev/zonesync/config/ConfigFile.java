package dev.zonesync.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The configuration file exactly as written (bound by Jackson, unknown keys rejected). {@link
 * ConfigParser} validates it into {@link Settings}.
 */
public record ConfigFile(
    Integer version,
    List<TsigKeyEntry> tsigKeys,
    ZoneOptions defaults,
    Route53Options route53,
    ExecutionOptions execution,
    List<ZoneEntry> zones,
    List<CatalogEntry> catalogs,
    JsonNode deployment) {

  /** A TSIG key the masters know. */
  public record TsigKeyEntry(String name, String algorithm, SecretRef secret) {}

  /** Where a secret lives: exactly one of the three. */
  public record SecretRef(String env, String file, String secretsManagerArn) {}

  /** Per-zone options that {@code defaults} may also set. */
  public record ZoneOptions(
      Safety safety,
      Batch batch,
      Ttl ttl,
      Timeouts timeouts,
      Limits limits,
      List<String> types,
      List<String> preserve,
      String fullReconcileEvery,
      String metrics,
      String zoneCuts) {

    /** No option set: every value comes from the layer below, or the built-in default. */
    static final ZoneOptions EMPTY =
        new ZoneOptions(null, null, null, null, null, null, null, null, null, null);
  }

  public record Safety(Double maxDeleteFraction, Double maxUpdateFraction, Integer minZoneRRsets) {}

  public record Batch(Integer maxValues, Integer maxValueChars, Integer maxChanges) {}

  public record Ttl(Long min, Long max) {}

  public record Timeouts(String query, String transfer) {}

  public record Limits(Long maxTransferRecords, Long maxTransferBytes) {}

  public record Route53Options(
      String endpoint,
      Double requestsPerSecond,
      Integer burst,
      Integer maxAttempts,
      String minBatchTime,
      Double changesPerSecond,
      Integer changesBurst) {}

  /** How one invocation runs its zones. */
  public record ExecutionOptions(Integer concurrency, String unchangedCheckEvery) {}

  /** One source zone. */
  public record ZoneEntry(
      String name,
      String hostedZoneId,
      String hostedZoneName,
      List<String> masters,
      String discoverMasters,
      String tsig,
      List<String> preserve,
      List<String> types,
      Safety safety,
      Batch batch,
      Ttl ttl,
      Timeouts timeouts,
      Limits limits,
      String fullReconcileEvery,
      String metrics,
      String zoneCuts,
      List<String> delegations,
      List<String> resolvedElsewhere,
      // used by the CDK app only
      String schedule,
      Boolean createHostedZone,
      JsonNode alarms) {

    /** The per-zone options written in this entry, as {@code defaults} would write them. */
    ZoneOptions options() {
      return new ZoneOptions(
          safety,
          batch,
          ttl,
          timeouts,
          limits,
          types,
          preserve,
          fullReconcileEvery,
          metrics,
          zoneCuts);
    }
  }

  /** One consumed RFC 9432 catalog zone, whose members zonesync discovers at run time. */
  public record CatalogEntry(
      String name,
      String hostedZoneId,
      List<String> masters,
      String tsig,
      List<String> allow,
      HostedZones hostedZones,
      ZoneOptions defaults,
      Map<String, GroupEntry> groups,
      Shrink shrink,
      Timeouts timeouts,
      Limits limits,
      // used by the CDK app only
      String schedule) {}

  /** Where members' hosted zones are created and who sees them. */
  public record HostedZones(Boolean create, VpcEntry createIn, ExposeTo exposeTo) {}

  /**
   * A VPC: {@code {vpc: vpc-…, region: …}}, or its ID alone (the region then comes from {@code
   * createIn}).
   */
  public record VpcEntry(String vpc, String region) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public VpcEntry {}

    /** The ID alone, as {@code vpcs: [vpc-0abc…]} writes it. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static VpcEntry ofId(String vpc) {
      return new VpcEntry(vpc, null);
    }
  }

  /** Where a member's hosted zone is associated once complete: VPCs, or a Route 53 Profile. */
  public record ExposeTo(List<VpcEntry> vpcs, String profile) {}

  /** How much of a catalog one reading may remove. */
  public record Shrink(Double maxRemoveFraction, Integer minMembers) {}

  /**
   * What the members naming one RFC 9432 group are synced with: masters and key (the catalog's when
   * absent) and the per-zone options {@code defaults} may set.
   */
  public record GroupEntry(
      List<String> masters,
      String tsig,
      Safety safety,
      Batch batch,
      Ttl ttl,
      Timeouts timeouts,
      Limits limits,
      List<String> types,
      List<String> preserve,
      String fullReconcileEvery,
      String metrics,
      String zoneCuts) {

    /** The per-zone options written in this group, as {@code defaults} would write them. */
    ZoneOptions options() {
      return new ZoneOptions(
          safety,
          batch,
          ttl,
          timeouts,
          limits,
          types,
          preserve,
          fullReconcileEvery,
          metrics,
          zoneCuts);
    }
  }
}
