package dev.zonesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.app.DnsSourceFactory;
import dev.zonesync.app.Engines;
import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.LocalSecretResolver;
import dev.zonesync.config.Settings;
import dev.zonesync.model.Deadline;
import dev.zonesync.route53.Route53Clients;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.SyncHarness;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Many zones in one run with {@code execution.concurrency: 8}, all real parts: one named serving 30
 * generated zones plus an Active Directory pair ({@code corp.many.example.} and {@code
 * _msdcs.corp.many.example.}) that shares one hosted zone, moto as Route 53. The first run wires
 * the runner and synchronizer as the engine does, the per-zone sync wrapped to record when each
 * zone ran (on an event sequence, not wall time); the second runs the engine as the composition
 * root builds it. The expected content of each hosted zone comes from the records this test
 * generates, never from zonesync's transfer or planning code.
 */
class ConcurrentRunIT {

  private static final int GENERATED = 30;
  private static final String CORP = "corp.many.example.";
  private static final String MSDCS = "_msdcs." + CORP;

  /** One record as written into the zone file, owner relative to the origin ({@code @}: apex). */
  private record Rec(String owner, int ttl, String type, String value) {
    String absoluteOwner(String origin) {
      return owner.equals("@") ? origin : owner + "." + origin;
    }
  }

  /** A source zone: what named serves, and so what Route 53 must hold of it. */
  private record SourceZone(String origin, long serial, List<Rec> records) {
    String text() {
      StringBuilder z =
          new StringBuilder()
              .append("$ORIGIN ")
              .append(origin)
              .append("\n$TTL 300\n@ IN SOA ns1.")
              .append(origin)
              .append(" hostmaster.")
              .append(origin)
              .append(' ')
              .append(serial)
              .append(" 900 600 86400 300\n@ IN NS ns1.")
              .append(origin)
              .append('\n');
      for (Rec r : records) {
        z.append(r.owner())
            .append(' ')
            .append(r.ttl())
            .append(" IN ")
            .append(r.type())
            .append(' ')
            .append(r.value())
            .append('\n');
      }
      return z.toString();
    }

    /** Lines {@code owner TYPE ttl [values]} of the data (apex SOA and NS are never mirrored). */
    List<String> expected() {
      Map<String, TreeSet<String>> values = new LinkedHashMap<>();
      Map<String, Integer> ttls = new LinkedHashMap<>();
      for (Rec r : records) {
        String key = r.absoluteOwner(origin) + " " + r.type();
        values.computeIfAbsent(key, k -> new TreeSet<>()).add(absoluteTargets(r));
        ttls.put(key, r.ttl());
      }
      List<String> out = new ArrayList<>();
      values.forEach((k, v) -> out.add(k + " " + ttls.get(k) + " " + v));
      return out;
    }

    /** Relative names in rdata (as written) made absolute, the way Route 53 stores them. */
    private String absoluteTargets(Rec r) {
      return switch (r.type()) {
        case "CNAME" -> r.value().endsWith(".") ? r.value() : r.value() + "." + origin;
        case "MX" -> {
          String[] f = r.value().split(" ");
          yield f[1].endsWith(".") ? r.value() : f[0] + " " + f[1] + "." + origin;
        }
        default -> r.value();
      };
    }
  }

  private static SourceZone generated(int i) {
    String origin = String.format("z%02d.many.example.", i);
    List<Rec> recs = new ArrayList<>();
    recs.add(new Rec("@", 300, "A", "10.1." + i + ".1"));
    recs.add(new Rec("@", 300, "A", "10.1." + i + ".2"));
    recs.add(new Rec("ns1", 300, "A", "10.1." + i + ".53"));
    recs.add(new Rec("www", 60, "A", "10.1." + i + ".80"));
    recs.add(new Rec("mail", 300, "A", "10.1." + i + ".25"));
    recs.add(new Rec("@", 300, "MX", "10 mail"));
    recs.add(new Rec("alias", 120, "CNAME", "www"));
    recs.add(new Rec("info", 300, "TXT", "\"zone " + i + "\""));
    // a few zones are bigger, so they take longer and the others overtake them
    for (int h = 0; h < (i % 5 == 0 ? 40 : 3); h++) {
      recs.add(new Rec("host" + h, 300, "A", "10.2." + i + "." + (h + 1)));
    }
    return new SourceZone(origin, 1000L + i, recs);
  }

  private static SourceZone corp() {
    return new SourceZone(
        CORP,
        2026120101L,
        List.of(
            new Rec("@", 600, "A", "10.0.0.10"),
            new Rec("dc1", 600, "A", "10.0.0.11"),
            new Rec("dc2", 600, "A", "10.0.0.12"),
            new Rec("fileserver", 600, "A", "10.0.0.20"),
            new Rec("ns1", 600, "A", "10.0.0.11")));
  }

  private static SourceZone msdcs() {
    return new SourceZone(
        MSDCS,
        500L,
        List.of(
            new Rec("_ldap._tcp.dc", 600, "SRV", "0 100 389 dc1." + CORP),
            new Rec("_ldap._tcp.dc", 600, "SRV", "0 100 389 dc2." + CORP),
            new Rec("_kerberos._tcp.dc", 600, "SRV", "0 100 88 dc1." + CORP),
            new Rec("gc", 600, "CNAME", "dc1." + CORP),
            new Rec("ns1", 600, "A", "10.0.0.11")));
  }

  /** What a hosted zone holds, apex SOA and NS and the zonesync markers left out, as SDK values. */
  private static List<String> hostedData(MotoServer moto, String zoneId, String apex) {
    List<String> out = new ArrayList<>();
    for (ResourceRecordSet r : moto.listAll(zoneId)) {
      boolean apexRecord = r.name().equals(apex);
      if (r.type() == RRType.SOA
          || (apexRecord && r.type() == RRType.NS)
          || r.name().startsWith("_zonesync.")) {
        continue;
      }
      TreeSet<String> values = new TreeSet<>();
      for (ResourceRecord rr : r.resourceRecords()) {
        values.add(rr.value());
      }
      out.add(r.name() + " " + r.typeAsString() + " " + r.ttl() + " " + values);
    }
    return out;
  }

  private static List<String> names(MotoServer moto, String zoneId) {
    return moto.listAll(zoneId).stream().map(r -> r.name() + " " + r.typeAsString()).toList();
  }

  /** When a zone's sync began and ended on {@link Recording}'s sequence, and on which thread. */
  private record Interval(long start, long end, String thread) {}

  /**
   * Wraps the per-zone sync: counts zones in flight, records each zone's interval, holds the first
   * eight zones until eight are in flight (so the run surely uses its workers at once), and holds
   * the first zone of the shared hosted zone in flight until the other zone of that hosted zone
   * starts (only a runner ignoring the grouping would start it) or every zone of the other hosted
   * zones has finished (what a correct runner comes to) — so broken grouping would overlap them.
   */
  private static final class Recording {
    final AtomicLong sequence = new AtomicLong();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final Map<String, Interval> intervals = new ConcurrentHashMap<>();
    final List<String> waitedInVain = new CopyOnWriteArrayList<>();
    final CountDownLatch eightInFlight = new CountDownLatch(8);
    final CountDownLatch releaseShared = new CountDownLatch(1);
    final AtomicInteger othersLeft;
    final String sharedZoneId;
    final AtomicBoolean sharedHeld = new AtomicBoolean();

    Recording(String sharedZoneId, int others) {
      this.sharedZoneId = sharedZoneId;
      this.othersLeft = new AtomicInteger(others);
    }

    SyncRunner.ZoneSync around(SyncRunner.ZoneSync sync) {
      return (zone, options, deadline) -> {
        long start = sequence.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        boolean shared = zone.hostedZoneId().equals(sharedZoneId);
        boolean holdThis = shared && sharedHeld.compareAndSet(false, true);
        if (shared && !holdThis) {
          releaseShared.countDown();
        }
        eightInFlight.countDown();
        await(eightInFlight, zone);
        if (holdThis) {
          await(releaseShared, zone);
        }
        try {
          return sync.sync(zone, options, deadline);
        } finally {
          inFlight.decrementAndGet();
          intervals.put(
              zone.name().text(),
              new Interval(start, sequence.incrementAndGet(), Thread.currentThread().getName()));
          if (!shared && othersLeft.decrementAndGet() == 0) {
            releaseShared.countDown();
          }
        }
      };
    }

    private void await(CountDownLatch latch, dev.zonesync.config.ZoneSettings zone) {
      try {
        if (!latch.await(60, TimeUnit.SECONDS)) {
          waitedInVain.add(zone.name().text());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        waitedInVain.add(zone.name().text() + " (interrupted)");
      }
    }
  }

  @Test
  void run_withConcurrencyEight_appliesEveryZoneExactlyThenFindsAllUpToDate() {
    MotoServer moto = MotoServer.shared();
    List<SourceZone> sources = new ArrayList<>();
    for (int i = 0; i < GENERATED; i++) {
      sources.add(generated(i));
    }
    // the AD pair sits in the middle of the list: its zones run one after another on one worker
    sources.add(GENERATED / 2, msdcs());
    sources.add(GENERATED / 2, corp());

    NamedServer.Builder b = NamedServer.builder().allowTransferWithoutKey(true);
    sources.forEach(s -> b.zoneText(s.origin(), s.text()));
    try (NamedServer named = b.start()) {
      Map<String, String> hostedZoneOf = new LinkedHashMap<>();
      String corpZoneId = moto.createPrivateHostedZone(CORP);
      StringBuilder yaml =
          new StringBuilder(
              "version: 1\nexecution: {concurrency: 8}\n"
                  + "route53: {requestsPerSecond: 50, burst: 50, minBatchTime: 300ms}\nzones:\n");
      for (SourceZone s : sources) {
        String id =
            s.origin().equals(CORP) || s.origin().equals(MSDCS)
                ? corpZoneId
                : moto.createPrivateHostedZone(s.origin());
        hostedZoneOf.put(s.origin(), id);
        yaml.append("  - name: ").append(s.origin()).append('\n');
        yaml.append("    hostedZoneId: ").append(id).append('\n');
        if (s.origin().equals(MSDCS)) {
          yaml.append("    hostedZoneName: ").append(CORP).append('\n');
        }
        yaml.append("    masters: [\"").append(named.hostPort()).append("\"]\n");
        yaml.append("    tsig: none\n    timeouts: {query: 2s, transfer: 10s}\n");
      }
      Settings settings = ConfigParser.parse(yaml.toString(), "ConcurrentRunIT");
      assertThat(settings.execution().concurrency()).isEqualTo(8);
      Route53Client client =
          Route53Clients.create(
              settings.route53().withEndpoint(moto.endpoint()),
              StaticCredentialsProvider.create(MotoServer.DUMMY_CREDENTIALS));
      DnsSourceFactory dns = new DnsSourceFactory(new LocalSecretResolver(Map.of(), null));
      List<String> order = sources.stream().map(SourceZone::origin).toList();

      // The first run: the runner and synchronizer wired as Engine wires them, the synchronizer
      // wrapped to record when each zone's sync began and ended (on one shared sequence).
      ZoneSynchronizer synchronizer =
          SyncHarness.synchronizer(settings, client, dns, Clock.systemUTC());
      Recording rec = new Recording(corpZoneId, GENERATED);
      RunReport first =
          new SyncRunner(rec.around(synchronizer::sync), settings.execution().concurrency())
              .run(settings.zones(), SyncOptions.DEFAULT, Deadline.after(Duration.ofMinutes(3)));

      assertThat(first.zones()).extracting(ZoneReport::zone).isEqualTo(order);
      assertThat(first.zones())
          .allSatisfy(
              r ->
                  assertThat(r.status()).as(r.zone() + ": " + r.error()).isEqualTo(Status.APPLIED));
      assertThat(rec.waitedInVain).isEmpty();
      // the run used its eight workers at once, and never more
      assertThat(rec.maxInFlight.get()).isEqualTo(8);
      // the AD pair shares a hosted zone: one worker, in the configured order, never both at once
      Interval corp = rec.intervals.get(CORP);
      Interval msdcs = rec.intervals.get(MSDCS);
      assertThat(corp.end()).as("%s ends before %s starts", corp, msdcs).isLessThan(msdcs.start());
      assertThat(corp.thread()).isEqualTo(msdcs.thread());
      for (SourceZone s : sources) {
        if (s.origin().equals(CORP) || s.origin().equals(MSDCS)) {
          continue;
        }
        assertThat(hostedData(moto, hostedZoneOf.get(s.origin()), s.origin()))
            .as(s.origin())
            .containsExactlyInAnyOrderElementsOf(s.expected());
      }
      List<String> shared = new ArrayList<>(corp().expected());
      shared.addAll(msdcs().expected());
      assertThat(hostedData(moto, corpZoneId, CORP))
          .as("the hosted zone both AD zones feed")
          .containsExactlyInAnyOrderElementsOf(shared);
      assertThat(names(moto, corpZoneId))
          .contains("_zonesync." + CORP + " TXT", "_zonesync." + MSDCS + " TXT");

      // the second run through the composition root itself
      Engine engine = Engines.create(settings, client, dns);
      RunReport second =
          engine.run(List.of(), SyncOptions.DEFAULT, Deadline.after(Duration.ofMinutes(3)));
      assertThat(second.zones()).extracting(ZoneReport::zone).isEqualTo(order);
      assertThat(second.zones()).extracting(ZoneReport::status).containsOnly(Status.UP_TO_DATE);
      // each zone's calls were counted on its own worker: an unchanged zone costs 1 (README)
      assertThat(second.zones())
          .allSatisfy(
              r ->
                  assertThat(r.apiCalls())
                      .as(r.zone())
                      .containsEntry("ListResourceRecordSets", 1)
                      .containsEntry("total", 1));
    }
  }
}
