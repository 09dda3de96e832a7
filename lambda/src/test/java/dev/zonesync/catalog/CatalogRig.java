package dev.zonesync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.Deadline;
import dev.zonesync.sync.CatalogReport;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.testing.DnsMaster;
import dev.zonesync.testing.IndependentMirror;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.Route53TextReader;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.WireCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.route53.model.VPC;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * One consumed catalog against a real master and the Route 53 stand-in: the catalog's own private
 * hosted zone in a {@code createIn} VPC of its own, an {@code exposeTo} VPC, the configuration (the
 * YAML a user writes), the engine as the composition root builds it — kept between runs like a warm
 * Lambda container, or built again like a CLI run — and every Route 53 request of a run recorded on
 * the wire by a {@link Route53Proxy}. What Route 53 holds is read straight from the stand-in (not
 * through the proxy, not by zonesync's code); what it must hold comes from the zone files and from
 * the master, read by BIND's and Knot's tools ({@link IndependentMirror}).
 *
 * <p>Each test class takes a domain of its own ({@code knot.example.}, …): the stand-in is shared
 * by the whole failsafe JVM, and a CreateHostedZone caller reference (derived from the catalog,
 * member and label) is never accepted twice.
 */
final class CatalogRig implements AutoCloseable {

  static final String KEY = SyncHarness.KEY;
  static final String REGION = "eu-west-1";

  final String domain;
  final String catalog;
  final String createIn = MotoServer.dummyVpcId();
  final String exposeTo = MotoServer.dummyVpcId();
  final String catalogZoneId;
  final String secret = NamedServer.generateTsigSecret();
  final Route53Proxy proxy;
  private final MotoServer moto = MotoServer.shared();
  private String master;
  private String catalogExtras = "";
  private Engine warm;

  CatalogRig(String domain) {
    this.domain = NamedServer.absolute(domain);
    this.catalog = "catalog." + this.domain;
    this.proxy = Route53Proxy.in(moto);
    this.catalogZoneId = moto.createPrivateHostedZone(catalog, createIn, VPCRegion.EU_WEST_1, true);
  }

  /** The transfer key as the masters are given it. */
  DnsMaster.Key key() {
    return new DnsMaster.Key(KEY, "hmac-sha256", secret);
  }

  NamedServer.TsigKey namedKey() {
    return new NamedServer.TsigKey(KEY, "hmac-sha256", secret);
  }

  /** A member's name: {@code a} → {@code a.<domain>}. */
  String member(String letter) {
    return letter + "." + domain;
  }

  /** The master every catalog and member is transferred from ({@code host:port}). */
  void master(String hostPort) {
    this.master = hostPort;
    this.warm = null;
  }

  /** Extra keys of the catalog entry, e.g. {@code "shrink: {minMembers: 3}"}. */
  void catalogExtras(String... lines) {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append("    ").append(l).append('\n');
    }
    this.catalogExtras = sb.toString();
    this.warm = null;
  }

  /** The configuration a user would write for this catalog (the secret in the environment). */
  String yaml() {
    return "version: 1\n"
        + "tsigKeys:\n  - name: "
        + KEY
        + "\n    algorithm: hmac-sha256\n    secret: {env: "
        + SyncHarness.SECRET_ENV
        + "}\n"
        + "route53: {requestsPerSecond: 50, burst: 50, minBatchTime: 300ms}\n"
        + "catalogs:\n  - name: "
        + catalog
        + "\n    hostedZoneId: "
        + catalogZoneId
        + "\n    masters: [\""
        + master
        + "\"]\n    tsig: "
        + KEY
        + "\n    allow: [\"*."
        + domain
        + "\"]\n"
        + "    hostedZones:\n      create: true\n      createIn: {vpc: "
        + createIn
        + ", region: "
        + REGION
        + "}\n      exposeTo: {vpcs: ["
        + exposeTo
        + "]}\n"
        + "    timeouts: {query: 2s, transfer: 10s}\n"
        + "    defaults: {timeouts: {query: 2s, transfer: 10s}}\n"
        + catalogExtras;
  }

  // ---------------------------------------------------------------------------------------------
  // runs

  /** A run's report and the Route 53 requests it made, in order, as they crossed the wire. */
  record Run(RunReport report, List<WireCall> wire) {

    CatalogReport catalog() {
      assertThat(report.catalogs()).as("the report's catalogs").hasSize(1);
      return report.catalogs().get(0);
    }

    /** Each member's reported state, by name. */
    Map<String, String> states() {
      return catalog().members().stream()
          .collect(
              Collectors.toMap(
                  CatalogReport.Member::name,
                  CatalogReport.Member::state,
                  (a, b) -> a,
                  TreeMap::new));
    }

    CatalogReport.Member member(String name) {
      return catalog().members().stream()
          .filter(m -> m.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError(name + " is not in the report: " + catalog()));
    }

    Optional<ZoneReport> zone(String name) {
      return report.zones().stream().filter(z -> z.zone().equals(name)).findFirst();
    }

    /** The zones synced this run, by name. */
    Set<String> synced() {
      return report.zones().stream().map(ZoneReport::zone).collect(Collectors.toSet());
    }

    /** Route 53 requests by operation, and {@code total}. */
    Map<String, Integer> calls() {
      Map<String, Integer> out = new TreeMap<>();
      for (WireCall c : wire) {
        out.merge(c.operation(), 1, Integer::sum);
      }
      out.put("total", wire.size());
      return out;
    }

    /** The zones' own {@code apiCalls} totals summed (the catalog zone's and every member's). */
    int zonesApiCalls() {
      return report.zones().stream()
          .mapToInt(z -> z.apiCalls() == null ? 0 : z.apiCalls().getOrDefault("total", 0))
          .sum();
    }

    List<WireCall> calls(String operation) {
      return wire.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    /** Requests naming the hosted zone in their path, in order. */
    List<WireCall> on(String zoneId) {
      return wire.stream().filter(c -> c.hostedZoneId().orElse("").equals(zoneId)).toList();
    }
  }

  /** A run of the warm engine (built once, kept like a Lambda container). */
  Run run(SyncOptions options) {
    if (warm == null) {
      warm = engine();
    }
    return run(warm, options, List.of());
  }

  /** A run of an engine built for it alone, as each CLI run or cold container is. */
  Run runCold(SyncOptions options) {
    warm = engine();
    return run(warm, options, List.of());
  }

  Run run(Engine engine, SyncOptions options, List<String> zones) {
    proxy.clear();
    RunReport r = engine.run(zones, List.of(), options, Deadline.after(Duration.ofSeconds(60)));
    return new Run(r, proxy.calls());
  }

  Engine engine() {
    return SyncHarness.engine(yaml(), secret, proxy.endpoint());
  }

  // ---------------------------------------------------------------------------------------------
  // what the stand-in holds (read directly, not through the proxy)

  private Route53Client raw() {
    return moto.client();
  }

  /** The VPCs the hosted zone is associated with (GetHostedZone). */
  Set<String> vpcs(String zoneId) {
    return raw().getHostedZone(b -> b.id(zoneId)).vpCs().stream()
        .map(VPC::vpcId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  Map<String, String> tags(String zoneId) {
    Map<String, String> out = new TreeMap<>();
    raw()
        .listTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId))
        .resourceTagSet()
        .tags()
        .forEach(t -> out.put(t.key(), t.value()));
    return out;
  }

  HostedZone hostedZone(String zoneId) {
    return raw().getHostedZone(b -> b.id(zoneId)).hostedZone();
  }

  /** Every hosted zone of exactly this name (ListHostedZonesByName, page by page). */
  List<HostedZone> zonesNamed(String name) {
    List<HostedZone> out = new ArrayList<>();
    ListHostedZonesByNameResponse page =
        raw().listHostedZonesByName(b -> b.dnsName(name).maxItems("100"));
    while (true) {
      for (HostedZone z : page.hostedZones()) {
        if (!z.name().equals(name)) {
          return out;
        }
        out.add(z);
      }
      if (!page.isTruncated()) {
        return out;
      }
      String nextName = page.nextDNSName();
      String nextId = page.nextHostedZoneId();
      page = raw().listHostedZonesByName(b -> b.dnsName(nextName).hostedZoneId(nextId));
    }
  }

  /** The zone's content exactly as listed (apex SOA, NS and marker included), one line per set. */
  List<String> content(String zoneId) {
    return SyncHarness.content(zoneId);
  }

  /**
   * zonesync's state record of the member in the catalog's hosted zone ({@code
   * _zonesync.<label>.zones.<catalog>} TXT), read by the tests' own reader: label → text.
   */
  Map<String, String> stateRecords() {
    Map<String, String> out = new TreeMap<>();
    String suffix = ".zones." + catalog;
    for (ResourceRecordSet r : moto.listAll(catalogZoneId)) {
      String name = Route53TextReader.name(r.name());
      if (r.type() == RRType.TXT && name.startsWith("_zonesync.") && name.endsWith(suffix)) {
        String label = name.substring("_zonesync.".length(), name.length() - suffix.length());
        out.put(label, Route53TextReader.value("TXT", r.resourceRecords().get(0).value()));
      }
    }
    return out;
  }

  /** The state record naming {@code member}, or empty. */
  Optional<String> stateOf(String member) {
    return stateRecords().values().stream()
        .filter(v -> v.contains(" member=" + member + " "))
        .findFirst();
  }

  /** What the hosted zone holds besides apex SOA/NS and markers, as BIND prints it. */
  Set<String> hosted(String zoneName, String zoneId) {
    return IndependentMirror.hosted(zoneName, moto.listAll(zoneId));
  }

  /** What Route 53 must hold for a fixture zone file loaded as {@code zoneName}. */
  static Set<String> expectedFromFile(String zoneName, String fixture) {
    return IndependentMirror.expected(
        zoneName, IndependentMirror.zoneFile(zoneName, text(fixture)));
  }

  /** What Route 53 must hold for the master's zone now, from a fresh AXFR by kdig. */
  Set<String> expectedFromMaster(String zoneName) {
    return IndependentMirror.expected(
        zoneName, IndependentMirror.axfr(master, zoneName, KEY, secret));
  }

  /** A fixture of {@code src/test/resources/catalog/}: {@code "a"} → {@code a.zone}. */
  static String text(String fixture) {
    try (InputStream in = CatalogRig.class.getResourceAsStream("/catalog/" + fixture + ".zone")) {
      if (in == null) {
        throw new IllegalStateException("no fixture catalog/" + fixture + ".zone on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The member was exposed (associated with {@code exposeTo}) in this run, after the last record
   * write to its hosted zone: an association before its first complete sync would expose an
   * incomplete zone.
   */
  static void assertExposedAfterItsWrites(Run run, String zoneId) {
    List<WireCall> on = run.on(zoneId);
    int associated = -1;
    int lastWrite = -1;
    for (int i = 0; i < on.size(); i++) {
      switch (on.get(i).operation()) {
        case "AssociateVPCWithHostedZone" -> associated = associated < 0 ? i : associated;
        case "ChangeResourceRecordSets" -> lastWrite = i;
        default -> {}
      }
    }
    assertThat(associated).as("an association of " + zoneId + " this run").isNotNegative();
    assertThat(lastWrite).as("record writes to " + zoneId + " this run").isNotNegative();
    assertThat(associated)
        .as("the association comes after the zone's last record write")
        .isGreaterThan(lastWrite);
  }

  /** One line of the calls-per-run table (grep {@code CATALOG-CALLS}). */
  static void row(String master, String scenario, int members, Run run) {
    Map<String, Integer> calls = new LinkedHashMap<>(run.calls());
    System.out.printf(
        "CATALOG-CALLS | %s | %s | %d members | %d calls | %s | zones' apiCalls %d%n",
        master, scenario, members, calls.remove("total"), calls, run.zonesApiCalls());
  }

  @Override
  public void close() {
    proxy.close();
  }
}
