package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
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

class ChangeApplierTest {

  private final FakeRoute53 route53 = new FakeRoute53();
  private final AtomicLong clock = new AtomicLong();
  private String zoneId;

  @BeforeEach
  void setUp() {
    zoneId = route53.createZone("corp.example.");
  }

  private static List<Batch> batches(int n) {
    List<Batch> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RRset r =
          new RRset(DnsName.of("h" + i + ".corp.example."), RrType.A, 300, List.of("192.0.2." + i));
      out.add(new Batch(List.of(new Change.Create(r)), 1, r.valueChars(), i == n - 1));
    }
    return out;
  }

  @Test
  void apply_sendsEveryBatchInOrder() {
    ApplyResult r =
        new ChangeApplier(route53, Duration.ofSeconds(2), clock::get)
            .apply(
                zoneId,
                batches(3),
                List.of(),
                Deadline.after(Duration.ofMinutes(1), clock::get),
                "t",
                null);
    assertThat(r.complete()).isTrue();
    assertThat(route53.changeRequests())
        .extracting(c -> c.changeBatch().changes().get(0).resourceRecordSet().name())
        .containsExactly("h0.corp.example.", "h1.corp.example.", "h2.corp.example.");
  }

  @Test
  void apply_whenABatchFails_stopsBeforeTheCommitBatch() {
    route53.onCall = () -> {};
    ChangeApplier applier = new ChangeApplier(route53, Duration.ofSeconds(2), clock::get);
    List<Batch> b = batches(3);
    // the second request is rejected
    route53.onCall =
        () -> {
          if (route53.calls("ChangeResourceRecordSets") == 2) {
            route53.failNext(() -> FakeRoute53.serviceError(503, "ServiceUnavailable"));
          }
        };
    ApplyResult r =
        applier.apply(
            zoneId, b, List.of(), Deadline.after(Duration.ofMinutes(1), clock::get), "t", null);
    assertThat(r.applied()).isEqualTo(1);
    assertThat(r.complete()).isFalse();
    assertThat(r.deadlineReached()).isFalse();
    assertThat(r.error())
        .contains("batch 2 of 3")
        .contains("serial not bumped")
        .contains("ServiceUnavailable");
    assertThat(route53.calls("ChangeResourceRecordSets")).isEqualTo(2);
  }

  @Test
  void apply_whenDeadlineTooCloseForABatch_sendsNothing() {
    ApplyResult r =
        new ChangeApplier(route53, Duration.ofSeconds(2), clock::get)
            .apply(
                zoneId,
                batches(2),
                List.of(),
                Deadline.after(Duration.ofSeconds(1), clock::get),
                "t",
                null);
    assertThat(r.applied()).isZero();
    assertThat(r.deadlineReached()).isTrue();
    assertThat(route53.calls("ChangeResourceRecordSets")).isZero();
  }

  @Test
  void apply_learnsBatchDurationAndStopsBetweenBatches() {
    // every request takes 3 s on the test clock: after the first, a batch needs 2 x 3 s
    route53.onCall = () -> clock.addAndGet(Duration.ofSeconds(3).toNanos());
    ApplyResult r =
        new ChangeApplier(route53, Duration.ofSeconds(2), clock::get)
            .apply(
                zoneId,
                batches(5),
                List.of(),
                Deadline.after(Duration.ofSeconds(10), clock::get),
                "t",
                null);
    // t=0 send (ends t=3, 7 s left >= 6) send (t=6, 4 s left < 6) stop
    assertThat(r.applied()).isEqualTo(2);
    assertThat(r.deadlineReached()).isTrue();
    assertThat(r.error()).contains("stopped before batch 3 of 5").contains("next run continues");
  }

  private static Change.Create create(String name, RrType type, String value) {
    return new Change.Create(
        new RRset(DnsName.of(name + ".corp.example."), type, 300, List.of(value)));
  }

  /** An A record someone else created: a CNAME next to it is invalid. */
  private void putForeignA(String label) {
    route53.put(
        zoneId,
        software.amazon.awssdk.services.route53.model.ResourceRecordSet.builder()
            .name(label + ".corp.example.")
            .type("A")
            .ttl(60L)
            .resourceRecords(
                software.amazon.awssdk.services.route53.model.ResourceRecord.builder()
                    .value("192.0.2.9")
                    .build())
            .build());
  }

  private java.util.Set<String> names() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (var s : route53.all(zoneId)) {
      out.add(s.name() + " " + s.typeAsString());
    }
    return out;
  }

  @Test
  void apply_whenOneRRsetIsInvalid_appliesTheRestAndWithholdsTheCommit() {
    // a record someone else owns: a CNAME next to it is invalid
    putForeignA("clash");
    Change.Create marker =
        create("_zonesync", RrType.TXT, "\"zonesync=1 serial=2 lineage=ns1.corp.example.\"");
    List<Batch> b =
        List.of(
            new Batch(
                List.of(
                    create("h1", RrType.A, "192.0.2.1"),
                    create("clash", RrType.CNAME, "x.corp.example."),
                    create("h2", RrType.A, "192.0.2.2")),
                3,
                40,
                false),
            new Batch(List.of(create("h3", RrType.A, "192.0.2.3"), marker), 2, 40, true));

    ApplyResult r =
        new ChangeApplier(route53, Duration.ofMillis(1), clock::get)
            .apply(
                zoneId,
                b,
                List.of(marker),
                Deadline.after(Duration.ofMinutes(1), clock::get),
                "t",
                null);

    assertThat(r.committed()).isFalse();
    assertThat(r.complete()).isFalse();
    assertThat(r.rejected())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.name()).isEqualTo("clash.corp.example.");
              assertThat(x.changes()).containsExactly("CREATE CNAME");
              assertThat(x.message()).contains("CNAME");
            });
    assertThat(r.error()).contains("rejected by Route 53").contains("serial not bumped");
    assertThat(names())
        .contains("h1.corp.example. A", "h2.corp.example. A", "h3.corp.example. A")
        .doesNotContain("clash.corp.example. CNAME", "_zonesync.corp.example. TXT");
  }

  @Test
  void apply_whenTheCommitBatchHoldsTheInvalidName_appliesItsDataButNotTheCommit() {
    putForeignA("clash");
    Change.Create marker =
        create("_zonesync", RrType.TXT, "\"zonesync=1 serial=2 lineage=ns1.corp.example.\"");
    List<Batch> b =
        List.of(
            new Batch(
                List.of(
                    create("h1", RrType.A, "192.0.2.1"),
                    create("clash", RrType.CNAME, "x.corp.example."),
                    marker),
                3,
                40,
                true));
    ApplyResult r =
        new ChangeApplier(route53, Duration.ofMillis(1), clock::get)
            .apply(
                zoneId,
                b,
                List.of(marker),
                Deadline.after(Duration.ofMinutes(1), clock::get),
                "t",
                null);
    assertThat(r.committed()).isFalse();
    assertThat(r.rejected()).hasSize(1);
    assertThat(names())
        .contains("h1.corp.example. A")
        .doesNotContain("_zonesync.corp.example. TXT");
  }

  @Test
  void apply_whenEverythingApplies_reportsTheCommit() {
    Change.Create marker =
        create("_zonesync", RrType.TXT, "\"zonesync=1 serial=2 lineage=ns1.corp.example.\"");
    List<Batch> b =
        List.of(new Batch(List.of(create("h1", RrType.A, "192.0.2.1"), marker), 2, 40, true));
    ApplyResult r =
        new ChangeApplier(route53, Duration.ofMillis(1), clock::get)
            .apply(
                zoneId,
                b,
                List.of(marker),
                Deadline.after(Duration.ofMinutes(1), clock::get),
                "t",
                null);
    assertThat(r.committed()).isTrue();
    assertThat(r.complete()).isTrue();
    assertThat(names()).contains("_zonesync.corp.example. TXT");
  }
}
