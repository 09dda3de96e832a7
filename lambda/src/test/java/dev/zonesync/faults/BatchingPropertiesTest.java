package dev.zonesync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Escaping;
import dev.zonesync.model.RRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.Soa;
import dev.zonesync.model.ZoneSnapshot;
import dev.zonesync.plan.Batch;
import dev.zonesync.plan.BatchLimits;
import dev.zonesync.plan.Batcher;
import dev.zonesync.plan.Change;
import dev.zonesync.plan.OwnershipRules;
import dev.zonesync.plan.Plan;
import dev.zonesync.plan.Planner;
import dev.zonesync.route53.ChangeApplier;
import dev.zonesync.route53.FakeRoute53;
import dev.zonesync.route53.HostedZoneReader;
import dev.zonesync.route53.Route53Values;
import dev.zonesync.sync.port.ApplyResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * For random source zones, random hosted zones and random request limits, the plan the planner
 * makes and the batches the batcher packs obey docs/architecture.md invariant 5 — every request
 * within the limits (UPSERT counted twice), every change in exactly one request, all changes of a
 * name in one request, deletes before updates before creates, the SOA serial bump (and marker) in
 * the last request only — and applying those requests in order to an in-process Route 53 that
 * enforces AWS's rules (atomic batches, exact-match DELETE, CNAME exclusivity, the real limits)
 * succeeds and converges: planning again finds nothing to change.
 */
class BatchingPropertiesTest {

  private static final DnsName ZONE = DnsName.of("corp.example.");
  private static final String[] NAMES = {
    "@",
    "www",
    "mail",
    "a.b",
    "*.apps",
    "_sip._tcp",
    "h1",
    "h2",
    "deep.er.name",
    "sp\\032ace",
    "under_score",
    "x-y"
  };
  private static final RrType[] TYPES = {
    RrType.A, RrType.AAAA, RrType.TXT, RrType.MX, RrType.CNAME
  };
  private static final long[] TTLS = {60, 300, 3600};

  /** One RRset, described by small numbers (so jqwik can shrink it). */
  record Spec(int name, int type, int ttl, int count, int size, int variant) {}

  /** How the hosted zone's copy of a desired RRset differs. */
  enum Drift {
    SAME,
    MISSING,
    OTHER_TTL,
    OTHER_VALUES
  }

  record Case(List<Spec> desired, List<Drift> drift, List<Spec> extra, BatchLimits limits) {
    @Override
    public String toString() {
      return "desired=" + desired + "\ndrift=" + drift + "\nextra=" + extra + "\nlimits=" + limits;
    }
  }

  /** Favours small values: limits that force several requests. */
  private static final RandomDistribution BIASED = RandomDistribution.biased();

  private static Arbitrary<Spec> specs() {
    return Combinators.combine(
            Arbitraries.integers().between(0, NAMES.length - 1),
            Arbitraries.integers().between(0, TYPES.length - 1),
            Arbitraries.integers().between(0, TTLS.length - 1),
            Arbitraries.integers().between(1, 60),
            Arbitraries.integers().between(1, 700),
            Arbitraries.integers().between(0, 3))
        .as(Spec::new);
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<BatchLimits> limits =
        Combinators.combine(
                // small enough to force many requests, large enough for a serial commit (the
                // smaller limits configuration accepts are BatchingGapsTest's subject)
                Arbitraries.integers().between(8, 1000).withDistribution(BIASED),
                Arbitraries.integers().between(600, 32_000).withDistribution(BIASED),
                Arbitraries.integers().between(4, 1000).withDistribution(BIASED))
            .as(BatchLimits::new);
    return specs()
        .list()
        .ofMinSize(1)
        .ofMaxSize(60)
        .flatMap(
            desired ->
                Combinators.combine(
                        Arbitraries.of(Drift.class).list().ofSize(desired.size()),
                        specs().list().ofMaxSize(15),
                        limits)
                    .as((drift, extra, l) -> new Case(desired, drift, extra, l)))
        .withoutEdgeCases();
  }

  // ------------------------------------------------------------------------------------------
  // building zones from specs

  private static DnsName name(int i) {
    return NAMES[i].equals("@") ? ZONE : DnsName.of(NAMES[i] + "." + ZONE.text());
  }

  private static RRset rrset(Spec s) {
    RrType type = TYPES[s.type()];
    DnsName n = name(s.name());
    if (type.equals(RrType.CNAME) && n.equals(ZONE)) {
      type = RrType.TXT; // no CNAME at the apex
    }
    List<String> values = new ArrayList<>();
    Random rnd = new Random(31L * s.hashCode() + 7);
    switch (type.mnemonic()) {
      case "A" -> {
        for (int i = 0; i < s.count(); i++) {
          values.add("10." + s.name() + "." + s.variant() + "." + (i + 1));
        }
      }
      case "AAAA" -> {
        for (int i = 0; i < s.count(); i++) {
          values.add(
              "2001:db8::"
                  + Integer.toHexString(s.variant() + 1)
                  + ":"
                  + Integer.toHexString(i + 1));
        }
      }
      case "TXT" -> {
        for (int i = 0; i < Math.min(6, s.count()); i++) {
          byte[] b = new byte[s.size()];
          String alphabet = "abcdefghij KLMNOP0123456789=;\"\\-_.";
          for (int k = 0; k < b.length; k++) {
            b[k] =
                rnd.nextInt(20) == 0
                    ? (byte) (128 + rnd.nextInt(128))
                    : (byte) alphabet.charAt(rnd.nextInt(alphabet.length()));
          }
          b[0] = (byte) ('a' + s.variant()); // variants differ
          values.add(Rdata.characterStrings(List.of(b)));
        }
      }
      case "MX" -> {
        for (int i = 0; i < Math.min(5, s.count()); i++) {
          values.add((10 * (i + 1)) + " mx" + s.variant() + ".example.net.");
        }
      }
      default -> values.add("target" + s.variant() + ".example.net."); // CNAME
    }
    List<String> canonical = new ArrayList<>();
    for (String v : values) {
      canonical.add(Rdata.canonicalize(type, v, Escaping.DECIMAL));
    }
    return RRset.of(n, type, TTLS[s.ttl()], canonical);
  }

  /** RRsets by (name, type), first wins, and a CNAME never shares its name with other data. */
  private static List<RRset> zone(List<Spec> specs) {
    Map<String, RRset> byKey = new LinkedHashMap<>();
    for (Spec s : specs) {
      RRset r = rrset(s);
      byKey.putIfAbsent(r.name() + " " + r.type(), r);
    }
    Map<DnsName, Integer> typesAt = new HashMap<>();
    byKey.values().forEach(r -> typesAt.merge(r.name(), 1, Integer::sum));
    List<RRset> out = new ArrayList<>();
    for (RRset r : byKey.values()) {
      if (r.type().equals(RrType.CNAME) && typesAt.get(r.name()) > 1) {
        continue;
      }
      out.add(r);
    }
    return out;
  }

  private static ZoneSnapshot snapshot(List<RRset> rrsets) {
    List<RRset> all = new ArrayList<>(rrsets);
    all.add(RRset.of(ZONE, RrType.NS, 3600, List.of("ns1.corp.example.", "ns2.corp.example.")));
    return new ZoneSnapshot(
        ZONE,
        new Soa(
            DnsName.of("ns1.corp.example."),
            DnsName.of("hostmaster.corp.example."),
            Serial.of(2026112201L),
            3600),
        all);
  }

  /** The hosted zone: the desired RRsets, drifted, plus extra ones; as Route 53 record sets. */
  private static List<RRset> hosted(Case c) {
    List<Spec> specs = new ArrayList<>();
    for (int i = 0; i < c.desired().size(); i++) {
      Spec s = c.desired().get(i);
      switch (c.drift().get(i)) {
        case SAME -> specs.add(s);
        case MISSING -> {
          // not in the hosted zone: a create
        }
        case OTHER_TTL ->
            specs.add(
                new Spec(
                    s.name(),
                    s.type(),
                    (s.ttl() + 1) % TTLS.length,
                    s.count(),
                    s.size(),
                    s.variant()));
        case OTHER_VALUES ->
            specs.add(
                new Spec(s.name(), s.type(), s.ttl(), s.count(), s.size(), (s.variant() + 1) % 4));
      }
    }
    specs.addAll(c.extra());
    return zone(specs);
  }

  private static ResourceRecordSet toRoute53(RRset r) {
    List<ResourceRecord> rr = new ArrayList<>();
    for (String v : r.values()) {
      rr.add(ResourceRecord.builder().value(Rdata.render(r.type(), v, Escaping.OCTAL)).build());
    }
    return ResourceRecordSet.builder()
        .name(Route53Values.name(r.name()))
        .type(r.type().mnemonic())
        .ttl(r.ttl())
        .resourceRecords(rr)
        .build();
  }

  // ------------------------------------------------------------------------------------------

  @Property(tries = 500)
  void batches_forRandomPlansAndLimits_obeyTheLimitsAndApplyToAConvergedZone(
      @ForAll("cases") Case c) {
    FakeRoute53 route53 = new FakeRoute53();
    String zoneId = route53.createZone(ZONE.text());
    for (RRset r : hosted(c)) {
      route53.put(zoneId, toRoute53(r));
    }
    HostedZoneReader reader = new HostedZoneReader(route53);
    ZoneSnapshot desired = snapshot(zone(c.desired()));
    OwnershipRules rules = OwnershipRules.defaults(ZONE);

    Plan plan = Planner.plan(desired, reader.readAll(zoneId), rules, c.limits());
    // plans whose serial commit cannot fit in one request with the apex changes travelling with
    // it are the subject of BatchingGapsTest (an engine gap); here only the packable ones
    Assume.that(commitFits(plan, c.limits()));
    List<Batch> batches = Batcher.batch(plan, c.limits());

    Statistics.label("requests")
        .collect(batches.size() <= 1 ? "1" : batches.size() <= 5 ? "2-5" : ">5");
    Statistics.label("kinds")
        .collect(
            (plan.creates() > 0 ? "C" : "")
                + (plan.updates() > 0 ? "U" : "")
                + (plan.deletes() > 0 ? "D" : ""));
    assertBatchInvariants(plan, batches, c.limits());

    ApplyResult result =
        new ChangeApplier(route53, Duration.ofMillis(1))
            .apply(
                zoneId, batches, plan.commit(), Deadline.after(Duration.ofMinutes(5)), "p", null);
    assertThat(result.error()).isNull();
    assertThat(result.committed()).isTrue();

    Plan again = Planner.plan(desired, reader.readAll(zoneId), rules, c.limits());
    assertThat(again.changes()).as("a second plan after applying").isEmpty();
    assertThat(again.commit()).isEmpty();
  }

  /** Whether the commit and the changes at its names fit in one request. */
  static boolean commitFits(Plan plan, BatchLimits limits) {
    Set<DnsName> names = new java.util.HashSet<>();
    plan.commit().forEach(ch -> names.add(ch.name()));
    long values = 0;
    long chars = 0;
    long count = 0;
    for (List<Change> l : List.of(plan.changes(), plan.commit())) {
      for (Change ch : l) {
        if (names.contains(ch.name())) {
          values += ch.wireValues();
          chars += ch.wireChars();
          count++;
        }
      }
    }
    return limits.fits(values, chars, count);
  }

  private static void assertBatchInvariants(Plan plan, List<Batch> batches, BatchLimits limits) {
    Set<Change> commit = Collections.newSetFromMap(new IdentityHashMap<>());
    commit.addAll(plan.commit());
    Map<Change, Integer> seen = new IdentityHashMap<>();
    Map<DnsName, Integer> batchOfName = new HashMap<>();
    for (int i = 0; i < batches.size(); i++) {
      Batch b = batches.get(i);
      long values = 0;
      long chars = 0;
      int lastOrder = -1;
      for (Change ch : b.changes()) {
        // what the request really carries, counted from the SDK record set
        ResourceRecordSet sent = Route53Values.toSdk(ch);
        int weight = ch instanceof Change.Update ? 2 : 1;
        values += (long) weight * sent.resourceRecords().size();
        for (ResourceRecord rr : sent.resourceRecords()) {
          chars += (long) weight * rr.value().length();
          assertThat(rr.value().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4000);
        }
        assertThat(seen.merge(ch, 1, Integer::sum)).as("%s in one batch only", ch).isEqualTo(1);
        Integer prev = batchOfName.putIfAbsent(ch.name(), i);
        assertThat(prev == null || prev == i)
            .as("all changes of %s in one batch", ch.name())
            .isTrue();
        assertThat(ch.order()).as("deletes, updates, creates").isGreaterThanOrEqualTo(lastOrder);
        lastOrder = ch.order();
        if (commit.contains(ch)) {
          assertThat(i)
              .as("the serial commit travels in the last batch")
              .isEqualTo(batches.size() - 1);
        }
      }
      assertThat(values).isLessThanOrEqualTo(limits.maxValues());
      assertThat(chars).isLessThanOrEqualTo(limits.maxValueChars());
      assertThat(b.changes().size()).isLessThanOrEqualTo(limits.maxChanges());
    }
    List<Change> all = new ArrayList<>(plan.changes());
    all.addAll(plan.commit());
    assertThat(seen.keySet()).hasSameSizeAs(all);
    for (Change ch : all) {
      assertThat(seen).containsKey(ch);
    }
    if (!plan.commit().isEmpty()) {
      assertThat(batches.getLast().changes())
          .anyMatch(ch -> ch.type().equals(RrType.SOA))
          .containsAll(plan.commit());
    }
    assertThat(batches.size()).isGreaterThanOrEqualTo(Batcher.lowerBound(plan, limits));
  }
}
