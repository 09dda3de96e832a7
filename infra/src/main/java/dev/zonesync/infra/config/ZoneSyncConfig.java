package dev.zonesync.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonesync.config.CatalogSettings;
import dev.zonesync.config.ConfigLoader;
import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.Durations;
import dev.zonesync.config.Settings;
import dev.zonesync.config.TsigKeySpec;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.config.ZoneTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The zonesync config file as the CDK app sees it. The app parses only what exists for deployment
 * ({@code deployment}, per zone {@code createHostedZone}, {@code schedule}, {@code alarms}, per
 * catalog its {@code schedule} and whether the stack creates its own hosted zone: {@link Catalog});
 * everything else is validated by the engine's own parser ({@link ConfigParser}) over the exact
 * fragments the stack deploys, so a config that synthesizes is a config the function accepts.
 * Deployment-only rules come on top: TSIG secrets in Secrets Manager, CIDRs for hostname masters,
 * and the AWS limits the stack must stay under ({@link DeploymentRules}).
 *
 * @param engineConfig the whole file minus {@code deployment}, in file order: what gets deployed
 * @param engine the deployed configuration as the function will read it (created hosted zones carry
 *     a stand-in ID)
 * @param catalogs the {@code catalogs} entries, in file order
 */
public record ZoneSyncConfig(
    Deployment deployment,
    List<Zone> zones,
    List<TsigKey> tsigKeys,
    ObjectNode engineConfig,
    Settings engine,
    List<Catalog> catalogs) {

  public ZoneSyncConfig {
    catalogs = List.copyOf(catalogs);
  }

  /** Default per-zone schedule when neither the zone nor {@code deployment.scheduler} sets one. */
  public static final String DEFAULT_SCHEDULE = "rate(5 minutes)";

  static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,47}");
  static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  static final Pattern VPC_ID = Pattern.compile("vpc-([0-9a-f]{8}|[0-9a-f]{17})");
  static final Pattern SUBNET_ID = Pattern.compile("subnet-([0-9a-f]{8}|[0-9a-f]{17})");
  static final Pattern ENDPOINT = Pattern.compile("ssm|secretsmanager");
  static final Pattern CIDR =
      Pattern.compile(
          "(((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
              + "/(3[0-2]|[12]?\\d))|([0-9A-Fa-f:]*:[0-9A-Fa-f:]*/(12[0-8]|1[01]\\d|[1-9]?\\d))");
  static final Pattern HOSTED_ZONE_ID = Pattern.compile("[A-Z0-9]{1,32}");
  static final Pattern ZONE_NAME =
      Pattern.compile(
          "(([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*"
              + "[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.?)");
  static final Pattern SECRET_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+");
  static final Pattern KMS_KEY_ARN =
      Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+");
  static final Pattern TOPIC_ARN =
      Pattern.compile("arn:aws[a-z-]*:sns:([a-z0-9-]+):(\\d{12}):[A-Za-z0-9_-]{1,256}");
  static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** Default of {@code deployment.scheduler.zonesPerSchedule}. */
  public static final int DEFAULT_ZONES_PER_SCHEDULE = 50;

  /** Most zones one schedule may carry. */
  public static final int MAX_ZONES_PER_SCHEDULE = 500;

  /** Longest {@code deployment.alarms.quarantineAge}: a year. */
  static final int MAX_QUARANTINE_AGE_SECONDS = 365 * 86400;

  /** Longest window a metric alarm with a period under one hour may look back on. */
  static final int MAX_ALARM_WINDOW_SECONDS = 86400;

  static final Set<Integer> LOG_RETENTION_DAYS =
      Set.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  /** Reads and validates a config file. */
  public static ZoneSyncConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot read config file: " + e, e);
    }
    return parse(text);
  }

  /** Parses and validates config text (YAML or JSON). */
  public static ZoneSyncConfig parse(String text) {
    if (text.isBlank()) {
      throw new ConfigException("(file)", "is empty");
    }
    JsonNode root;
    try {
      // the engine's reader: anchors, aliases and merge keys resolve as the function resolves them
      root = ConfigParser.readTree(text, "(file)");
    } catch (dev.zonesync.config.ConfigException e) {
      throw new ConfigException("(file)", String.join("; ", e.problems()), e);
    }
    ObjectNode top = (ObjectNode) root;
    if (!top.has("deployment") || top.get("deployment").isNull()) {
      throw new ConfigException(
          "deployment",
          "is required by the CDK app (account, region, vpc: see README.md, section Deploy)");
    }
    Fields zonesParent = Fields.of("", top);
    List<TsigKey> tsigKeys = zonesParent.list("tsigKeys", ZoneSyncConfig::tsigKey);
    // a configuration may hold catalogs only: the engine's parser checks the catalogs themselves
    boolean catalogs = top.path("catalogs").isArray() && !top.path("catalogs").isEmpty();
    if (!top.has("zones") && !catalogs) {
      throw new ConfigException("zones", "is required: at least one zone");
    }
    Deployment deployment = deployment(Fields.of("deployment", top.get("deployment")));
    String defaultSchedule = deployment.scheduler().defaultSchedule();
    List<DeployKeys> keys =
        top.has("zones")
            ? zonesParent.list("zones", (p, n) -> deployKeys(p, n, defaultSchedule))
            : List.of();
    if (keys.isEmpty() && !catalogs) {
      throw new ConfigException("zones", "must list at least one zone");
    }
    List<Catalogs.DeployKeys> catalogKeys = Catalogs.deployKeys(top.get("catalogs"), deployment);
    ObjectNode engineConfig = top.deepCopy();
    engineConfig.remove("deployment");
    Settings engine = engineSettings(engineConfig, keys, catalogKeys);
    List<Catalog> catalogList = Catalogs.of(catalogKeys, engine);
    List<Zone> zones = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      zones.add(zone(i, keys.get(i), engine.zones().get(i)));
    }
    if (deployment.alarms().enabled()) {
      Deployment.Alarms a = deployment.alarms();
      checkWholePeriods("deployment.alarms.staleAfter", a.staleAfterSeconds(), a);
      // only a detailed zone has a staleness alarm of its own; the others are covered by the
      // deployment's heartbeat, whose window follows the schedules (FleetAlarmPlan)
      zones.stream().filter(Zone::detailed).forEach(z -> checkStaleAfter(z, deployment));
    }
    checkSecrets(engine);
    checkMasterCidrs(zones, catalogList, deployment);
    ZoneSyncConfig config =
        new ZoneSyncConfig(deployment, zones, tsigKeys, engineConfig, engine, catalogList);
    // The AWS limits the stack would run into: fail here, naming the field, not in a construct.
    DeploymentRules.check(config);
    return config;
  }

  /** The keys of one zone that exist for deployment only (the engine ignores them). */
  private record DeployKeys(
      String name,
      Optional<String> hostedZoneId,
      boolean createHostedZone,
      String schedule,
      Optional<Integer> staleAfter) {}

  /**
   * Runs the engine's parser over the fragments this config deploys, merged as the function merges
   * them, with a stand-in ID for each hosted zone the stack creates.
   */
  private static Settings engineSettings(
      ObjectNode engineConfig, List<DeployKeys> keys, List<Catalogs.DeployKeys> catalogKeys) {
    Map<Integer, String> created = new LinkedHashMap<>();
    Map<String, String> standIns = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).createHostedZone()) {
        created.put(i, keys.get(i).name());
        standIns.put(keys.get(i).name(), String.format("ZCREATEDBYTHESTACK%04d", i));
      }
    }
    Map<Integer, String> createdCatalogs = new LinkedHashMap<>();
    for (Catalogs.DeployKeys k : catalogKeys) {
      if (k.hostedZoneId().isEmpty()) {
        String key = Catalog.hostedZoneKey(k.name());
        createdCatalogs.put(k.index(), key);
        standIns.put(key, String.format("ZCATALOGBYTHESTACK%04d", k.index()));
      }
    }
    ConfigFragments fragments =
        ConfigFragments.pack(
            engineConfig, created, createdCatalogs, ConfigFragments.STANDARD_TIER_LIMIT);
    SortedMap<String, String> parameters = new TreeMap<>();
    for (int i = 0; i < fragments.values().size(); i++) {
      parameters.put(
          String.format("%03d", i), ConfigFragments.resolve(fragments.values().get(i), standIns));
    }
    String source = "as deployed (the function's own parser)";
    try {
      return ConfigParser.parse(ConfigLoader.merge(parameters, source), source);
    } catch (dev.zonesync.config.ConfigException e) {
      throw new ConfigException(e);
    }
  }

  private static DeployKeys deployKeys(String path, JsonNode node, String defaultSchedule) {
    Fields f = Fields.of(path, node);
    String name = f.string("name", "");
    Optional<String> hostedZoneId = f.optionalString("hostedZoneId");
    boolean create = f.bool("createHostedZone", false);
    if (hostedZoneId.isPresent()) {
      if (create) {
        throw new ConfigException(
            f.child("createHostedZone"),
            "cannot be true when hostedZoneId is set (remove one of them)");
      }
    } else if (!create) {
      throw new ConfigException(
          f.child("hostedZoneId"),
          "is required unless createHostedZone: true (the stack then creates the private hosted"
              + " zone)");
    } else if (!ZONE_NAME.matcher(name).matches()) {
      throw new ConfigException(
          f.child("name"), "'" + name + "' is not a DNS zone name such as corp.example.");
    }
    String schedule =
        ScheduleExpressions.validate(f.child("schedule"), f.string("schedule", defaultSchedule));
    // CDK app only (the engine ignores it): this zone's alarm settings.
    Fields alarms = f.object("alarms");
    Optional<Integer> staleAfter =
        alarms.has("staleAfter")
            ? Optional.of(alarms.durationSeconds("staleAfter", 0, 60, MAX_ALARM_WINDOW_SECONDS))
            : Optional.empty();
    alarms.rejectUnknownKeys();
    return new DeployKeys(name, hostedZoneId, create, schedule, staleAfter);
  }

  private static Zone zone(int index, DeployKeys k, ZoneSettings engine) {
    List<Master> masters = new ArrayList<>();
    for (int m = 0; m < engine.masters().size(); m++) {
      masters.add(Master.of("zones[" + index + "].masters[" + m + "]", engine.masters().get(m)));
    }
    return new Zone(
        index,
        k.name(),
        k.createHostedZone() ? Optional.empty() : Optional.of(engine.hostedZoneId()),
        k.createHostedZone(),
        masters,
        k.schedule(),
        k.staleAfter(),
        engine.metrics());
  }

  /** The function reads TSIG secrets from Secrets Manager only: env and file do not exist there. */
  private static void checkSecrets(Settings engine) {
    for (int i = 0; i < engine.zones().size(); i++) {
      checkSecret("zones[" + i + "].tsig", engine.zones().get(i).tsig());
    }
    for (int i = 0; i < engine.catalogs().size(); i++) {
      CatalogSettings c = engine.catalogs().get(i);
      checkSecret("catalogs[" + i + "].tsig", c.tsig());
      for (Map.Entry<String, ZoneTemplate> g : c.groups().entrySet()) {
        checkSecret("catalogs[" + i + "].groups." + g.getKey() + ".tsig", g.getValue().tsig());
      }
    }
  }

  private static void checkSecret(String field, TsigKeySpec key) {
    if (key != null && key.secret().secretsManagerArn() == null) {
      throw new ConfigException(
          field,
          "key "
              + key.name()
              + " has no secret.secretsManagerArn: the Lambda function reads TSIG secrets only"
              + " from Secrets Manager (env and file exist only for the CLI)");
    }
  }

  private static TsigKey tsigKey(String path, JsonNode node) {
    Fields f = Fields.of(path, node);
    String name = f.requiredString("name");
    Optional<String> arn = Optional.empty();
    if (f.has("secret")) {
      Fields secret = f.object("secret");
      arn = secret.optionalString("secretsManagerArn");
      if (arn.isPresent() && !SECRET_ARN.matcher(arn.get()).matches()) {
        throw new ConfigException(
            secret.child("secretsManagerArn"),
            "'" + arn.get() + "' is not a Secrets Manager secret ARN (use the full ARN)");
      }
    }
    return new TsigKey(name, arn);
  }

  /**
   * A detailed zone's staleness window must be whole alarm periods, at least two of them, and, for
   * a {@code rate(...)} schedule, cover two scheduled runs plus the scheduler's flexible window:
   * one failed or missed run alone must not raise it.
   */
  private static void checkStaleAfter(Zone z, Deployment d) {
    Deployment.Alarms a = d.alarms();
    int stale = z.staleAfterSeconds(a);
    String field = "zones[" + z.index() + "].alarms.staleAfter";
    String source =
        z.staleAfterSeconds().isPresent()
            ? "staleAfter " + Durations.format(stale)
            : "deployment.alarms.staleAfter (" + Durations.format(stale) + ")";
    if (z.staleAfterSeconds().isPresent()) {
      checkWholePeriods(field, stale, a);
    }
    var interval = ScheduleExpressions.intervalSeconds(z.schedule());
    if (interval.isPresent()) {
      long needed = 2 * interval.getAsLong() + 60L * d.scheduler().flexibleWindowMinutes();
      if (stale < needed) {
        long suggestion = -Math.floorDiv(-needed, a.periodSeconds()) * a.periodSeconds();
        throw new ConfigException(
            field,
            "the zone runs "
                + z.schedule()
                + ": "
                + source
                + " would raise the staleness alarm after a single missed run; set at least "
                + (suggestion > MAX_ALARM_WINDOW_SECONDS
                    ? Durations.format((int) needed)
                        + ", which is more than the 24h a CloudWatch alarm can look back:"
                        + " schedule the zone at least every 12h"
                    : Durations.format((int) suggestion)
                        + " (two runs plus the scheduler's flexible window)"));
      }
    }
  }

  /** A staleness window is whole alarm periods, at least two of them. */
  private static void checkWholePeriods(String field, int seconds, Deployment.Alarms a) {
    if (seconds % a.periodSeconds() != 0 || seconds < 2 * a.periodSeconds()) {
      throw new ConfigException(
          field,
          Durations.format(seconds)
              + " must be a whole number of alarm periods (deployment.alarms.period: "
              + Durations.format(a.periodSeconds())
              + "), at least two");
    }
  }

  /**
   * Hostname masters (of zones, catalogs and catalogs' groups) need CIDRs for the security group;
   * every CIDR entry must be used.
   */
  private static void checkMasterCidrs(
      List<Zone> zones, List<Catalog> catalogs, Deployment deployment) {
    Map<String, Master> masters = new LinkedHashMap<>();
    for (Zone z : zones) {
      for (int i = 0; i < z.masters().size(); i++) {
        masters.put("zones[" + z.index() + "].masters[" + i + "]", z.masters().get(i));
      }
    }
    catalogs.forEach(c -> masters.putAll(c.masters()));
    Map<String, List<String>> cidrs = deployment.securityGroup().masterCidrs();
    Map<String, String> firstUse = new LinkedHashMap<>();
    for (Map.Entry<String, Master> e : masters.entrySet()) {
      Master m = e.getValue();
      if (m.kind() == Master.Kind.HOSTNAME) {
        firstUse.putIfAbsent(m.host(), e.getKey());
        if (!cidrs.containsKey(m.host())) {
          throw new ConfigException(
              e.getKey(),
              "'"
                  + m.host()
                  + "' is a hostname: the security group needs its addresses. List them in"
                  + " deployment.securityGroup.masterCidrs: {"
                  + m.host()
                  + ": [10.0.0.53/32]}, or use the IP address here");
        }
      }
    }
    for (String host : cidrs.keySet()) {
      if (!firstUse.containsKey(host)) {
        throw new ConfigException(
            "deployment.securityGroup.masterCidrs." + host,
            "no zone or catalog lists a master with this hostname");
      }
    }
  }

  private static Deployment deployment(Fields d) {
    String name =
        d.matching(
            "name",
            "zonesync",
            NAME,
            "letters, digits and '-', starting with a letter, at most 48 characters");
    if (d.isNumber("account")) {
      throw new ConfigException(
          d.child("account"),
          "write the account ID as a quoted string, e.g. \"011122223333\": YAML reads an unquoted"
              + " one as a number and drops leading zeros");
    }
    String account =
        d.matching(
            "account", null, ACCOUNT, "a quoted 12-digit AWS account ID, e.g. \"111122223333\"");
    String region = d.matching("region", null, REGION, "an AWS region such as eu-west-1");

    if (!d.has("vpc")) {
      throw new ConfigException(d.child("vpc"), "is required (id and subnetIds)");
    }
    Fields v = d.object("vpc");
    String vpcId = v.matching("id", null, VPC_ID, "a VPC ID such as vpc-0123456789abcdef0");
    List<String> subnets =
        v.strings("subnetIds", SUBNET_ID, "a subnet ID such as subnet-0123456789abcdef0");
    if (subnets.isEmpty()) {
      throw new ConfigException(v.child("subnetIds"), "is required: at least one private subnet");
    }
    unique(v.child("subnetIds"), subnets);
    List<String> endpoints = v.strings("interfaceEndpoints", ENDPOINT, "ssm or secretsmanager");
    unique(v.child("interfaceEndpoints"), endpoints);
    List<String> endpointSubnets =
        v.has("endpointSubnetIds")
            ? v.strings("endpointSubnetIds", SUBNET_ID, "a subnet ID")
            : subnets;
    if (endpointSubnets.isEmpty()) {
      throw new ConfigException(v.child("endpointSubnetIds"), "must not be empty");
    }
    unique(v.child("endpointSubnetIds"), endpointSubnets);
    v.rejectUnknownKeys();

    Fields sg = d.object("securityGroup");
    List<String> https =
        sg.has("httpsEgressCidrs")
            ? sg.strings("httpsEgressCidrs", CIDR, "a CIDR such as 0.0.0.0/0 or 10.0.0.0/16")
            : List.of("0.0.0.0/0");
    if (https.isEmpty()) {
      throw new ConfigException(
          sg.child("httpsEgressCidrs"),
          "must not be empty: the function needs HTTPS to the Route 53, SSM and Secrets Manager"
              + " APIs");
    }
    List<String> dnsCidrs = sg.strings("dnsEgressCidrs", CIDR, "a CIDR such as 10.10.0.0/16");
    int maxRules = sg.integer("maxEgressRules", 60, 1, 1000);
    Map<String, List<String>> masterCidrs = new LinkedHashMap<>();
    sg.map("masterCidrs", (p, n) -> Fields.stringList(p, n, CIDR, "a CIDR such as 10.0.0.53/32"))
        .forEach(
            (host, list) -> {
              String path = sg.child("masterCidrs") + "." + host;
              if (list.isEmpty()) {
                throw new ConfigException(path, "must list at least one CIDR");
              }
              if (masterCidrs.put(Master.normalizeHostname(host), list) != null) {
                throw new ConfigException(path, "is listed twice");
              }
            });
    sg.rejectUnknownKeys();

    Fields fn = d.object("function");
    int memory = fn.integer("memoryMb", 1024, 128, 10240);
    int timeout = fn.durationSeconds("timeout", 300, 1, 900);
    int retention = fn.integer("logRetentionDays", 90, 1, 3653);
    if (!LOG_RETENTION_DAYS.contains(retention)) {
      throw new ConfigException(
          fn.child("logRetentionDays"),
          retention
              + " is not a CloudWatch Logs retention; use one of "
              + new java.util.TreeSet<>(LOG_RETENTION_DAYS));
    }
    fn.rejectUnknownKeys();

    Fields s = d.object("scheduler");
    String defaultSchedule =
        ScheduleExpressions.validate(
            s.child("defaultSchedule"), s.string("defaultSchedule", DEFAULT_SCHEDULE));
    // Kept for existing configs; each zone's fullReconcileEvery replaces it (off by default).
    Optional<String> full =
        s.isOff("fullReconcile")
            ? Optional.empty()
            : s.optionalString("fullReconcile")
                .map(x -> ScheduleExpressions.validate(s.child("fullReconcile"), x));
    Optional<String> timezone = s.optionalString("timezone");
    timezone.ifPresent(tz -> checkTimezone(s.child("timezone"), tz));
    int retries = s.integer("retryAttempts", 2, 0, 185);
    int maxAge = s.durationSeconds("maxEventAge", 300, 60, 86400);
    int window = s.integer("flexibleWindowMinutes", 0, 0, 1440);
    int nested = s.integer("nestedStacks", 4, 1, 20);
    int perSchedule =
        s.integer("zonesPerSchedule", DEFAULT_ZONES_PER_SCHEDULE, 1, MAX_ZONES_PER_SCHEDULE);
    s.rejectUnknownKeys();

    Fields hz = d.object("hostedZones");
    List<Deployment.VpcAssociation> vpcs =
        hz.has("vpcs")
            ? hz.list(
                "vpcs",
                (p, n) -> {
                  Fields a = Fields.of(p, n);
                  var assoc =
                      new Deployment.VpcAssociation(
                          a.matching("id", null, VPC_ID, "a VPC ID such as vpc-0123456789abcdef0"),
                          a.matching("region", region, REGION, "an AWS region such as eu-west-1"));
                  a.rejectUnknownKeys();
                  return assoc;
                })
            : List.of(new Deployment.VpcAssociation(vpcId, region));
    if (vpcs.isEmpty()) {
      throw new ConfigException(
          hz.child("vpcs"), "must list at least one VPC (omit it to use deployment.vpc.id)");
    }
    hz.rejectUnknownKeys();

    List<String> kms =
        d.strings(
            "tsigSecretKmsKeyArns",
            KMS_KEY_ARN,
            "a KMS key ARN such as arn:aws:kms:eu-west-1:111122223333:key/1234abcd-...");
    Map<String, String> tags =
        d.map(
            "tags",
            (p, n) ->
                Fields.text(
                    p, n, Pattern.compile(".{0,256}"), "a string of at most 256 characters"));
    Deployment.Alarms alarms = alarms(d.object("alarms"), region);
    Fields db = d.object("dashboard");
    Deployment.Dashboard dashboard = new Deployment.Dashboard(db.bool("enabled", true));
    db.rejectUnknownKeys();
    Optional<ResolverSettings> resolver = ResolverProfileKeys.resolver(d);
    Optional<ProfileSettings> profile = ResolverProfileKeys.profile(d, account, name);
    ResolverProfileKeys.checkVpcsOnce(resolver, profile);
    d.rejectUnknownKeys();

    return new Deployment(
        name,
        account,
        region,
        new Deployment.Vpc(vpcId, subnets, endpoints, endpointSubnets),
        new Deployment.SecurityGroup(
            https, dnsCidrs, java.util.Collections.unmodifiableMap(masterCidrs), maxRules),
        new Deployment.Function(memory, timeout, retention),
        new Deployment.Scheduler(
            defaultSchedule, full, timezone, retries, maxAge, window, nested, perSchedule),
        new Deployment.HostedZones(vpcs),
        kms,
        tags,
        alarms,
        dashboard,
        resolver,
        profile);
  }

  private static Deployment.Alarms alarms(Fields a, String region) {
    boolean enabled = a.bool("enabled", true);
    Optional<String> topicArn =
        a.optionalString("topicArn")
            .map(
                arn -> {
                  var m = TOPIC_ARN.matcher(arn);
                  if (!m.matches()) {
                    throw new ConfigException(
                        a.child("topicArn"),
                        "'"
                            + arn
                            + "' is not a standard SNS topic ARN such as"
                            + " arn:aws:sns:eu-west-1:111122223333:dns-alarms");
                  }
                  if (!m.group(1).equals(region)) {
                    throw new ConfigException(
                        a.child("topicArn"),
                        "the topic is in "
                            + m.group(1)
                            + ": CloudWatch alarms notify topics of their own region ("
                            + region
                            + ")");
                  }
                  return arn;
                });
    List<String> emails = a.strings("emails", EMAIL, "an e-mail address such as dns@example.com");
    unique(a.child("emails"), emails);
    if (topicArn.isPresent() && !emails.isEmpty()) {
      throw new ConfigException(
          a.child("emails"),
          "cannot be used with topicArn: subscribe the addresses to that topic where it is"
              + " managed, or drop topicArn to have the stack create a topic");
    }
    boolean notifyOk = a.bool("notifyOk", true);
    int period = a.durationSeconds("period", 300, 60, 3600);
    if (period % 60 != 0) {
      throw new ConfigException(
          a.child("period"), Durations.format(period) + " must be whole minutes, e.g. 5m");
    }
    int staleAfter = a.durationSeconds("staleAfter", 1800, 60, MAX_ALARM_WINDOW_SECONDS);
    int failingFor =
        a.durationSeconds(
            "failingFor",
            Deployment.Alarms.DEFAULT_FAILING_FOR_SECONDS,
            60,
            MAX_ALARM_WINDOW_SECONDS);
    int quarantineAge =
        a.durationSeconds(
            "quarantineAge",
            Deployment.Alarms.DEFAULT_QUARANTINE_AGE_SECONDS,
            3600,
            MAX_QUARANTINE_AGE_SECONDS);
    a.rejectUnknownKeys();
    return new Deployment.Alarms(
        enabled, topicArn, emails, notifyOk, period, staleAfter, failingFor, quarantineAge);
  }

  private static void unique(String path, List<String> values) {
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      if (!seen.add(values.get(i).toLowerCase(Locale.ROOT))) {
        throw new ConfigException(path + "[" + i + "]", "'" + values.get(i) + "' is listed twice");
      }
    }
  }

  static void checkTimezone(String path, String tz) {
    try {
      ZoneId.of(tz);
    } catch (DateTimeException e) {
      throw new ConfigException(path, "'" + tz + "' is not an IANA time zone such as Europe/Paris");
    }
  }
}
