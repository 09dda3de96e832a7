package dev.zonesync.infra;

import dev.zonesync.infra.config.Catalog;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.constructs.Construct;

/**
 * One EventBridge Scheduler schedule per catalog, in the zones' schedule group and through their
 * target (role, retries, dead-letter queue): input {@code {"catalogs": ["<catalog>"]}}, which runs
 * the catalog and its members in one invocation. The zones' schedules name configured zones only,
 * so a member is never synced by them. Builds in the stack's scope, not in a nested stack: one
 * schedule per catalog, not per zone.
 */
final class CatalogSchedules {
  private CatalogSchedules() {}

  /** The schedules of {@code config}'s catalogs, in config order (none without catalogs). */
  static List<CfnSchedule> add(
      Stack stack, ZoneSyncConfig config, ZoneSchedules.Target target, CfnScheduleGroup group) {
    List<CfnSchedule> out = new ArrayList<>();
    if (config.catalogs().isEmpty()) {
      return out;
    }
    // One scope level more: logical IDs carry a hash of the catalog name (see CreatedHostedZones).
    Construct scope = new Construct(stack, "CatalogSchedule");
    for (Catalog c : config.catalogs()) {
      CfnSchedule s =
          ZoneSchedules.schedule(
              scope,
              c.canonicalName(),
              c.schedule(),
              input(c),
              "zonesync: sync catalog " + c.canonicalName() + " and its members",
              target);
      s.addResourceDependency(group);
      out.add(s);
    }
    return out;
  }

  /** The request the handler reads: {@code {"catalogs": ["<name>"]}}. */
  static String input(Catalog c) {
    return ZoneSchedules.json(Map.of("catalogs", List.of(c.canonicalName())));
  }
}
