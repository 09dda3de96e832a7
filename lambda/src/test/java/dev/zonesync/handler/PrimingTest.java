package dev.zonesync.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Priming runs the first invocation's code on canned data, offline, and never fails init. */
class PrimingTest {

  @Test
  void prime_runsEveryStep_offline_andWritesNothing() {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    Priming.Result r;
    try {
      r = Priming.prime();
    } finally {
      System.setOut(out);
    }
    assertThat(r.failed()).isEmpty();
    assertThat(r.primed()).containsExactly("config", "request", "tsig", "engine", "logging");
    // only the closing "primed ..." line: the canned zone's lines and EMF documents are dropped
    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .contains("\"message\":\"primed [config, request, tsig, engine, logging]");
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .doesNotContain(dev.zonesync.app.CannedSync.ZONE);
  }

  @Test
  void engineStep_appliesTheCannedZoneThroughTheSdk() throws Exception {
    RunReport report = Priming.engine();
    assertThat(report.zones()).hasSize(1);
    assertThat(report.zones().get(0).status()).isEqualTo(Status.APPLIED);
    // SOA, NS excluded: A ns1, A+AAAA www, MX, TXT, SRV, CNAME, TLSA, SSHFP, CAA; HINFO is skipped
    assertThat(report.zones().get(0).changes().create()).isEqualTo(10);
    // the HINFO (no such type in Route 53) and the apex NS (Route 53's own)
    assertThat(report.zones().get(0).skippedTotal()).isEqualTo(2);
  }

  @Test
  void tsigStep_verifiesTheCannedAnswerWithItsRecords() throws Exception {
    // 13 records in the canned zone, and the closing SOA
    assertThat(Priming.tsig().records()).isEqualTo(14);
  }

  private static Lifecycle lifecycle(Map<String, String> env, AtomicInteger primes) {
    return new Lifecycle(
        env,
        () -> {
          primes.incrementAndGet();
          return null;
        });
  }

  @Test
  void policy_auto_primesBeforeTheSnapshotOnly_exceptForProvisionedConcurrency() throws Exception {
    AtomicInteger n = new AtomicInteger();
    Lifecycle onDemand = lifecycle(Map.of(), n);
    onDemand.atInit();
    assertThat(n).hasValue(0);

    Lifecycle snap = lifecycle(Map.of(ContainerState.INIT_TYPE_ENV, "snap-start"), n);
    snap.atInit();
    assertThat(n).hasValue(0);
    snap.beforeCheckpoint(null);
    assertThat(n).hasValue(1);
    snap.beforeCheckpoint(null); // once per process
    assertThat(n).hasValue(1);

    AtomicInteger p = new AtomicInteger();
    lifecycle(Map.of(ContainerState.INIT_TYPE_ENV, "provisioned-concurrency"), p).atInit();
    assertThat(p).hasValue(1);
  }

  @Test
  void policy_init_primesDuringInit_andOff_never() throws Exception {
    AtomicInteger n = new AtomicInteger();
    Lifecycle init = lifecycle(Map.of(Lifecycle.PRIME_ENV, "init"), n);
    init.atInit();
    init.beforeCheckpoint(null);
    assertThat(n).hasValue(1);

    AtomicInteger m = new AtomicInteger();
    Lifecycle off =
        lifecycle(
            Map.of(Lifecycle.PRIME_ENV, "off", ContainerState.INIT_TYPE_ENV, "snap-start"), m);
    off.atInit();
    off.beforeCheckpoint(null);
    assertThat(m).hasValue(0);
    assertThat(Lifecycle.Policy.of("bogus")).isEqualTo(Lifecycle.Policy.AUTO);
  }

  @Test
  void aFailingPrimer_neverFailsInit() {
    Lifecycle l =
        new Lifecycle(
            Map.of(Lifecycle.PRIME_ENV, "init"),
            () -> {
              throw new NoClassDefFoundError("software/amazon/Missing");
            });
    l.atInit(); // no exception
    assertThat(l.primed()).isTrue();
  }

  @Test
  void checkpointAndRestore_dropTheHandlersEngine_soEachContainerLoadsItsOwn() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    Lifecycle l = lifecycle(Map.of(Lifecycle.PRIME_ENV, "off"), new AtomicInteger());
    SyncHandler h =
        new SyncHandler(
            "cfg",
            (loc, observer) -> {
              loads.incrementAndGet();
              try {
                return dev.zonesync.app.CannedSync.engine();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            l);
    invokeDryRun(h);
    invokeDryRun(h);
    assertThat(loads).hasValue(1);
    l.beforeCheckpoint(null);
    invokeDryRun(h);
    assertThat(loads).hasValue(2);
    l.afterRestore(null);
    invokeDryRun(h);
    assertThat(loads).hasValue(3);
  }

  private static void invokeDryRun(SyncHandler h) throws Exception {
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStreamHolder.NOWHERE, true, StandardCharsets.UTF_8));
    try {
      h.handleRequest(
          new java.io.ByteArrayInputStream("{\"dryRun\":true}".getBytes(StandardCharsets.UTF_8)),
          new ByteArrayOutputStream(),
          new LocalInvoke.LocalContext(60_000, System.currentTimeMillis(), "r"));
    } finally {
      System.setOut(out);
    }
  }

  private static final class OutputStreamHolder {
    static final java.io.OutputStream NOWHERE = java.io.OutputStream.nullOutputStream();
  }
}
