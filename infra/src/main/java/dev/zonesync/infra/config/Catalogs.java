package dev.zonesync.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonesync.config.CatalogSettings;
import dev.zonesync.config.Settings;
import dev.zonesync.config.ZoneTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the deployment side of {@code catalogs[]}: which catalog's own hosted zone the stack
 * creates, each catalog's schedule, and the masters its security group rules need. The engine's
 * parser checks everything else, over the fragments as deployed.
 */
final class Catalogs {
  private Catalogs() {}

  /**
   * The keys of one catalog that exist for deployment.
   *
   * @param hostedZoneId absent: the stack creates the catalog's hosted zone in {@code createIn}
   */
  record DeployKeys(int index, String name, Optional<String> hostedZoneId, String schedule) {}

  /**
   * Reads each catalog's deployment keys from the file's {@code catalogs} (absent: none). A catalog
   * without {@code schedule} runs on {@code deployment.scheduler.defaultSchedule}, as a zone does.
   */
  static List<DeployKeys> deployKeys(JsonNode catalogs, Deployment deployment) {
    if (catalogs == null || !catalogs.isArray() || catalogs.isEmpty()) {
      return List.of();
    }
    if (deployment.scheduler().fullReconcile().isPresent()) {
      throw new ConfigException(
          "deployment.scheduler.fullReconcile",
          "cannot be used with catalogs: its {\"mode\": \"full\"} run syncs every zone, every"
              + " catalog and every member, outside the catalogs' own schedules. Remove it and set"
              + " fullReconcileEvery instead (in defaults, a zone, or a catalog's defaults for its"
              + " members)");
    }
    List<DeployKeys> out = new ArrayList<>();
    for (int i = 0; i < catalogs.size(); i++) {
      JsonNode entry = catalogs.get(i);
      if (entry == null || !entry.isObject()) {
        continue; // the engine's parser names the bad entry
      }
      out.add(deployKeys(i, Fields.of("catalogs[" + i + "]", entry), deployment));
    }
    return List.copyOf(out);
  }

  private static DeployKeys deployKeys(int index, Fields f, Deployment deployment) {
    Optional<String> hostedZoneId = f.optionalString("hostedZoneId");
    String name = f.string("name", "");
    if (hostedZoneId.isEmpty()) {
      boolean createIn = f.object("hostedZones").has("createIn");
      if (!createIn) {
        throw new ConfigException(
            f.child("hostedZoneId"),
            "is required unless hostedZones.createIn names a VPC: the stack then creates the"
                + " catalog's own private hosted zone there. Give the ID of an existing private"
                + " hosted zone, or set hostedZones.createIn: {vpc: vpc-0123456789abcdef0, region:"
                + " "
                + deployment.region()
                + "}");
      }
      if (name.isEmpty()) {
        throw new ConfigException(
            f.child("name"), "is required: the catalog zone's name, e.g. catalog.corp.example.");
      }
      if (!ZoneSyncConfig.ZONE_NAME.matcher(name).matches()) {
        throw new ConfigException(
            f.child("name"), "'" + name + "' is not a DNS zone name such as catalog.corp.example.");
      }
    }
    String schedule =
        ScheduleExpressions.validate(
            f.child("schedule"), f.string("schedule", deployment.scheduler().defaultSchedule()));
    return new DeployKeys(index, name, hostedZoneId, schedule);
  }

  /**
   * The catalogs as the stack uses them, from their deployment keys and the engine's reading (one
   * engine catalog per entry, in file order: the engine's parser has accepted them all).
   */
  static List<Catalog> of(List<DeployKeys> keys, Settings engine) {
    if (keys.size() != engine.catalogs().size()) {
      throw new IllegalStateException(
          keys.size() + " catalogs read, the engine read " + engine.catalogs().size());
    }
    List<Catalog> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      DeployKeys k = keys.get(i);
      CatalogSettings c = engine.catalogs().get(i);
      out.add(new Catalog(k.index(), k.name(), k.hostedZoneId(), k.schedule(), masters(k, c), c));
    }
    return List.copyOf(out);
  }

  /**
   * The catalog's masters, then each group's, each distinct master once under the first field
   * naming it (a group without masters of its own uses the catalog's).
   */
  private static Map<String, Master> masters(DeployKeys k, CatalogSettings c) {
    Map<String, Master> out = new LinkedHashMap<>();
    Set<Master> seen = new LinkedHashSet<>();
    String at = "catalogs[" + k.index() + "]";
    for (int m = 0; m < c.masters().size(); m++) {
      String field = at + ".masters[" + m + "]";
      Master master = Master.of(field, c.masters().get(m));
      if (seen.add(master)) {
        out.put(field, master);
      }
    }
    for (Map.Entry<String, ZoneTemplate> g : c.groups().entrySet()) {
      List<dev.zonesync.model.Master> ms = g.getValue().masters();
      for (int m = 0; m < ms.size(); m++) {
        String field = at + ".groups." + g.getKey() + ".masters[" + m + "]";
        Master master = Master.of(field, ms.get(m));
        if (seen.add(master)) {
          out.put(field, master);
        }
      }
    }
    return out;
  }
}
