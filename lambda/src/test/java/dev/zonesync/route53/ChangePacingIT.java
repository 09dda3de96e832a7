package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.config.Route53Settings;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import dev.zonesync.plan.Batch;
import dev.zonesync.plan.Change;
import dev.zonesync.sync.port.ApplyResult;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.WireCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Change-throughput pacing as it shows on the wire: the client {@link Route53Clients} builds, with
 * a small configured change bucket, sends batches through {@link ChangeApplier} to moto behind the
 * recording proxy; the proxy's timestamps show when each ChangeResourceRecordSets left.
 */
@Timeout(60)
class ChangePacingIT {

  private static final String ZONE = "pacing.example.";

  private static Batch batch(int first, int count) {
    List<Change> changes = new ArrayList<>();
    int chars = 0;
    for (int i = first; i < first + count; i++) {
      RRset r = new RRset(DnsName.of("h" + i + "." + ZONE), RrType.A, 300, List.of("192.0.2.1"));
      changes.add(new Change.Create(r));
      chars += r.valueChars();
    }
    return new Batch(changes, count, chars, false);
  }

  @Test
  void changeBatches_waitForTheirChangesInTheChangeBucket_whileOtherRequestsDoNot()
      throws Exception {
    MotoServer moto = MotoServer.shared();
    String zoneId = moto.createPrivateHostedZone(ZONE);
    // requests barely paced (50/s, burst 50); changes: 20 per second, burst 10
    Route53Settings settings =
        new Route53Settings(null, 50, 50, 1, Duration.ofMillis(100), Duration.ofSeconds(1), 20, 10);
    try (Route53Proxy proxy = Route53Proxy.in(moto);
        Route53Client client =
            Route53Clients.create(
                settings.withEndpoint(proxy.endpoint()),
                StaticCredentialsProvider.create(MotoServer.DUMMY_CREDENTIALS))) {
      ChangeApplier applier = new ChangeApplier(client, Duration.ofSeconds(1));
      // no token can be taken before this instant: the waits below are lower bounds from it,
      // whatever the machine's load (the wait arithmetic itself: RequestPacerTest, on its clock)
      Instant before = Instant.now();
      ApplyResult r =
          applier.apply(
              zoneId,
              List.of(batch(0, 10), batch(10, 5), batch(15, 30)),
              List.of(),
              Deadline.after(Duration.ofSeconds(50)),
              "pacing",
              null);

      assertThat(r.error()).isNull();
      List<WireCall> sent = proxy.calls("ChangeResourceRecordSets");
      assertThat(sent).extracting(WireCall::status).containsExactly(200, 200, 200);
      assertThat(sent)
          .extracting(c -> c.changeBatch().orElseThrow().changeCount())
          .containsExactly(10, 5, 30);
      // 10 changes use the whole burst; 5 more need 5/20 s = 250 ms of refill; 30 (more than
      // the burst) need 30/20 s = 1.5 s from the empty bucket (5 ms: wall vs monotonic clock)
      assertThat(Duration.between(before, sent.get(1).startedAt()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(250 - 5));
      assertThat(Duration.between(before, sent.get(2).startedAt()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(250 + 1500 - 5));

      // A batch of 60 changes reserves its tokens and waits 3 s for them; a read sent meanwhile
      // takes no change token, so it reaches Route 53 first (had it queued behind the change
      // bucket, it would wait out those 3 s and arrive after the batch).
      ExecutorService background = Executors.newSingleThreadExecutor();
      try {
        Future<ApplyResult> waiting =
            background.submit(
                () ->
                    applier.apply(
                        zoneId,
                        List.of(batch(45, 60)),
                        List.of(),
                        Deadline.after(Duration.ofSeconds(50)),
                        "pacing",
                        null));
        awaitReserved(client, waiting);
        client.listResourceRecordSets(b -> b.hostedZoneId(zoneId).maxItems("1"));
        assertThat(waiting.get(30, TimeUnit.SECONDS).error()).isNull();
      } finally {
        background.shutdownNow();
      }
      List<WireCall> calls = proxy.calls();
      List<String> afterTheThird =
          calls.subList(calls.indexOf(sent.get(2)) + 1, calls.size()).stream()
              .map(WireCall::operation)
              .toList();
      assertThat(afterTheThird)
          .containsExactly("ListResourceRecordSets", "ChangeResourceRecordSets");
    }
  }

  /** Polls until the background batch has reserved its change tokens (a wait of seconds now). */
  private static void awaitReserved(Route53Client client, Future<?> batch) throws Exception {
    long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (Route53Clients.changePacingWait(client, 1).compareTo(Duration.ofSeconds(1)) < 0) {
      assertThat(batch.isDone()).as("the batch ended before it waited: %s", batch).isFalse();
      assertThat(System.nanoTime()).as("the batch reserved its tokens").isLessThan(giveUp);
      Thread.sleep(5);
    }
  }
}
