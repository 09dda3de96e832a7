package dev.zonesync.sync.port;

import dev.zonesync.model.DnsName;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creating, exposing and labelling private hosted zones, for the zones a catalog adds (README,
 * "Catalog zones"); implemented over Route 53 by {@code route53}. Nothing here deletes a hosted
 * zone or disassociates a VPC: a member that leaves its catalog is quarantined by a tag.
 */
public interface HostedZoneLifecycle {

  /** A VPC a private hosted zone is associated with. */
  record Vpc(String id, String region) {
    public Vpc {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(region, "region");
    }
  }

  /**
   * A hosted zone as Route 53 describes it.
   *
   * @param callerReference what its creator passed to CreateHostedZone
   * @param vpcs the VPCs it is associated with (private zones)
   */
  record ZoneInfo(
      String id, DnsName name, boolean privateZone, String callerReference, Set<Vpc> vpcs) {
    public ZoneInfo {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      vpcs = Set.copyOf(vpcs);
    }
  }

  /**
   * The hosted-zone quota of the account ({@code MAX_HOSTED_ZONES_BY_OWNER}) and its use.
   *
   * @param max how many hosted zones the account may hold
   * @param count how many it holds
   */
  record ZoneQuota(long max, long count) {}

  /**
   * Creates a private hosted zone associated with {@code vpc}, or — when a request with this caller
   * reference already created one (a lost response, a retry) — returns that one's ID. Route 53
   * never accepts a caller reference twice, even after the zone is deleted: the caller derives a
   * new one to create the zone again.
   *
   * @param tags set on the new zone (its creator, its catalog)
   * @return the hosted zone's ID (without the {@code /hostedzone/} prefix)
   * @throws HostedZoneCreationException when Route 53 refuses (quota, a conflicting zone, IAM),
   *     with a message naming the zone and what to do
   */
  String create(
      DnsName name, String callerReference, Vpc vpc, String comment, Map<String, String> tags);

  /** The hosted zone, or empty when it does not exist (an operator deleted it). */
  Optional<ZoneInfo> describe(String hostedZoneId);

  /** Associates the private hosted zone with a VPC of this account; already associated is fine. */
  void associate(String hostedZoneId, Vpc vpc);

  /**
   * Associates the private hosted zone with a Route 53 Profile (which carries it to every VPC
   * associated with the Profile, in every account it is shared with); already associated is fine.
   *
   * @param name the resource association's name in the Profile
   */
  void associateWithProfile(String profileId, String hostedZoneId, String name);

  /** The hosted zone's tags. */
  Map<String, String> tags(String hostedZoneId);

  /** Adds or replaces {@code add} and removes {@code remove} on the hosted zone. */
  void tag(String hostedZoneId, Map<String, String> add, Set<String> remove);

  /** The account's hosted-zone quota and use, or empty when the service does not say. */
  Optional<ZoneQuota> zoneQuota();

  /** Route 53 refused to create a hosted zone. */
  final class HostedZoneCreationException extends RuntimeException {
    public HostedZoneCreationException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
