package dev.zonesync.plan;

import static dev.zonesync.plan.Fixtures.freshHostedZone;
import static dev.zonesync.plan.Fixtures.hosted;
import static dev.zonesync.plan.Fixtures.plan;
import static dev.zonesync.plan.Fixtures.rr;
import static dev.zonesync.plan.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatcherTest {

  /** Serial commit on a fresh hosted zone: SOA UPSERT (2 values) + marker CREATE (1 value). */
  private static final int COMMIT_VALUES = 3;

  private static RRset[] aRecords(int n, int valueChars) {
    RRset[] out = new RRset[n];
    for (int i = 0; i < n; i++) {
      String value;
      if (valueChars <= 0) {
        value = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
        out[i] = rr("h" + i, "A", 300, value);
      } else {
        // a TXT value of exactly valueChars characters including the quotes
        String body = String.format("%0" + (valueChars - 2) + "d", i);
        out[i] = rr("t" + i, "TXT", 300, "\"" + body + "\"");
      }
    }
    return out;
  }

  private static void assertWithinLimitsAndConsistent(Plan p, List<Batch> batches, BatchLimits l) {
    Map<DnsName, Integer> batchOfName = new HashMap<>();
    int changes = 0;
    for (int i = 0; i < batches.size(); i++) {
      Batch b = batches.get(i);
      int values = b.changes().stream().mapToInt(Change::wireValues).sum();
      int chars = b.changes().stream().mapToInt(Change::wireChars).sum();
      assertThat(values).isEqualTo(b.values()).isLessThanOrEqualTo(l.maxValues());
      assertThat(chars).isEqualTo(b.chars()).isLessThanOrEqualTo(l.maxValueChars());
      assertThat(b.changes().size()).isLessThanOrEqualTo(l.maxChanges());
      int lastOrder = -1;
      for (Change c : b.changes()) {
        assertThat(c.order())
            .as("deletes, then updates, then creates")
            .isGreaterThanOrEqualTo(lastOrder);
        lastOrder = c.order();
        Integer prev = batchOfName.put(c.name(), i);
        assertThat(prev == null || prev == i)
            .as("all changes of %s in one batch", c.name())
            .isTrue();
      }
      changes += b.changes().size();
    }
    assertThat(changes).isEqualTo(p.changes().size() + p.commit().size());
    if (!p.commit().isEmpty()) {
      assertThat(batches.get(batches.size() - 1).changes()).containsAll(p.commit());
      for (int i = 0; i < batches.size() - 1; i++) {
        assertThat(batches.get(i).commit()).isFalse();
      }
    }
  }

  @ParameterizedTest(name = "{0} single-value creates -> {1} batches")
  @CsvSource({"1, 1", "996, 1", "997, 1", "998, 2", "1997, 2", "1998, 3", "5000, 6", "4997, 5"})
  void batch_whenValueCountBinds_usesTheLowerBound(int creates, int expected) {
    Plan p = plan(snapshot(9, aRecords(creates, 0)), freshHostedZone());
    List<Batch> batches = Batcher.batch(p, BatchLimits.ROUTE53);
    assertWithinLimitsAndConsistent(p, batches, BatchLimits.ROUTE53);
    assertThat(Batcher.lowerBound(p, BatchLimits.ROUTE53)).isEqualTo(expected);
    assertThat(batches).hasSize(expected);
    assertThat(creates + COMMIT_VALUES).isEqualTo(batches.stream().mapToInt(Batch::values).sum());
  }

  @ParameterizedTest(name = "{0} TXT values of {1} chars -> {2} batches")
  // the commit: SOA UPSERT 2 x 71 chars + marker CREATE 138 chars (with its SOA template) = 280
  @CsvSource({"100, 250, 1", "126, 250, 1", "127, 250, 2", "320, 100, 2", "640, 200, 5"})
  void batch_whenCharacterCountBinds_staysWithin32000(int creates, int chars, int expected) {
    Plan p = plan(snapshot(9, aRecords(creates, chars)), freshHostedZone());
    List<Batch> batches = Batcher.batch(p, BatchLimits.ROUTE53);
    assertWithinLimitsAndConsistent(p, batches, BatchLimits.ROUTE53);
    assertThat(batches).hasSize(expected);
    assertThat(batches.size()).isEqualTo(Batcher.lowerBound(p, BatchLimits.ROUTE53));
  }

  @Test
  void batch_countsUpsertTwice() {
    RRset[] desired = aRecords(499, 0);
    List<HostedRRset> current = new ArrayList<>(freshHostedZone());
    for (RRset r : desired) {
      current.add(hosted(r.withTtl(60)));
    }
    Plan p = plan(snapshot(9, desired), current);
    assertThat(p.updates()).isEqualTo(499);
    List<Batch> batches = Batcher.batch(p, BatchLimits.ROUTE53);
    assertWithinLimitsAndConsistent(p, batches, BatchLimits.ROUTE53);
    // 998 update values + 3 commit values = 1001 > 1000
    assertThat(batches).hasSize(2);
  }

  @Test
  void batch_keepsARRsetWithManyValuesWhole() {
    String[] values = new String[400];
    for (int i = 0; i < values.length; i++) {
      values[i] = "10.1." + (i / 200) + "." + (i % 200);
    }
    List<RRset> sets = new ArrayList<>(List.of(aRecords(700, 0)));
    sets.add(rr("pool", "A", 300, values));
    Plan p = plan(snapshot(9, sets.toArray(RRset[]::new)), freshHostedZone());
    List<Batch> batches = Batcher.batch(p, BatchLimits.ROUTE53);
    assertWithinLimitsAndConsistent(p, batches, BatchLimits.ROUTE53);
    assertThat(batches).hasSize(2);
    assertThat(
            batches.stream()
                .filter(
                    b -> b.changes().stream().anyMatch(c -> c.name().text().startsWith("pool."))))
        .singleElement()
        .satisfies(b -> assertThat(b.values()).isGreaterThanOrEqualTo(400));
  }

  @Test
  void batch_putsAllChangesOfOneNameTogetherDeletesFirst() {
    List<HostedRRset> current = new ArrayList<>(freshHostedZone());
    current.add(hosted("app", "A", 300, "192.0.2.1"));
    current.add(hosted("app", "AAAA", 300, "2001:db8::1"));
    current.add(hosted("app", "TXT", 300, "\"old\""));
    List<RRset> desired = new ArrayList<>(List.of(aRecords(990, 0)));
    desired.add(rr("app", "CNAME", 300, "web.corp.example."));
    Plan p = plan(snapshot(9, desired.toArray(RRset[]::new)), current);
    List<Batch> batches = Batcher.batch(p, BatchLimits.ROUTE53);
    assertWithinLimitsAndConsistent(p, batches, BatchLimits.ROUTE53);
    Batch withApp =
        batches.stream()
            .filter(
                b ->
                    b.changes().stream().anyMatch(c -> c.name().text().equals("app.corp.example.")))
            .findFirst()
            .orElseThrow();
    List<String> appChanges =
        withApp.changes().stream()
            .filter(c -> c.name().text().equals("app.corp.example."))
            .map(c -> c.getClass().getSimpleName() + " " + c.type())
            .toList();
    assertThat(appChanges)
        .containsExactlyInAnyOrder("Delete A", "Delete AAAA", "Delete TXT", "Create CNAME")
        .last()
        .isEqualTo("Create CNAME");
  }

  @Test
  void batch_respectsAConfiguredChangeLimit() {
    BatchLimits old = new BatchLimits(1000, 32_000, 100);
    Plan p =
        Planner.plan(
            snapshot(9, aRecords(250, 0)),
            freshHostedZone(),
            OwnershipRules.defaults(Fixtures.ZONE),
            old);
    List<Batch> batches = Batcher.batch(p, old);
    assertWithinLimitsAndConsistent(p, batches, old);
    assertThat(batches).hasSize(3); // 252 changes / 100
  }

  @Test
  void batch_whenNothingToDo_returnsNoBatches() {
    assertThat(
            Batcher.batch(
                plan(snapshot(1), freshHostedZone(Fixtures.marker(1, 0))), BatchLimits.ROUTE53))
        .isEmpty();
  }

  @Test
  void batch_isWithinFivePercentOfLowerBoundForMixedSizes() {
    List<RRset> sets = new ArrayList<>();
    java.util.Random rnd = new java.util.Random(42);
    for (int i = 0; i < 20_000; i++) {
      int kind = rnd.nextInt(10);
      if (kind < 7) {
        sets.add(rr("a" + i, "A", 300, "10.2." + (i >> 8 & 255) + "." + (i & 255)));
      } else {
        sets.add(rr("t" + i, "TXT", 300, "\"" + "v".repeat(10 + rnd.nextInt(400)) + "\""));
      }
    }
    Plan p = plan(snapshot(9, sets.toArray(RRset[]::new)), freshHostedZone());
    List<Batch> batches = Batcher.batch(p, BatchLimits.ROUTE53);
    assertWithinLimitsAndConsistent(p, batches, BatchLimits.ROUTE53);
    int lb = Batcher.lowerBound(p, BatchLimits.ROUTE53);
    assertThat(batches.size()).isLessThanOrEqualTo((int) Math.ceil(lb * 1.05));
  }
}
