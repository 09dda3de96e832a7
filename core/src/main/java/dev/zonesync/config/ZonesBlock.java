package dev.zonesync.config;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.plan.OwnershipRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code zones} list: each entry on its own ({@link #zone}), then the relations between zones
 * that share a hosted zone ({@link #relate}): one name per hosted zone, and the subtrees a zone
 * must leave to another source zone mirrored into the same hosted zone.
 */
final class ZonesBlock {

  private final Map<DnsName, TsigKeySpec> keys;
  private final ConfigFile.ZoneOptions defaults;
  private final ZoneOptionsBlock.Inherited inherited;
  private final Problems problems;

  /**
   * @param defaults the top-level {@code defaults} (never null)
   * @param inherited what {@code defaults} leaves to every zone, already checked
   */
  ZonesBlock(
      Map<DnsName, TsigKeySpec> keys,
      ConfigFile.ZoneOptions defaults,
      ZoneOptionsBlock.Inherited inherited,
      Problems problems) {
    this.keys = keys;
    this.defaults = defaults;
    this.inherited = inherited;
    this.problems = problems;
  }

  /** A zone before relations between zones (shared hosted zones) are known. */
  record Draft(
      String at,
      DnsName name,
      String hostedZoneId,
      DnsName hostedZoneName,
      List<Master> masters,
      DnsName discoverMasters,
      TsigKeySpec tsig,
      ZoneOptionsBlock.Resolved options,
      ZoneOptionsBlock.Inherited scalars) {}

  /** The valid entries, in file order; every invalid one adds its problems and is left out. */
  List<Draft> drafts(List<ConfigFile.ZoneEntry> entries) {
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Draft d = zone(i, entries.get(i));
      if (d != null) {
        drafts.add(d);
      }
    }
    return drafts;
  }

  private Draft zone(int i, ConfigFile.ZoneEntry z) {
    if (z == null) {
      problems.add("zones[" + i + "]: empty entry");
      return null;
    }
    String at = "zones[" + i + "]" + (z.name() == null ? "" : " (" + z.name() + ")");
    int before = problems.size();
    DnsName name = problems.name(at + ".name", z.name());
    String hzId =
        SourceFields.hostedZoneId(
            at,
            z.hostedZoneId(),
            "missing; give the private hosted zone's ID"
                + (Boolean.TRUE.equals(z.createHostedZone())
                    ? " (createHostedZone: the CDK app fills it into the deployed configuration)"
                    : ""),
            problems);
    DnsName hzName =
        z.hostedZoneName() == null
            ? name
            : problems.name(at + ".hostedZoneName", z.hostedZoneName());
    if (name != null && hzName != null && !name.isSubdomainOf(hzName)) {
      problems.add(at + ".hostedZoneName: " + hzName + " does not contain the zone " + name);
    }
    List<Master> masters = SourceFields.masters(at, z.masters(), problems);
    DnsName discover =
        z.discoverMasters() == null
            ? null
            : problems.name(at + ".discoverMasters", z.discoverMasters());
    TsigKeySpec tsig = SourceFields.tsig(at, z.tsig(), keys, problems);
    ZoneOptionsBlock.Resolved options =
        ZoneOptionsBlock.resolve(at, List.of(z.options(), defaults), problems);
    ZoneOptionsBlock.Inherited scalars =
        ZoneOptionsBlock.inherited(at, z.options(), inherited, problems);
    if (problems.size() > before) {
      return null;
    }
    return new Draft(at, name, hzId, hzName, masters, discover, tsig, options, scalars);
  }

  /** Checks zones sharing a hosted zone and derives which subtrees each must leave alone. */
  List<ZoneSettings> relate(List<Draft> drafts) {
    Map<DnsName, Draft> byName = new HashMap<>();
    Map<String, List<Draft>> byHostedZone = new LinkedHashMap<>();
    for (Draft d : drafts) {
      if (byName.putIfAbsent(d.name(), d) != null) {
        problems.add(d.at() + ".name: zone " + d.name() + " is configured twice");
      }
      byHostedZone.computeIfAbsent(d.hostedZoneId(), k -> new ArrayList<>()).add(d);
    }
    List<ZoneSettings> out = new ArrayList<>();
    for (Draft d : drafts) {
      List<Draft> siblings = byHostedZone.get(d.hostedZoneId());
      List<DnsName> excluded = new ArrayList<>();
      for (Draft s : siblings) {
        if (s == d) {
          continue;
        }
        if (!s.hostedZoneName().equals(d.hostedZoneName())) {
          problems.add(
              d.at()
                  + ".hostedZoneName: hosted zone "
                  + d.hostedZoneId()
                  + " is named both "
                  + d.hostedZoneName()
                  + " and "
                  + s.hostedZoneName());
        } else if (s.name().isSubdomainOf(d.name()) && !s.name().equals(d.name())) {
          excluded.add(s.name());
        }
      }
      ZoneOptionsBlock.Resolved o = d.options();
      out.add(
          new ZoneSettings(
              d.name(),
              d.hostedZoneId(),
              d.hostedZoneName(),
              d.masters(),
              d.discoverMasters(),
              d.tsig(),
              new OwnershipRules(
                  d.name(), d.hostedZoneName(), o.types(), o.preserve(), excluded, o.ttl()),
              o.safety(),
              o.batch(),
              o.source(),
              d.scalars().fullReconcileEvery(),
              d.scalars().metrics()));
    }
    return out;
  }
}
