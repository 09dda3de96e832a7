package dev.zonesync.sync;

import dev.zonesync.model.DnsName;
import dev.zonesync.route53.FakeRoute53;
import dev.zonesync.sync.port.HostedZoneLifecycle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-process hosted-zone lifecycle over {@link FakeRoute53}, for the engine's unit tests: zones
 * it creates exist in the fake (the members' syncs write into them), caller references are never
 * accepted twice (as Route 53), VPC associations, Profile associations and tags are recorded, and
 * the account's quota can be set. The adapter itself is proven against the Route 53 stand-in.
 */
final class FakeLifecycle implements HostedZoneLifecycle {

  private final FakeRoute53 route53;
  private final Map<String, String> byCallerReference = new HashMap<>();
  private final Map<String, ZoneInfo> zones = new TreeMap<>();
  final Map<String, Map<String, String>> tags = new HashMap<>();
  final Map<String, String> profileAssociations = new HashMap<>();
  final List<String> calls = new ArrayList<>();
  long quota = 500;

  FakeLifecycle(FakeRoute53 route53) {
    this.route53 = route53;
  }

  @Override
  public String create(
      DnsName name, String callerReference, Vpc vpc, String comment, Map<String, String> tags) {
    calls.add("create " + name);
    String existing = byCallerReference.get(callerReference);
    if (existing != null) {
      if (!zones.containsKey(existing)) {
        throw new HostedZoneCreationException(
            "caller reference " + callerReference + " was used by a zone since deleted", null);
      }
      return existing;
    }
    if (zones.size() >= quota) {
      throw new HostedZoneCreationException("TooManyHostedZones", null);
    }
    String id = route53.createZone(name.text());
    byCallerReference.put(callerReference, id);
    zones.put(id, new ZoneInfo(id, name, true, callerReference, Set.of(vpc)));
    this.tags.put(id, new HashMap<>(tags));
    return id;
  }

  /** An operator deletes a hosted zone by hand. */
  void delete(String id) {
    zones.remove(id);
    route53.deleteZone(id);
  }

  @Override
  public Optional<ZoneInfo> describe(String hostedZoneId) {
    return Optional.ofNullable(zones.get(hostedZoneId));
  }

  @Override
  public void associate(String hostedZoneId, Vpc vpc) {
    calls.add("associate " + hostedZoneId + " " + vpc.id());
    ZoneInfo z = zones.get(hostedZoneId);
    Set<Vpc> vpcs = new LinkedHashSet<>(z.vpcs());
    vpcs.add(vpc);
    zones.put(hostedZoneId, new ZoneInfo(z.id(), z.name(), true, z.callerReference(), vpcs));
  }

  @Override
  public void associateWithProfile(String profileId, String hostedZoneId, String name) {
    calls.add("profile " + hostedZoneId + " " + profileId);
    profileAssociations.put(hostedZoneId, profileId);
  }

  @Override
  public Map<String, String> tags(String hostedZoneId) {
    return Map.copyOf(tags.getOrDefault(hostedZoneId, Map.of()));
  }

  @Override
  public void tag(String hostedZoneId, Map<String, String> add, Set<String> remove) {
    calls.add("tag " + hostedZoneId + " +" + add.keySet() + " -" + remove);
    Map<String, String> t = tags.computeIfAbsent(hostedZoneId, k -> new HashMap<>());
    t.putAll(add);
    remove.forEach(t::remove);
  }

  @Override
  public Optional<ZoneQuota> zoneQuota() {
    return Optional.of(new ZoneQuota(quota, zones.size()));
  }

  Set<Vpc> vpcsOf(String id) {
    return zones.get(id).vpcs();
  }
}
