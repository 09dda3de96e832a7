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
import java.util.ArrayList;
import java.util.List;
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
  void changeBatches_waitForTheirChangesInTheChangeBucket_whileOtherRequestsDoNot() {
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
      ApplyResult r =
          new ChangeApplier(client, Duration.ofSeconds(1))
              .apply(
                  zoneId,
                  List.of(batch(0, 10), batch(10, 5), batch(15, 30)),
                  List.of(),
                  Deadline.after(Duration.ofSeconds(50)),
                  "pacing",
                  null);
      long listStart = System.nanoTime();
      client.listResourceRecordSets(b -> b.hostedZoneId(zoneId).maxItems("1"));
      Duration listTook = Duration.ofNanos(System.nanoTime() - listStart);

      assertThat(r.error()).isNull();
      List<WireCall> sent = proxy.calls("ChangeResourceRecordSets");
      assertThat(sent).extracting(WireCall::status).containsExactly(200, 200, 200);
      assertThat(sent)
          .extracting(c -> c.changeBatch().orElseThrow().changeCount())
          .containsExactly(10, 5, 30);
      // 10 changes use the whole burst; 5 more need 5/20 s = 250 ms of refill; 30 (more than
      // the burst) need 30/20 s = 1.5 s from an empty bucket
      Duration first = Duration.between(sent.get(0).startedAt(), sent.get(1).startedAt());
      Duration second = Duration.between(sent.get(1).startedAt(), sent.get(2).startedAt());
      assertThat(first).isBetween(Duration.ofMillis(230), Duration.ofMillis(1000));
      assertThat(second).isBetween(Duration.ofMillis(1450), Duration.ofMillis(2500));
      // a read takes no change tokens: it goes at once although the change bucket is empty
      assertThat(listTook).isLessThan(Duration.ofMillis(500));
    }
  }
}
