package dev.zonesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.Samples;
import dev.zonesync.testing.IndependentMirror;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.SyncHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Zone files from other DNS projects' test suites (samples/corpus, see SOURCES), each served by a
 * real named and synced into moto's Route 53: every RRset Route 53 can hold is exact — compared by
 * {@link IndependentMirror} (dig and named-compilezone, not zonesync's code) — every other record
 * is skipped with the reason the oracle's own rules give, and a second run, a forced run and a full
 * reconcile plan 0 changes.
 */
class CorpusIT {

  private static final List<String> TABLE = new ArrayList<>();

  /** {@code <source>-<id>.<zone>.zone} → the zone's name. */
  static String zoneOf(Path file) {
    String f = file.getFileName().toString();
    return f.substring(f.indexOf('.') + 1, f.length() - ".zone".length()) + ".";
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusZone_isExactSkipsTheRestAndConverges() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(Samples.sample("corpus"))) {
      files = s.filter(p -> p.toString().endsWith(".zone")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(15);
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> syncAndCheck(f)));
  }

  private void syncAndCheck(Path file) {
    String zone = zoneOf(file);
    String secret = NamedServer.generateTsigSecret();
    MotoServer moto = SyncHarness.moto();
    try (NamedServer named =
        NamedServer.builder()
            .tsigKey(SyncHarness.KEY, "hmac-sha256", secret)
            .staticZone(zone, file)
            // load what named loads in production set-ups that do not check integrity
            .extraOptions(
                "check-integrity no; check-mx ignore;"
                    + " check-srv-cname ignore; check-wildcard no; check-sibling no;")
            .start()) {
      String zoneId = moto.createPrivateHostedZone(zone.toLowerCase(java.util.Locale.ROOT));
      SyncHarness.Config config =
          new SyncHarness.Config(
              zone,
              zoneId,
              List.of(named.hostPort()),
              SyncHarness.KEY,
              "{query: 2s, transfer: 30s}",
              "",
              "{requestsPerSecond: 50, burst: 50, minBatchTime: 300ms}");
      var engine = SyncHarness.engine(config, secret, moto.endpoint());

      ZoneReport first = SyncHarness.run(engine, SyncOptions.DEFAULT, Duration.ofMinutes(3));
      assertThat(first.status()).as("%s: %s", zone, first.error()).isEqualTo(Status.APPLIED);

      List<IndependentMirror.Line> axfr =
          IndependentMirror.axfr(named.hostPort(), zone, SyncHarness.KEY, secret);
      Set<String> expected = IndependentMirror.expected(zone, axfr);
      Set<String> hosted = IndependentMirror.hosted(zone, moto.listAll(zoneId));
      assertThat(hosted).as("%s: Route 53 content", zone).isEqualTo(expected);

      Map<String, String> expectedSkips = IndependentMirror.expectedSkips(zone, axfr);
      Map<String, String> skipped = new TreeMap<>();
      for (ZoneReport.SkippedEntry s : first.skipped()) {
        skipped.put(
            IndependentMirror.canonicalName(s.name()) + " " + IndependentMirror.typeCode(s.type()),
            s.reason());
      }
      Map<String, String> expectedCanonical = new TreeMap<>();
      expectedSkips.forEach(
          (k, v) -> {
            int sp = k.lastIndexOf(' ');
            expectedCanonical.put(
                IndependentMirror.canonicalName(k.substring(0, sp))
                    + " "
                    + IndependentMirror.typeCode(k.substring(sp + 1)),
                v);
          });
      assertThat(skipped).as("%s: skipped and why", zone).isEqualTo(expectedCanonical);

      ZoneReport second = SyncHarness.run(engine, SyncOptions.DEFAULT, Duration.ofMinutes(3));
      ZoneReport forced = SyncHarness.run(engine, SyncOptions.FORCED, Duration.ofMinutes(3));
      ZoneReport full = SyncHarness.run(engine, SyncHarness.FULL, Duration.ofMinutes(3));
      assertThat(second.status()).as("%s second run", zone).isEqualTo(Status.UP_TO_DATE);
      for (ZoneReport r : List.of(forced, full)) {
        assertThat(r.status()).as("%s: %s", zone, r.error()).isEqualTo(Status.UP_TO_DATE);
        assertThat(r.changes()).as(zone).isEqualTo(new ZoneReport.Counts(0, 0, 0));
      }
      assertThat(IndependentMirror.hosted(zone, moto.listAll(zoneId))).isEqualTo(expected);

      Set<String> rrsets = new HashSet<>();
      for (IndependentMirror.Line l : axfr) {
        if (!l.type().equals("SOA")) {
          rrsets.add(IndependentMirror.canonicalName(l.owner()) + " " + l.type());
        }
      }
      Set<String> exact = new HashSet<>();
      for (String line : expected) {
        String[] f = line.split(" ", 5);
        exact.add(f[0] + " " + f[3]);
      }
      Map<String, Integer> byReason = new TreeMap<>();
      skipped.values().forEach(v -> byReason.merge(v, 1, Integer::sum));
      long changes = 0;
      for (ZoneReport r : List.of(second, forced, full)) {
        changes +=
            r.changes() == null
                ? 0
                : r.changes().create() + r.changes().update() + r.changes().delete();
      }
      synchronized (TABLE) {
        TABLE.add(
            String.format(
                java.util.Locale.ROOT,
                "| %s | %s | %d | %d | %s | %d |",
                file.getFileName(),
                zone,
                rrsets.size(),
                exact.size(),
                byReason.isEmpty() ? "—" : byReason.toString(),
                changes));
      }
    }
  }

  @AfterAll
  static void printTable() throws IOException {
    List<String> out = new ArrayList<>();
    out.add(
        "| file | zone | RRsets | exact | skipped by reason | changes on 2nd/forced/full run |");
    out.add("|---|---|---|---|---|---|");
    out.addAll(TABLE);
    String text = String.join("\n", out) + "\n";
    System.out.println(text);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("corpus-report.md"), text);
    }
  }
}
