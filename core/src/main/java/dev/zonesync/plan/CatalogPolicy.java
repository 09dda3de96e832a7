package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the configuration says about one consumed catalog, as far as deciding its members goes.
 *
 * @param allow the member names zonesync may mirror (required, at least one; each checked by {@link
 *     CatalogNameRules#requireAllowPattern})
 * @param create whether zonesync creates a hosted zone for a member that has none
 * @param configuredZones the zones listed under {@code zones:}: such an entry wins over a member
 * @param otherCatalogs the other catalogs this deployment consumes: a {@code coo} to one of them is
 *     a migration, a member of one of them a name clash
 * @param groups the configured group names, in configuration order
 * @param shrink how much one reading may remove
 * @param force accept a reading above the shrink threshold
 */
public record CatalogPolicy(
    List<NamePattern> allow,
    boolean create,
    Set<DnsName> configuredZones,
    Set<DnsName> otherCatalogs,
    List<String> groups,
    CatalogShrinkLimits shrink,
    boolean force) {

  public CatalogPolicy {
    allow = List.copyOf(allow);
    if (allow.isEmpty()) {
      throw new IllegalArgumentException(
          "a catalog needs at least one allow pattern: the member names zonesync may mirror");
    }
    allow.forEach(CatalogNameRules::requireAllowPattern);
    configuredZones = Set.copyOf(configuredZones);
    otherCatalogs = Set.copyOf(otherCatalogs);
    groups = List.copyOf(groups);
    if (new HashSet<>(groups).size() != groups.size()) {
      throw new IllegalArgumentException("group names repeat: " + groups);
    }
    Objects.requireNonNull(shrink, "shrink");
  }
}
