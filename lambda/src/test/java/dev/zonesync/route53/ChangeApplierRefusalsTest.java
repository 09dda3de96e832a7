package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import dev.zonesync.plan.Batch;
import dev.zonesync.plan.Change;
import dev.zonesync.sync.port.ApplyResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The applier's ways of giving up without marking the zone: a batch refused name after name, a
 * serial commit that fails, and how long a slow batch shapes the time it keeps for the next one.
 */
class ChangeApplierRefusalsTest {

  private final FakeRoute53 route53 = new FakeRoute53();
  private final AtomicLong nanos = new AtomicLong();
  private String zoneId;

  @BeforeEach
  void setUp() {
    zoneId = route53.createZone("corp.example.");
  }

  private static RRset a(String label, String value) {
    return new RRset(DnsName.of(label + ".corp.example."), RrType.A, 300, List.of(value));
  }

  private static Change.Create marker() {
    return new Change.Create(
        new RRset(
            DnsName.of("_zonesync.corp.example."),
            RrType.TXT,
            300,
            List.of("\"zonesync=1 serial=2 lineage=ns1.corp.example.\"")));
  }

  private ApplyResult apply(List<Batch> batches, List<Change> commit, Duration left) {
    return new ChangeApplier(route53, Duration.ofMillis(1), nanos::get)
        .apply(zoneId, batches, commit, Deadline.after(left, nanos::get), "t", null);
  }

  @Test
  void apply_whenTenNamesInARowAreRefused_stopsWithoutTryingTheRestOrTheCommit() {
    // DELETEs of RRsets Route 53 does not hold: what another writer (or a lost response) leaves
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      changes.add(new Change.Delete(HostedRRset.written(a("gone" + i, "192.0.2." + i))));
    }
    Change.Create marker = marker();
    changes.add(marker);

    ApplyResult r =
        apply(List.of(new Batch(changes, 13, 200, true)), List.of(marker), Duration.ofMinutes(1));

    assertThat(r.committed()).isFalse();
    assertThat(r.rejected()).hasSize(10);
    assertThat(r.error())
        .contains("10 names in a row rejected")
        .contains("serial not bumped")
        .contains("the next run re-plans");
    // the whole batch, then ten names alone: neither the last two names nor the commit were sent
    assertThat(route53.calls("ChangeResourceRecordSets")).isEqualTo(11);
    assertThat(route53.all(zoneId)).noneMatch(s -> s.name().equals("_zonesync.corp.example."));
  }

  @Test
  void apply_whenTheSerialCommitFails_reportsItAndLeavesTheMarkerAlone() {
    Change.Create marker = marker();
    List<Batch> batches =
        List.of(
            new Batch(List.of(new Change.Create(a("h1", "192.0.2.1"))), 1, 9, false),
            new Batch(List.of(new Change.Create(a("h2", "192.0.2.2")), marker), 2, 60, true));
    route53.onCall =
        () -> {
          if (route53.calls("ChangeResourceRecordSets") == 2) {
            route53.failNext(() -> FakeRoute53.serviceError(500, "InternalFailure"));
          }
        };

    ApplyResult r = apply(batches, List.of(marker), Duration.ofMinutes(1));

    assertThat(r.committed()).isFalse();
    assertThat(r.complete()).isFalse();
    assertThat(r.applied()).isEqualTo(1);
    assertThat(r.error())
        .contains("batch 2 of 2 failed")
        .contains("1 applied before it, serial not bumped")
        .contains("InternalFailure");
    assertThat(route53.all(zoneId))
        .extracting(s -> s.name())
        .contains("h1.corp.example.")
        .doesNotContain("h2.corp.example.", "_zonesync.corp.example.");
  }

  @Test
  void apply_whenTheCommitAloneIsRefused_appliesTheDataAndReportsTheCommitRejected() {
    // someone created the marker meanwhile: the batch is refused, its data applies name by name,
    // and the commit's own request is refused too: nothing is marked
    route53.put(
        zoneId,
        software.amazon.awssdk.services.route53.model.ResourceRecordSet.builder()
            .name("_zonesync.corp.example.")
            .type("TXT")
            .ttl(300L)
            .resourceRecords(r -> r.value("\"zonesync=1 serial=9 lineage=other.\""))
            .build());
    Change.Create marker = marker();
    List<Change> changes = List.of(new Change.Create(a("h9", "192.0.2.9")), marker);

    ApplyResult r =
        apply(List.of(new Batch(changes, 2, 60, true)), List.of(marker), Duration.ofMinutes(1));

    assertThat(r.committed()).isFalse();
    assertThat(r.rejected())
        .extracting(ApplyResult.Rejected::name)
        .containsExactly("_zonesync.corp.example.");
    assertThat(r.error()).contains("1 RRset name(s) rejected by Route 53, serial not bumped");
    assertThat(route53.calls("ChangeResourceRecordSets")).isEqualTo(3);
    assertThat(route53.all(zoneId)).anyMatch(s -> s.name().equals("h9.corp.example."));
  }

  @Test
  void timeKeptForABatch_forgetsASlowBatchOnceItIsTenMinutesOld() {
    ChangeApplier applier = new ChangeApplier(route53, Duration.ofSeconds(2), nanos::get);
    // one batch that took 20 s: the next needs 40 s
    route53.onCall = () -> nanos.addAndGet(Duration.ofSeconds(20).toNanos());
    applier.apply(
        zoneId,
        List.of(new Batch(List.of(new Change.Create(a("h1", "192.0.2.1"))), 1, 9, false)),
        List.of(),
        Deadline.after(Duration.ofMinutes(1), nanos::get),
        "t",
        null);
    route53.onCall = () -> {};
    Batch next = new Batch(List.of(new Change.Create(a("h2", "192.0.2.2"))), 1, 9, false);

    ApplyResult soon =
        applier.apply(
            zoneId,
            List.of(next),
            List.of(),
            Deadline.after(Duration.ofSeconds(30), nanos::get),
            "t",
            null);
    assertThat(soon.deadlineReached()).isTrue();
    assertThat(soon.error()).contains("a batch needs up to 40000 ms");

    nanos.addAndGet(Duration.ofMinutes(11).toNanos());
    ApplyResult later =
        applier.apply(
            zoneId,
            List.of(next),
            List.of(),
            Deadline.after(Duration.ofSeconds(30), nanos::get),
            "t",
            null);
    assertThat(later.complete()).as(later.error()).isTrue();
  }
}
