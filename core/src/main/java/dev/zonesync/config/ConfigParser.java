package dev.zonesync.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import dev.zonesync.model.TsigKey;
import dev.zonesync.plan.BatchLimits;
import dev.zonesync.plan.NamePattern;
import dev.zonesync.plan.OwnershipRules;
import dev.zonesync.plan.SafetyLimits;
import dev.zonesync.plan.TtlPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and validates the YAML (or JSON) configuration. All problems are collected and reported
 * together, each with the zone and field it concerns.
 */
public final class ConfigParser {

  /** Larger inputs are refused before parsing. */
  public static final int MAX_CONFIG_BYTES = 1 << 20;

  /**
   * Shortest {@code fullReconcileEvery}: a full reconcile reads the whole hosted zone (a
   * 10,000-RRset zone is about 34 ListResourceRecordSets pages), so more often than hourly would
   * spend the account's shared Route 53 request quota on re-reading unchanged zones.
   */
  static final Duration MIN_FULL_RECONCILE_EVERY = Duration.ofHours(1);

  /** Longest {@code fullReconcileEvery}: drift should not go unnoticed for longer. */
  static final Duration MAX_FULL_RECONCILE_EVERY = Duration.ofDays(30);

  /** Smallest maxValueChars that always carries the serial commit (SOA + marker, UPSERT ×2). */
  static final int MIN_BATCH_CHARS = 7000;

  private static final Pattern HOSTED_ZONE_ID = Pattern.compile("[A-Z0-9]{1,32}");
  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ConfigParser() {}

  /** Parses configuration text. {@code source} names it in error messages. */
  public static Settings parse(String text, String source) {
    return parse(readTree(text, source), source);
  }

  /**
   * The configuration text as a tree, anchors and aliases resolved ({@link YamlTree}): what {@link
   * #parse(JsonNode, String)} validates. For every reader of the file, so that all see the same
   * tree.
   */
  public static JsonNode readTree(String text, String source) {
    if (text.length() > MAX_CONFIG_BYTES) {
      throw new ConfigException(
          source, List.of("larger than " + MAX_CONFIG_BYTES + " bytes; is this the right file?"));
    }
    try {
      JsonNode node = YamlTree.read(text, source);
      if (node == null || !node.isObject()) {
        throw new ConfigException(source, List.of("expected a YAML mapping at the top level"));
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          source, List.of("not valid YAML/JSON: " + e.getOriginalMessage() + location(e)));
    }
  }

  /** Validates an already-parsed (possibly merged) configuration tree. */
  public static Settings parse(JsonNode tree, String source) {
    ConfigFile file;
    try {
      file = YAML.treeToValue(tree, ConfigFile.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          source,
          List.of(
              path(e)
                  + ": unknown key '"
                  + e.getPropertyName()
                  + "'; known keys here: "
                  + e.getKnownPropertyIds()));
    } catch (JsonMappingException e) {
      throw new ConfigException(source, List.of(path(e) + ": " + e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, List.of(e.getOriginalMessage()));
    }
    return new Validator(source).validate(file);
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "(top level)" : sb.toString();
  }

  /** Collects problems instead of stopping at the first. */
  private static final class Validator {
    private final String source;
    private final List<String> problems = new ArrayList<>();

    Validator(String source) {
      this.source = source;
    }

    Settings validate(ConfigFile f) {
      if (f.version() == null || f.version() != 1) {
        problems.add("version: must be 1, got " + f.version());
      }
      Map<DnsName, TsigKeySpec> keys = tsigKeys(f.tsigKeys());
      ConfigFile.ZoneOptions defaults =
          f.defaults() == null
              ? new ConfigFile.ZoneOptions(null, null, null, null, null, null, null, null, null)
              : f.defaults();
      Duration defaultFullEvery =
          defaults.fullReconcileEvery() == null
              ? ZoneSettings.DEFAULT_FULL_RECONCILE_EVERY
              : fullReconcileEvery(
                  "defaults.fullReconcileEvery",
                  defaults.fullReconcileEvery(),
                  ZoneSettings.DEFAULT_FULL_RECONCILE_EVERY);
      MetricsDetail defaultMetrics =
          MetricsDetail.parse(
              "defaults.metrics", defaults.metrics(), MetricsDetail.DEFAULT, problems);
      Route53Settings route53 = route53(f.route53());
      Duration minBatchTime =
          f.route53() == null || f.route53().minBatchTime() == null
              ? Duration.ofSeconds(3)
              : duration("route53.minBatchTime", f.route53().minBatchTime(), Duration.ofSeconds(3));
      ExecutionSettings execution = execution(f.execution());

      List<ConfigFile.ZoneEntry> entries = f.zones() == null ? List.of() : f.zones();
      if (entries.isEmpty()) {
        problems.add("zones: at least one zone is required");
      }
      List<Draft> drafts = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        Draft d = zone(i, entries.get(i), defaults, defaultFullEvery, defaultMetrics, keys);
        if (d != null) {
          drafts.add(d);
        }
      }
      List<ZoneSettings> zones = relate(drafts);
      if (!problems.isEmpty()) {
        throw new ConfigException(source, problems);
      }
      return new Settings(zones, route53, minBatchTime, execution);
    }

    private Map<DnsName, TsigKeySpec> tsigKeys(List<ConfigFile.TsigKeyEntry> entries) {
      Map<DnsName, TsigKeySpec> out = new LinkedHashMap<>();
      if (entries == null) {
        return out;
      }
      for (int i = 0; i < entries.size(); i++) {
        ConfigFile.TsigKeyEntry e = entries.get(i);
        String at = "tsigKeys[" + i + "]";
        if (e == null) {
          problems.add(at + ": empty entry");
          continue;
        }
        DnsName name = name(at + ".name", e.name());
        String alg = e.algorithm() == null ? "hmac-sha256" : e.algorithm().toLowerCase(Locale.ROOT);
        if (!TsigKey.ALGORITHMS.contains(alg)) {
          problems.add(
              at
                  + ".algorithm: '"
                  + e.algorithm()
                  + "' unsupported; use one of "
                  + TsigKey.ALGORITHMS);
        }
        ConfigFile.SecretRef ref = e.secret();
        int set =
            ref == null
                ? 0
                : (ref.env() != null ? 1 : 0)
                    + (ref.file() != null ? 1 : 0)
                    + (ref.secretsManagerArn() != null ? 1 : 0);
        if (set != 1) {
          problems.add(at + ".secret: set exactly one of env, file, secretsManagerArn");
        } else if (ref.secretsManagerArn() != null && !ref.secretsManagerArn().startsWith("arn:")) {
          problems.add(at + ".secret.secretsManagerArn: not an ARN");
        }
        if (name != null) {
          if (out.containsKey(name)) {
            problems.add(at + ".name: key " + name + " is defined twice");
          } else if (set == 1) {
            out.put(name, new TsigKeySpec(name, alg, ref));
          }
        }
      }
      return out;
    }

    private Route53Settings route53(ConfigFile.Route53Options o) {
      Route53Settings d = Route53Settings.DEFAULT;
      if (o == null) {
        return d;
      }
      URI endpoint = null;
      if (o.endpoint() != null) {
        try {
          endpoint = URI.create(o.endpoint());
          if (endpoint.getScheme() == null || endpoint.getHost() == null) {
            throw new IllegalArgumentException("needs scheme and host");
          }
        } catch (IllegalArgumentException e) {
          problems.add(
              "route53.endpoint: '" + o.endpoint() + "' is not a URL (" + e.getMessage() + ")");
          endpoint = null;
        }
      }
      try {
        return new Route53Settings(
            endpoint,
            or(o.requestsPerSecond(), d.requestsPerSecond()),
            or(o.burst(), d.burst()),
            or(o.maxAttempts(), d.maxAttempts()),
            d.baseBackoff(),
            d.maxBackoff(),
            or(o.changesPerSecond(), d.changesPerSecond()),
            or(o.changesBurst(), d.changesBurst()));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
        return d;
      }
    }

    private ExecutionSettings execution(ConfigFile.ExecutionOptions o) {
      if (o == null) {
        return ExecutionSettings.DEFAULT;
      }
      java.time.Duration every = ExecutionSettings.DEFAULT.unchangedCheckEvery();
      if (o.unchangedCheckEvery() != null) {
        try {
          every = Durations.parse(o.unchangedCheckEvery());
        } catch (IllegalArgumentException e) {
          problems.add("execution.unchangedCheckEvery: " + e.getMessage());
          return ExecutionSettings.DEFAULT;
        }
      }
      try {
        return new ExecutionSettings(
            o.concurrency() == null ? ExecutionSettings.DEFAULT_CONCURRENCY : o.concurrency(),
            every);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
        return ExecutionSettings.DEFAULT;
      }
    }

    /** A zone before relations between zones (shared hosted zones) are known. */
    private record Draft(
        String at,
        DnsName name,
        String hostedZoneId,
        DnsName hostedZoneName,
        List<Master> masters,
        DnsName discoverMasters,
        TsigKeySpec tsig,
        Set<RrType> types,
        List<NamePattern> preserve,
        TtlPolicy ttl,
        SafetyLimits safety,
        BatchLimits batch,
        SourceLimits source,
        Duration fullReconcileEvery,
        MetricsDetail metrics) {}

    private Draft zone(
        int i,
        ConfigFile.ZoneEntry z,
        ConfigFile.ZoneOptions defaults,
        Duration defaultFullEvery,
        MetricsDetail defaultMetrics,
        Map<DnsName, TsigKeySpec> keys) {
      if (z == null) {
        problems.add("zones[" + i + "]: empty entry");
        return null;
      }
      String at = "zones[" + i + "]" + (z.name() == null ? "" : " (" + z.name() + ")");
      int before = problems.size();
      DnsName name = name(at + ".name", z.name());
      String hzId = null;
      if (z.hostedZoneId() == null || z.hostedZoneId().isBlank()) {
        problems.add(
            at
                + ".hostedZoneId: missing; give the private hosted zone's ID"
                + (Boolean.TRUE.equals(z.createHostedZone())
                    ? " (createHostedZone: the CDK app fills it into the deployed configuration)"
                    : ""));
      } else {
        hzId = z.hostedZoneId().strip().replaceFirst("^/?hostedzone/", "");
        if (!HOSTED_ZONE_ID.matcher(hzId).matches()) {
          problems.add(
              at
                  + ".hostedZoneId: '"
                  + z.hostedZoneId()
                  + "' is not a hosted zone ID (like Z0123456789ABCDEFGHIJ)");
        }
      }
      DnsName hzName =
          z.hostedZoneName() == null ? name : name(at + ".hostedZoneName", z.hostedZoneName());
      if (name != null && hzName != null && !name.isSubdomainOf(hzName)) {
        problems.add(at + ".hostedZoneName: " + hzName + " does not contain the zone " + name);
      }
      List<Master> masters = new ArrayList<>();
      if (z.masters() == null || z.masters().isEmpty()) {
        problems.add(at + ".masters: at least one master (host or host:port) is required");
      } else {
        for (int m = 0; m < z.masters().size(); m++) {
          try {
            masters.add(Master.parse(Objects.requireNonNull(z.masters().get(m), "empty")));
          } catch (RuntimeException e) {
            problems.add(at + ".masters[" + m + "]: " + e.getMessage());
          }
        }
      }
      DnsName discover =
          z.discoverMasters() == null ? null : name(at + ".discoverMasters", z.discoverMasters());
      TsigKeySpec tsig = null;
      if (z.tsig() == null) {
        problems.add(
            at
                + ".tsig: missing; name a key from tsigKeys, or write 'tsig: none' to transfer"
                + " without TSIG (not recommended)");
      } else if (!z.tsig().equalsIgnoreCase("none")) {
        DnsName keyName = name(at + ".tsig", z.tsig());
        tsig = keyName == null ? null : keys.get(keyName);
        if (keyName != null && tsig == null) {
          problems.add(at + ".tsig: no key named " + keyName + " in tsigKeys " + keys.keySet());
        }
      }
      Set<RrType> types = types(at, z.types() != null ? z.types() : defaults.types());
      List<NamePattern> preserve = new ArrayList<>();
      List<String> patterns = new ArrayList<>();
      if (defaults.preserve() != null) {
        patterns.addAll(defaults.preserve());
      }
      if (z.preserve() != null) {
        patterns.addAll(z.preserve());
      }
      for (int p = 0; p < patterns.size(); p++) {
        try {
          preserve.add(NamePattern.parse(patterns.get(p)));
        } catch (RuntimeException e) {
          problems.add(at + ".preserve: '" + patterns.get(p) + "': " + e.getMessage());
        }
      }
      TtlPolicy ttl = ttl(at, z.ttl(), defaults.ttl());
      SafetyLimits safety = safety(at, z.safety(), defaults.safety());
      BatchLimits batch = batch(at, z.batch(), defaults.batch());
      SourceLimits src =
          sourceLimits(at, z.timeouts(), defaults.timeouts(), z.limits(), defaults.limits());
      Duration fullEvery =
          z.fullReconcileEvery() == null
              ? defaultFullEvery
              : fullReconcileEvery(
                  at + ".fullReconcileEvery", z.fullReconcileEvery(), defaultFullEvery);
      MetricsDetail metrics =
          MetricsDetail.parse(at + ".metrics", z.metrics(), defaultMetrics, problems);
      if (problems.size() > before) {
        return null;
      }
      return new Draft(
          at, name, hzId, hzName, masters, discover, tsig, types, preserve, ttl, safety, batch, src,
          fullEvery, metrics);
    }

    /** Checks zones sharing a hosted zone and derives which subtrees each must leave alone. */
    private List<ZoneSettings> relate(List<Draft> drafts) {
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
        out.add(
            new ZoneSettings(
                d.name(),
                d.hostedZoneId(),
                d.hostedZoneName(),
                d.masters(),
                d.discoverMasters(),
                d.tsig(),
                new OwnershipRules(
                    d.name(), d.hostedZoneName(), d.types(), d.preserve(), excluded, d.ttl()),
                d.safety(),
                d.batch(),
                d.source(),
                d.fullReconcileEvery(),
                d.metrics()));
      }
      return out;
    }

    private Set<RrType> types(String at, List<String> names) {
      if (names == null) {
        return RrType.ROUTE53_TYPES;
      }
      Set<RrType> out = new LinkedHashSet<>();
      for (String n : names) {
        try {
          RrType t = RrType.fromName(n);
          if (!t.isRoute53Supported()) {
            problems.add(at + ".types: " + t + " cannot be managed: Route 53 cannot hold it");
          } else if (t.equals(RrType.SOA)) {
            problems.add(at + ".types: SOA is never mirrored (only its serial is zonesync's)");
          } else {
            out.add(t);
          }
        } catch (IllegalArgumentException e) {
          problems.add(at + ".types: " + e.getMessage());
        }
      }
      return out;
    }

    private TtlPolicy ttl(String at, ConfigFile.Ttl z, ConfigFile.Ttl d) {
      long min = pick(z, d, ConfigFile.Ttl::min, 0L);
      long max = pick(z, d, ConfigFile.Ttl::max, RRset.MAX_TTL);
      try {
        return new TtlPolicy(min, max);
      } catch (IllegalArgumentException e) {
        problems.add(at + ".ttl: " + e.getMessage());
        return TtlPolicy.NONE;
      }
    }

    private SafetyLimits safety(String at, ConfigFile.Safety z, ConfigFile.Safety d) {
      SafetyLimits def = SafetyLimits.DEFAULT;
      try {
        return new SafetyLimits(
            pick(z, d, ConfigFile.Safety::maxDeleteFraction, def.maxDeleteFraction()),
            pick(z, d, ConfigFile.Safety::maxUpdateFraction, def.maxUpdateFraction()),
            pick(z, d, ConfigFile.Safety::minZoneRRsets, def.minZoneRRsets()));
      } catch (IllegalArgumentException e) {
        problems.add(at + ".safety: " + e.getMessage());
        return def;
      }
    }

    private BatchLimits batch(String at, ConfigFile.Batch z, ConfigFile.Batch d) {
      BatchLimits r53 = BatchLimits.ROUTE53;
      int values = pick(z, d, ConfigFile.Batch::maxValues, r53.maxValues());
      int chars = pick(z, d, ConfigFile.Batch::maxValueChars, r53.maxValueChars());
      int changes = pick(z, d, ConfigFile.Batch::maxChanges, r53.maxChanges());
      if (chars < MIN_BATCH_CHARS) {
        problems.add(
            at
                + ".batch.maxValueChars: "
                + chars
                + " leaves no room for the serial commit (the SOA and the _zonesync marker need up"
                + " to about 6600 characters, UPSERT counted twice); use at least "
                + MIN_BATCH_CHARS);
      }
      if (values > r53.maxValues()) {
        problems.add(
            at
                + ".batch.maxValues: "
                + values
                + " is above Route 53's limit of "
                + r53.maxValues());
      }
      if (chars > r53.maxValueChars()) {
        problems.add(
            at
                + ".batch.maxValueChars: "
                + chars
                + " is above Route 53's limit of "
                + r53.maxValueChars());
      }
      try {
        return new BatchLimits(values, chars, changes);
      } catch (IllegalArgumentException e) {
        problems.add(at + ".batch: " + e.getMessage());
        return r53;
      }
    }

    private SourceLimits sourceLimits(
        String at,
        ConfigFile.Timeouts zt,
        ConfigFile.Timeouts dt,
        ConfigFile.Limits zl,
        ConfigFile.Limits dl) {
      SourceLimits def = SourceLimits.DEFAULT;
      String q = pick(zt, dt, ConfigFile.Timeouts::query, null);
      String x = pick(zt, dt, ConfigFile.Timeouts::transfer, null);
      Duration query =
          q == null ? def.queryTimeout() : duration(at + ".timeouts.query", q, def.queryTimeout());
      Duration transfer =
          x == null
              ? def.transferTimeout()
              : duration(at + ".timeouts.transfer", x, def.transferTimeout());
      long records = pick(zl, dl, ConfigFile.Limits::maxTransferRecords, def.maxRecords());
      long bytes = pick(zl, dl, ConfigFile.Limits::maxTransferBytes, def.maxBytes());
      try {
        return new SourceLimits(query, transfer, records, bytes);
      } catch (IllegalArgumentException e) {
        problems.add(at + ".timeouts/limits: " + e.getMessage());
        return def;
      }
    }

    /**
     * {@code off} (null: the zone is never reconciled in full on its own) or a duration within
     * {@link #MIN_FULL_RECONCILE_EVERY}..{@link #MAX_FULL_RECONCILE_EVERY}.
     */
    private Duration fullReconcileEvery(String at, String text, Duration fallback) {
      // YAML 1.1 reads an unquoted off as the boolean false, which reaches here as "false".
      String t = text.strip();
      if (t.equalsIgnoreCase("off") || t.equals("false")) {
        return null;
      }
      Duration d;
      try {
        d = Durations.parse(text);
      } catch (IllegalArgumentException e) {
        problems.add(at + ": " + e.getMessage() + ", or off");
        return fallback;
      }
      if (d.compareTo(MIN_FULL_RECONCILE_EVERY) < 0) {
        problems.add(
            at
                + ": "
                + text.strip()
                + " is shorter than the minimum of 1h: each full reconcile reads the whole hosted"
                + " zone (about 34 Route 53 requests for 10,000 RRsets) out of the account's shared"
                + " request quota; use 1h or more, or off");
        return fallback;
      }
      if (d.compareTo(MAX_FULL_RECONCILE_EVERY) > 0) {
        problems.add(
            at
                + ": "
                + text.strip()
                + " is longer than the maximum of 720h (30 days): drift in the hosted zone would go"
                + " unrepaired that long; use at most 720h, or off");
        return fallback;
      }
      return d;
    }

    private Duration duration(String at, String text, Duration fallback) {
      try {
        Duration d = Durations.parse(text);
        if (d.isNegative() || d.isZero()) {
          problems.add(at + ": must be positive, got " + text);
          return fallback;
        }
        return d;
      } catch (IllegalArgumentException e) {
        problems.add(at + ": " + e.getMessage());
        return fallback;
      }
    }

    private DnsName name(String at, String text) {
      if (text == null || text.isBlank()) {
        problems.add(at + ": missing");
        return null;
      }
      try {
        DnsName n = DnsName.of(text.strip().endsWith(".") ? text.strip() : text.strip() + ".");
        if (n.isRoot()) {
          problems.add(at + ": the root zone cannot be mirrored");
          return null;
        }
        return n;
      } catch (IllegalArgumentException e) {
        problems.add(at + ": '" + text + "' is not a domain name (" + e.getMessage() + ")");
        return null;
      }
    }

    private static <O, T> T pick(O zone, O defaults, Function<O, T> field, T fallback) {
      T v = zone == null ? null : field.apply(zone);
      if (v == null && defaults != null) {
        v = field.apply(defaults);
      }
      return v == null ? fallback : v;
    }

    private static <T> T or(T v, T fallback) {
      return v == null ? fallback : v;
    }
  }
}
