package dev.zonesync.infra.config;

import dev.zonesync.config.CatalogSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code catalogs[]} entry as the CDK app uses it: its own hosted zone (given, or created by
 * the stack in {@code hostedZones.createIn}), its schedule, the masters the security group must
 * reach, and the engine's reading of the rest (allow, createIn, exposeTo, groups).
 *
 * @param index position in {@code catalogs}, for error messages
 * @param name the name as written (the key of its created hosted zone's ID, see {@link
 *     #hostedZoneKey()})
 * @param hostedZoneId the catalog's own hosted zone as written; absent: the stack creates it
 * @param schedule the catalog's EventBridge Scheduler expression (the catalog and its members run
 *     in one invocation)
 * @param masters the catalog's and its groups' masters, each once, by the first field naming it
 * @param engine the catalog as the function reads it (its hosted zone ID a stand-in when created)
 */
public record Catalog(
    int index,
    String name,
    Optional<String> hostedZoneId,
    String schedule,
    Map<String, Master> masters,
    CatalogSettings engine) {

  public Catalog {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hostedZoneId, "hostedZoneId");
    Objects.requireNonNull(schedule, "schedule");
    masters = Collections.unmodifiableMap(new LinkedHashMap<>(masters));
    Objects.requireNonNull(engine, "engine");
  }

  /** Whether the stack creates the catalog's own private hosted zone. */
  public boolean createsHostedZone() {
    return hostedZoneId.isEmpty();
  }

  /**
   * The catalog's key among the hosted zone IDs the stack wires in ({@code CreatedHostedZones},
   * {@link ConfigFragments#resolve}): distinct from every zone name, which has no colon.
   */
  public String hostedZoneKey() {
    return hostedZoneKey(name);
  }

  static String hostedZoneKey(String name) {
    return "catalog:" + name;
  }

  /** The catalog as requests and metrics name it: lower case, trailing dot. */
  public String canonicalName() {
    return engine.name().text();
  }

  /** The name without the trailing dot, as CloudFormation's HostedZone.Name takes it. */
  public String nameWithoutDot() {
    String n = canonicalName();
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  /** {@code catalogs[i]}: where the entry is written. */
  public String field() {
    return "catalogs[" + index + "]";
  }
}
