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
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The change-pacing wait happens inside the SDK call, where the deadline can no longer stop a run
 * cleanly; so a batch that would wait past the deadline is never started.
 */
class ChangePacingDeadlineTest {

  @Test
  @Timeout(10)
  void apply_whenTheChangeBucketWouldOutwaitTheDeadline_stopsBeforeTheBatchAndSendsNothing() {
    // 1 change per second, burst 1: 50 changes wait ~49 s; the run has 5 s. Nothing listens on
    // the endpoint, so a request that went out would fail the run instead of stopping it.
    Route53Settings slow =
        new Route53Settings(
            URI.create("http://127.0.0.1:1"),
            8,
            10,
            1,
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            1,
            1);
    try (Route53Client client =
        Route53Clients.create(
            slow,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x")))) {
      List<Change> changes = new ArrayList<>();
      int chars = 0;
      for (int i = 0; i < 50; i++) {
        RRset r =
            new RRset(DnsName.of("h" + i + ".corp.example."), RrType.A, 300, List.of("192.0.2.1"));
        changes.add(new Change.Create(r));
        chars += r.valueChars();
      }
      ApplyResult r =
          new ChangeApplier(client, Duration.ofSeconds(1))
              .apply(
                  "Z1",
                  List.of(new Batch(changes, 50, chars, false)),
                  List.of(),
                  Deadline.after(Duration.ofSeconds(5)),
                  "pacing",
                  null);

      assertThat(r.deadlineReached()).isTrue();
      assertThat(r.applied()).isZero();
      assertThat(r.error()).startsWith("stopped before batch 1 of 1");
    }
  }
}
