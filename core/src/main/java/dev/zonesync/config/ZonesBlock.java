package dev.zonesync.config;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.plan.CutPolicy;
import dev.zonesync.plan.OwnershipRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code zones} list: each entry on its own ({@link #zone}), then the relations between zones
 * that share a hosted zone ({@link #relate}): one name per hosted zone, the subtrees a zone must
 * leave to another source zone mirrored into the same hosted zone, and no delegation whose NS would
 * hide such a zone.
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
      ZoneOptionsBlock.Inherited scalars,
      List<Listed> delegations,
      List<Listed> resolvedElsewhere) {}

  /** A name of a list and its index there, for messages that name {@code delegations[i]}. */
  record Listed(int index, DnsName name) {}

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
    List<Listed> delegations = cuts(at + ".delegations", name, z.delegations());
    nestedDelegations(at, delegations);
    if (!delegations.isEmpty() && scalars.zoneCuts() != ZoneCuts.DELEGATE) {
      problems.add(
          at
              + ".delegations: needs zoneCuts: delegate (with zoneCuts: "
              + scalars.zoneCuts().key()
              + " the zone's cuts are skipped and these NS would never be mirrored); write"
              + " zoneCuts: delegate in the zone or in defaults, or remove delegations");
    }
    List<Listed> elsewhere = cuts(at + ".resolvedElsewhere", name, z.resolvedElsewhere());
    for (Listed e : elsewhere) {
      for (Listed d : delegations) {
        if (d.name().equals(e.name())) {
          problems.add(
              at
                  + ".resolvedElsewhere["
                  + e.index()
                  + "]: "
                  + e.name()
                  + " is also delegations["
                  + d.index()
                  + "]: a cut is either delegated (its NS mirrored for a DELEGATE rule) or"
                  + " resolved by something else; keep it in one of the two lists");
        }
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new Draft(
        at, name, hzId, hzName, masters, discover, tsig, options, scalars, delegations, elsewhere);
  }

  /**
   * The names of a list of cuts ({@code delegations}, {@code resolvedElsewhere}): each strictly
   * below the zone's apex, each once. Invalid ones add a problem and are left out.
   *
   * @param zone the zone's name, or null when it is invalid (then only the names are checked)
   */
  private List<Listed> cuts(String at, DnsName zone, List<String> texts) {
    List<Listed> out = new ArrayList<>();
    if (texts == null) {
      return out;
    }
    String below = zone == null ? "" : " (names ending in ." + zone + ")";
    for (int i = 0; i < texts.size(); i++) {
      String field = at + "[" + i + "]";
      DnsName n = problems.name(field, texts.get(i));
      if (n == null || zone == null) {
        continue;
      }
      if (n.equals(zone)) {
        problems.add(
            field
                + ": "
                + n
                + " is the zone's apex, not a cut below it; list only names strictly below the"
                + " apex"
                + below);
      } else if (!n.isSubdomainOf(zone)) {
        problems.add(
            field
                + ": '"
                + n
                + "' is not inside the zone "
                + zone
                + "; list only names strictly below its apex"
                + below);
      } else {
        Listed twice = out.stream().filter(l -> l.name().equals(n)).findFirst().orElse(null);
        if (twice != null) {
          problems.add(
              field + ": " + n + " is listed twice (also [" + twice.index() + "]); keep one");
        } else {
          out.add(new Listed(i, n));
        }
      }
    }
    return out;
  }

  /**
   * A delegation below another is inside that cut's child zone: its NS are the child's data, which
   * the zone neither holds nor mirrors.
   */
  private void nestedDelegations(String at, List<Listed> delegations) {
    for (Listed inner : delegations) {
      for (Listed outer : delegations) {
        if (inner != outer && inner.name().isSubdomainOf(outer.name())) {
          problems.add(
              at
                  + ".delegations["
                  + inner.index()
                  + "]: "
                  + inner.name()
                  + " lies below the delegation "
                  + outer.name()
                  + " (delegations["
                  + outer.index()
                  + "]): names below a cut belong to the child zone and are not mirrored;"
                  + " remove it");
        }
      }
    }
  }

  /**
   * Checks zones sharing a hosted zone and derives which subtrees each must leave alone.
   *
   * @param mirroredZones every zone the configuration mirrors (zones and catalogs): a cut whose
   *     child is one of them is covered by that zone's own hosted zone
   */
  List<ZoneSettings> relate(List<Draft> drafts, Set<DnsName> mirroredZones) {
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
      for (Listed del : d.delegations()) {
        for (Draft s : siblings) {
          if (s != d) {
            hides(d, del, s);
          }
        }
      }
      ZoneOptionsBlock.Resolved o = d.options();
      CutPolicy cuts =
          new CutPolicy(
              d.scalars().zoneCuts() == ZoneCuts.DELEGATE,
              names(d.delegations()),
              names(d.resolvedElsewhere()),
              mirroredZones);
      out.add(
          new ZoneSettings(
              d.name(),
              d.hostedZoneId(),
              d.hostedZoneName(),
              d.masters(),
              d.discoverMasters(),
              d.tsig(),
              new OwnershipRules(
                      d.name(), d.hostedZoneName(), o.types(), o.preserve(), excluded, o.ttl())
                  .withCuts(cuts),
              o.safety(),
              o.batch(),
              o.source(),
              d.scalars().fullReconcileEvery(),
              d.scalars().metrics()));
    }
    return out;
  }

  /**
   * Whether delegation {@code del} of zone {@code d} collides with {@code s}, another source zone
   * of the same hosted zone: NS at or above {@code s}'s apex make Route 53 answer every name there
   * with a referral, hiding {@code s}'s records; a cut inside {@code s} is {@code s}'s to list.
   */
  private void hides(Draft d, Listed del, Draft s) {
    String field = d.at() + ".delegations[" + del.index() + "]: ";
    if (s.name().equals(del.name())) {
      problems.add(
          field
              + del.name()
              + " is mirrored into the same hosted zone "
              + s.hostedZoneId()
              + " by "
              + s.at()
              + ": its NS would hide that zone's records; remove it from delegations (that zone's"
              + " own records answer there)");
    } else if (s.name().isSubdomainOf(del.name())) {
      problems.add(
          field
              + del.name()
              + " is above zone "
              + s.name()
              + ", which "
              + s.at()
              + " mirrors into the same hosted zone "
              + s.hostedZoneId()
              + ": its NS would hide that zone's records; remove it from delegations");
    } else if (del.name().isSubdomainOf(s.name()) && s.name().isSubdomainOf(d.name())) {
      problems.add(
          field
              + del.name()
              + " lies inside zone "
              + s.name()
              + ", which "
              + s.at()
              + " mirrors into the same hosted zone "
              + s.hostedZoneId()
              + ": its cuts are that zone's; list it in that zone's delegations");
    }
  }

  private static Set<DnsName> names(List<Listed> listed) {
    Set<DnsName> out = new LinkedHashSet<>();
    listed.forEach(l -> out.add(l.name()));
    return out;
  }
}
