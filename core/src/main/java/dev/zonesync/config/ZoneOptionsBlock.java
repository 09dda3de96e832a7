package dev.zonesync.config;

import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import dev.zonesync.plan.BatchLimits;
import dev.zonesync.plan.NamePattern;
import dev.zonesync.plan.SafetyLimits;
import dev.zonesync.plan.TtlPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The per-zone options: what a zone entry and {@code defaults} may both set (safety, batch, ttl,
 * timeouts and limits, types, preserve, fullReconcileEvery, metrics, zoneCuts).
 *
 * <p>Options come in layers, most specific first (a zone, then {@code defaults}). Two kinds:
 *
 * <ul>
 *   <li>Blocks ({@link #resolve}): each field is picked from the first layer that sets it, and the
 *       result is checked where it is used, so a problem names the zone that uses the value even
 *       when the value came from {@code defaults} (a {@code ttl.min} from one layer may only be
 *       wrong with the {@code ttl.max} of another). {@code preserve} lists are combined.
 *   <li>Scalars ({@link #inherited}: fullReconcileEvery, metrics, zoneCuts): checked once in the
 *       layer that writes them, so a bad value in {@code defaults} is one problem, not one per
 *       zone.
 * </ul>
 */
final class ZoneOptionsBlock {

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

  private ZoneOptionsBlock() {}

  /**
   * The scalar options as one layer leaves them for the layers above it.
   *
   * @param fullReconcileEvery null: never reconciled in full on its own ({@code off})
   */
  record Inherited(Duration fullReconcileEvery, MetricsDetail metrics, ZoneCuts zoneCuts) {
    /** What applies when no layer sets anything. */
    static final Inherited BUILT_IN =
        new Inherited(
            ZoneSettings.DEFAULT_FULL_RECONCILE_EVERY, MetricsDetail.DEFAULT, ZoneCuts.DEFAULT);
  }

  /** The options a zone is synced with, from its blocks. */
  record Resolved(
      Set<RrType> types,
      List<NamePattern> preserve,
      TtlPolicy ttl,
      SafetyLimits safety,
      BatchLimits batch,
      SourceLimits source) {}

  /**
   * The scalars {@code o} writes, checked as {@code at.<key>}, over those it inherits.
   *
   * @param o the layer (null: writes nothing)
   */
  static Inherited inherited(
      String at, ConfigFile.ZoneOptions o, Inherited below, Problems problems) {
    if (o == null) {
      return below;
    }
    Duration full =
        o.fullReconcileEvery() == null
            ? below.fullReconcileEvery()
            : fullReconcileEvery(
                at + ".fullReconcileEvery",
                o.fullReconcileEvery(),
                below.fullReconcileEvery(),
                problems);
    MetricsDetail metrics =
        MetricsDetail.parse(at + ".metrics", o.metrics(), below.metrics(), problems);
    ZoneCuts cuts = ZoneCuts.parse(at + ".zoneCuts", o.zoneCuts(), below.zoneCuts(), problems);
    return new Inherited(full, metrics, cuts);
  }

  /**
   * The blocks of {@code layers} (most specific first; none null), each field from the first layer
   * that sets it, checked as {@code at.<key>}.
   */
  static Resolved resolve(String at, List<ConfigFile.ZoneOptions> layers, Problems problems) {
    Set<RrType> types =
        types(at, Problems.pick(layers, ConfigFile.ZoneOptions::types, null), problems);
    List<NamePattern> preserve = preserve(at, layers, problems);
    TtlPolicy ttl = ttl(at, each(layers, ConfigFile.ZoneOptions::ttl), problems);
    SafetyLimits safety = safety(at, each(layers, ConfigFile.ZoneOptions::safety), problems);
    BatchLimits batch = batch(at, each(layers, ConfigFile.ZoneOptions::batch), problems);
    SourceLimits source =
        sourceLimits(
            at,
            each(layers, ConfigFile.ZoneOptions::timeouts),
            each(layers, ConfigFile.ZoneOptions::limits),
            problems);
    return new Resolved(types, preserve, ttl, safety, batch, source);
  }

  /** One block of every layer, in layer order; absent blocks stay as null. */
  private static <B> List<B> each(
      List<ConfigFile.ZoneOptions> layers, Function<ConfigFile.ZoneOptions, B> block) {
    return layers.stream().map(block).toList();
  }

  private static Set<RrType> types(String at, List<String> names, Problems problems) {
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

  /** Every layer's patterns, the least specific layer's first (defaults, then the zone's). */
  private static List<NamePattern> preserve(
      String at, List<ConfigFile.ZoneOptions> layers, Problems problems) {
    List<String> patterns = new ArrayList<>();
    for (ConfigFile.ZoneOptions layer : layers.reversed()) {
      if (layer.preserve() != null) {
        patterns.addAll(layer.preserve());
      }
    }
    List<NamePattern> preserve = new ArrayList<>();
    for (String pattern : patterns) {
      try {
        preserve.add(NamePattern.parse(pattern));
      } catch (RuntimeException e) {
        problems.add(at + ".preserve: '" + pattern + "': " + e.getMessage());
      }
    }
    return preserve;
  }

  private static TtlPolicy ttl(String at, List<ConfigFile.Ttl> layers, Problems problems) {
    long min = Problems.pick(layers, ConfigFile.Ttl::min, 0L);
    long max = Problems.pick(layers, ConfigFile.Ttl::max, RRset.MAX_TTL);
    try {
      return new TtlPolicy(min, max);
    } catch (IllegalArgumentException e) {
      problems.add(at + ".ttl: " + e.getMessage());
      return TtlPolicy.NONE;
    }
  }

  private static SafetyLimits safety(String at, List<ConfigFile.Safety> layers, Problems problems) {
    SafetyLimits def = SafetyLimits.DEFAULT;
    try {
      return new SafetyLimits(
          Problems.pick(layers, ConfigFile.Safety::maxDeleteFraction, def.maxDeleteFraction()),
          Problems.pick(layers, ConfigFile.Safety::maxUpdateFraction, def.maxUpdateFraction()),
          Problems.pick(layers, ConfigFile.Safety::minZoneRRsets, def.minZoneRRsets()));
    } catch (IllegalArgumentException e) {
      problems.add(at + ".safety: " + e.getMessage());
      return def;
    }
  }

  private static BatchLimits batch(String at, List<ConfigFile.Batch> layers, Problems problems) {
    BatchLimits r53 = BatchLimits.ROUTE53;
    int values = Problems.pick(layers, ConfigFile.Batch::maxValues, r53.maxValues());
    int chars = Problems.pick(layers, ConfigFile.Batch::maxValueChars, r53.maxValueChars());
    int changes = Problems.pick(layers, ConfigFile.Batch::maxChanges, r53.maxChanges());
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
          at + ".batch.maxValues: " + values + " is above Route 53's limit of " + r53.maxValues());
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

  /** Timeouts and limits of a transfer, each field from the first layer that sets it. */
  static SourceLimits sourceLimits(
      String at, List<ConfigFile.Timeouts> timeouts, List<ConfigFile.Limits> limits, Problems p) {
    SourceLimits def = SourceLimits.DEFAULT;
    String q = Problems.pick(timeouts, ConfigFile.Timeouts::query, null);
    String x = Problems.pick(timeouts, ConfigFile.Timeouts::transfer, null);
    Duration query =
        q == null ? def.queryTimeout() : p.duration(at + ".timeouts.query", q, def.queryTimeout());
    Duration transfer =
        x == null
            ? def.transferTimeout()
            : p.duration(at + ".timeouts.transfer", x, def.transferTimeout());
    long records = Problems.pick(limits, ConfigFile.Limits::maxTransferRecords, def.maxRecords());
    long bytes = Problems.pick(limits, ConfigFile.Limits::maxTransferBytes, def.maxBytes());
    try {
      return new SourceLimits(query, transfer, records, bytes);
    } catch (IllegalArgumentException e) {
      p.add(at + ".timeouts/limits: " + e.getMessage());
      return def;
    }
  }

  /**
   * {@code off} (null: the zone is never reconciled in full on its own) or a duration within {@link
   * #MIN_FULL_RECONCILE_EVERY}..{@link #MAX_FULL_RECONCILE_EVERY}.
   */
  private static Duration fullReconcileEvery(
      String at, String text, Duration fallback, Problems problems) {
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
}
