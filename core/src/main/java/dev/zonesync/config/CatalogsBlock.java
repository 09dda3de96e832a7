package dev.zonesync.config;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.MemberState;
import dev.zonesync.plan.CatalogNameRules;
import dev.zonesync.plan.CatalogShrinkLimits;
import dev.zonesync.plan.NamePattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code catalogs} list (README, "Catalog zones"): each consumed catalog on its own — where it
 * is transferred from, which member names it may bring, where members' hosted zones are created and
 * exposed, what members are synced with — then what catalogs share with each other and with the
 * zones: a name, a hosted zone.
 *
 * <p>What members are synced with comes in layers, most specific first: a group, the catalog's
 * {@code defaults}, the top-level {@code defaults} (as {@link ZoneOptionsBlock} picks them). A
 * group may omit masters and tsig: it then uses the catalog's.
 */
final class CatalogsBlock {

  /** A Route 53 Profile's ID. */
  private static final Pattern PROFILE_ID = Pattern.compile("rp-[0-9a-f]{1,64}");

  private final Map<DnsName, TsigKeySpec> keys;
  private final ConfigFile.ZoneOptions defaults;
  private final ZoneOptionsBlock.Inherited inherited;
  private final Problems problems;

  /**
   * @param defaults the top-level {@code defaults} (never null)
   * @param inherited what {@code defaults} leaves to every zone, already checked
   */
  CatalogsBlock(
      Map<DnsName, TsigKeySpec> keys,
      ConfigFile.ZoneOptions defaults,
      ZoneOptionsBlock.Inherited inherited,
      Problems problems) {
    this.keys = keys;
    this.defaults = defaults;
    this.inherited = inherited;
    this.problems = problems;
  }

  /** A valid catalog and where it is written, for the checks between catalogs and zones. */
  private record Parsed(String at, CatalogSettings settings) {}

  /**
   * The valid catalogs, in file order; every invalid one adds its problems and is left out.
   *
   * @param zones the valid zone entries: a catalog may share neither a name nor a hosted zone with
   *     one
   */
  List<CatalogSettings> parse(List<ConfigFile.CatalogEntry> entries, List<ZonesBlock.Draft> zones) {
    List<Parsed> parsed = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Parsed p = catalog(i, entries.get(i));
      if (p != null) {
        parsed.add(p);
      }
    }
    relate(parsed, zones);
    return parsed.stream().map(Parsed::settings).toList();
  }

  private Parsed catalog(int i, ConfigFile.CatalogEntry c) {
    if (c == null) {
      problems.add("catalogs[" + i + "]: empty entry");
      return null;
    }
    String at = "catalogs[" + i + "]" + (c.name() == null ? "" : " (" + c.name() + ")");
    int before = problems.size();
    DnsName name = problems.name(at + ".name", c.name());
    String hzId =
        SourceFields.hostedZoneId(
            at,
            c.hostedZoneId(),
            "missing; give the ID of the catalog's own private hosted zone, where the catalog is"
                + " mirrored with zonesync's record of each member (deployed with the CDK app,"
                + " leave it out: the stack creates that zone in hostedZones.createIn and fills"
                + " its ID into the deployed configuration)",
            problems);
    List<Master> masters = SourceFields.masters(at, c.masters(), problems);
    TsigKeySpec tsig = SourceFields.tsig(at, c.tsig(), keys, problems);
    List<NamePattern> allow = allow(at, c.allow());
    ConfigFile.HostedZones hz =
        c.hostedZones() == null ? new ConfigFile.HostedZones(null, null, null) : c.hostedZones();
    boolean create = Boolean.TRUE.equals(hz.create());
    VpcRef createIn = createIn(at + ".hostedZones", hz.createIn(), create);
    CatalogSettings.Exposure exposeTo =
        exposeTo(at + ".hostedZones.exposeTo", hz.exposeTo(), createIn, hz.createIn() != null);
    SourceLimits source =
        ZoneOptionsBlock.sourceLimits(
            at,
            // either may be absent: Arrays.asList keeps the nulls that List.of refuses
            Arrays.asList(c.timeouts(), defaults.timeouts()),
            Arrays.asList(c.limits(), defaults.limits()),
            problems);
    ConfigFile.ZoneOptions own = c.defaults() == null ? ConfigFile.ZoneOptions.EMPTY : c.defaults();
    ZoneOptionsBlock.Inherited ownInherited =
        ZoneOptionsBlock.inherited(at + ".defaults", own, inherited, problems);
    ZoneTemplate template =
        template(at + ".defaults", List.of(own, defaults), ownInherited, masters, tsig);
    Map<String, ZoneTemplate> groups = new LinkedHashMap<>();
    if (c.groups() != null) {
      c.groups()
          .forEach(
              (group, g) -> {
                ZoneTemplate t = group(at, group, g, own, ownInherited, masters, tsig);
                if (t != null) {
                  groups.put(group, t);
                }
              });
    }
    CatalogShrinkLimits shrink = shrink(at, c.shrink());
    if (problems.size() > before) {
      return null;
    }
    return new Parsed(
        at,
        new CatalogSettings(
            name, hzId, masters, tsig, allow, create, createIn, exposeTo, template, groups, shrink,
            source));
  }

  /** Required, at least one, each a name or a glob that admits only what it says. */
  private List<NamePattern> allow(String at, List<String> texts) {
    List<NamePattern> allow = new ArrayList<>();
    if (texts == null || texts.isEmpty()) {
      problems.add(
          at
              + ".allow: missing; list the member names zonesync may mirror from this catalog,"
              + " e.g. [\"corp.example.\", \"*.corp.example.\"] (members outside are refused)");
      return allow;
    }
    for (int a = 0; a < texts.size(); a++) {
      String field = at + ".allow[" + a + "]";
      String text = texts.get(a);
      if (text == null || text.isBlank()) {
        problems.add(field + ": missing; write a name or a glob such as *.corp.example.");
        continue;
      }
      if (text.contains("/")) {
        problems.add(
            field
                + ": '"
                + text
                + "' names a type: allow patterns are names only (a member is a whole zone)");
        continue;
      }
      try {
        NamePattern pattern = CatalogNameRules.requireAllowPattern(NamePattern.parse(text));
        if (!pattern.glob().contains("*") && !pattern.glob().contains("?")) {
          DnsName.of(pattern.glob()); // a literal pattern must be a name to ever match one
        }
        allow.add(pattern);
      } catch (IllegalArgumentException e) {
        problems.add(field + ": " + e.getMessage());
      }
    }
    return allow;
  }

  private VpcRef createIn(String at, ConfigFile.VpcEntry v, boolean create) {
    if (v == null) {
      if (create) {
        problems.add(
            at
                + ".createIn: missing; create: true needs the VPC new hosted zones are created in,"
                + " e.g. createIn: {vpc: vpc-0123456789abcdef0, region: eu-west-1} (a VPC with no"
                + " workloads: a member is exposed to them only once its first sync completed)");
      }
      return null;
    }
    String field = at + ".createIn";
    if (v.vpc() == null || v.vpc().isBlank()) {
      problems.add(field + ".vpc: missing; give the VPC's ID, like vpc-0123456789abcdef0");
      return null;
    }
    if (v.region() == null || v.region().isBlank()) {
      problems.add(field + ".region: missing; give the VPC's region, like eu-west-1");
      return null;
    }
    return vpc(field + ".vpc", field + ".region", v.vpc().strip(), v.region().strip());
  }

  /** A VPC, or null after a problem naming the field that is wrong. */
  private VpcRef vpc(String idField, String regionField, String id, String region) {
    boolean ok = true;
    try {
      VpcRef.requireId(id);
    } catch (IllegalArgumentException e) {
      problems.add(idField + ": " + e.getMessage());
      ok = false;
    }
    try {
      VpcRef.requireRegion(region);
    } catch (IllegalArgumentException e) {
      problems.add(regionField + ": " + e.getMessage());
      ok = false;
    }
    return ok ? new VpcRef(id, region) : null;
  }

  /**
   * @param createIn where a VPC written without its region is; null when absent or invalid
   * @param createInWritten whether {@code createIn} is written (when it is but is invalid, a VPC
   *     without region is not reported: its own problem says what to fix)
   */
  private CatalogSettings.Exposure exposeTo(
      String at, ConfigFile.ExposeTo e, VpcRef createIn, boolean createInWritten) {
    if (e == null) {
      return new CatalogSettings.Nowhere();
    }
    if (e.vpcs() != null && e.profile() != null) {
      problems.add(
          at
              + ": set one of vpcs or profile, not both (a Route 53 Profile reaches every VPC"
              + " associated with it)");
      return new CatalogSettings.Nowhere();
    }
    if (e.profile() != null) {
      String id = e.profile().strip();
      if (!PROFILE_ID.matcher(id).matches()) {
        problems.add(
            at
                + ".profile: '"
                + e.profile()
                + "' is not a Route 53 Profile ID (rp- and hex digits, like rp-0123456789abcdef)");
        return new CatalogSettings.Nowhere();
      }
      return new CatalogSettings.ToProfile(id);
    }
    if (e.vpcs() == null || e.vpcs().isEmpty()) {
      problems.add(
          at
              + (e.vpcs() == null ? "" : ".vpcs")
              + ": set vpcs (a list of VPCs) or profile (a Route 53 Profile ID), or leave exposeTo"
              + " out: members' hosted zones are then associated with no VPC but createIn's");
      return new CatalogSettings.Nowhere();
    }
    List<VpcRef> vpcs = new ArrayList<>();
    for (int v = 0; v < e.vpcs().size(); v++) {
      String field = at + ".vpcs[" + v + "]";
      ConfigFile.VpcEntry entry = e.vpcs().get(v);
      if (entry == null || entry.vpc() == null || entry.vpc().isBlank()) {
        problems.add(field + ": missing; give the VPC's ID, like vpc-0123456789abcdef0");
        continue;
      }
      String region = entry.region();
      if (region == null || region.isBlank()) {
        if (createIn == null) {
          if (createInWritten) {
            continue;
          }
          problems.add(
              field
                  + ": "
                  + entry.vpc()
                  + " has no region, and there is no createIn to take it from; write {vpc: "
                  + entry.vpc()
                  + ", region: eu-west-1}");
          continue;
        }
        region = createIn.region(); // an ID alone is in createIn's region
      }
      VpcRef ref = vpc(field, field + ".region", entry.vpc().strip(), region.strip());
      if (ref == null) {
        continue;
      }
      int twice = vpcs.indexOf(ref);
      if (twice >= 0) {
        problems.add(
            field
                + ": "
                + ref.id()
                + " ("
                + ref.region()
                + ") is listed twice (also ["
                + twice
                + "]); keep one");
      } else {
        vpcs.add(ref);
      }
    }
    return new CatalogSettings.ToVpcs(vpcs);
  }

  /**
   * One group: its masters and key (the catalog's when omitted) and options over the catalog's
   * {@code defaults}.
   */
  private ZoneTemplate group(
      String catalogAt,
      String group,
      ConfigFile.GroupEntry g,
      ConfigFile.ZoneOptions catalogDefaults,
      ZoneOptionsBlock.Inherited catalogInherited,
      List<Master> catalogMasters,
      TsigKeySpec catalogTsig) {
    if (group.isEmpty()) {
      problems.add(
          catalogAt
              + ".groups: a group name is empty; RFC 9432 group properties are non-empty TXT"
              + " strings: name the group as the catalog's members do");
      return null;
    }
    String at = catalogAt + ".groups." + group;
    int octets = group.getBytes(StandardCharsets.UTF_8).length;
    if (octets > MemberState.MAX_GROUP_OCTETS) {
      problems.add(
          at
              + ": the name has "
              + octets
              + " octets; a group name has at most "
              + MemberState.MAX_GROUP_OCTETS
              + " (zonesync records it beside each member)");
      return null;
    }
    ConfigFile.GroupEntry entry =
        g == null
            ? new ConfigFile.GroupEntry(
                null, null, null, null, null, null, null, null, null, null, null, null)
            : g;
    List<Master> masters =
        entry.masters() == null
            ? catalogMasters
            : SourceFields.masters(at, entry.masters(), problems);
    TsigKeySpec tsig =
        entry.tsig() == null ? catalogTsig : SourceFields.tsig(at, entry.tsig(), keys, problems);
    ZoneOptionsBlock.Inherited own =
        ZoneOptionsBlock.inherited(at, entry.options(), catalogInherited, problems);
    return template(at, List.of(entry.options(), catalogDefaults, defaults), own, masters, tsig);
  }

  /** What a member is synced with, or null when something in it is wrong (a problem says what). */
  private ZoneTemplate template(
      String at,
      List<ConfigFile.ZoneOptions> layers,
      ZoneOptionsBlock.Inherited scalars,
      List<Master> masters,
      TsigKeySpec tsig) {
    int before = problems.size();
    ZoneOptionsBlock.Resolved o = ZoneOptionsBlock.resolve(at, layers, problems);
    if (problems.size() > before || masters.isEmpty()) {
      return null;
    }
    return new ZoneTemplate(
        masters,
        tsig,
        o.types(),
        o.preserve(),
        o.ttl(),
        o.safety(),
        o.batch(),
        o.source(),
        scalars.fullReconcileEvery(),
        scalars.metrics(),
        scalars.zoneCuts() == ZoneCuts.DELEGATE);
  }

  private CatalogShrinkLimits shrink(String at, ConfigFile.Shrink s) {
    CatalogShrinkLimits def = CatalogShrinkLimits.DEFAULT;
    if (s == null) {
      return def;
    }
    try {
      return new CatalogShrinkLimits(
          Problems.or(s.maxRemoveFraction(), def.maxRemoveFraction()),
          Problems.or(s.minMembers(), def.minMembers()));
    } catch (IllegalArgumentException e) {
      problems.add(at + ".shrink: " + e.getMessage());
      return def;
    }
  }

  /**
   * A catalog is one zone mirrored into a hosted zone of its own: no two catalogs, and no catalog
   * and zone, share a name or a hosted zone (one writer per hosted zone).
   */
  private void relate(List<Parsed> catalogs, List<ZonesBlock.Draft> zones) {
    Map<DnsName, String> names = new HashMap<>();
    Map<String, String> hostedZones = new HashMap<>();
    for (ZonesBlock.Draft z : zones) {
      names.putIfAbsent(z.name(), z.at());
      hostedZones.putIfAbsent(z.hostedZoneId(), z.at());
    }
    for (Parsed p : catalogs) {
      CatalogSettings c = p.settings();
      String other = names.putIfAbsent(c.name(), p.at());
      if (other != null) {
        problems.add(
            p.at()
                + ".name: "
                + c.name()
                + (other.startsWith("catalogs[")
                    ? " is listed twice (also " + other + "); keep one"
                    : " is also configured as "
                        + other
                        + ": one zone is either a catalog or a zone to mirror; remove one of"
                        + " them"));
      }
      String shared = hostedZones.putIfAbsent(c.hostedZoneId(), p.at());
      if (shared != null) {
        problems.add(
            p.at()
                + ".hostedZoneId: "
                + c.hostedZoneId()
                + " is also the hosted zone of "
                + shared
                + ": a catalog needs a private hosted zone of its own (zonesync keeps its"
                + " members' records there)");
      }
    }
  }
}
