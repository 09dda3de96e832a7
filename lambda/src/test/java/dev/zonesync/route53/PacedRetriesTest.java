package dev.zonesync.route53;

import static dev.zonesync.route53.ScriptedHttp.changed;
import static dev.zonesync.route53.ScriptedHttp.emptyListing;
import static dev.zonesync.route53.ScriptedHttp.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zonesync.config.Route53Settings;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import dev.zonesync.plan.Batch;
import dev.zonesync.plan.Change;
import dev.zonesync.sync.port.ApplyResult;
import dev.zonesync.sync.port.LearnedRates;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * What a {@code Throttling} answer does to a call of the client {@link Route53Clients} builds: it
 * teaches the pacer a lower rate and is retried without spending one of the call's {@code
 * maxAttempts}, where PriorRequestNotComplete and 5xx still spend them. Over a scripted HTTP
 * client; the pacers run on a clock that moves 10 s at every reading, so no pacing wait is ever
 * slept.
 */
@Timeout(30)
class PacedRetriesTest {

  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x"));

  /** The defaults, except: {@code maxAttempts} and a backoff too short to slow the test. */
  private static Route53Settings settings(int maxAttempts) {
    return new Route53Settings(
        URI.create("https://route53.example"),
        8,
        10,
        maxAttempts,
        Duration.ofMillis(1),
        Duration.ofMillis(2),
        2000,
        1000);
  }

  private static Route53Client client(int maxAttempts, ScriptedHttp http) {
    AtomicLong clock = new AtomicLong();
    return Route53Clients.create(
        settings(maxAttempts), CREDENTIALS, http, () -> clock.addAndGet(10_000_000_000L));
  }

  private static List<ScriptedHttp.Answer> times(int n, ScriptedHttp.Answer a) {
    return Collections.nCopies(n, a);
  }

  private static List<ScriptedHttp.Answer> concat(List<ScriptedHttp.Answer>... parts) {
    List<ScriptedHttp.Answer> out = new ArrayList<>();
    for (List<ScriptedHttp.Answer> p : parts) {
      out.addAll(p);
    }
    return out;
  }

  @Test
  void throttledAnswers_doNotSpendTheCallsAttempts_andLowerTheLearnedRequestRate() {
    ScriptedHttp http =
        new ScriptedHttp(concat(times(5, error("Throttling")), List.of(emptyListing())));
    try (Route53Client c = client(2, http)) {
      c.listResourceRecordSets(b -> b.hostedZoneId("Z1"));

      assertThat(http.sent()).hasSize(6);
      LearnedRates learned = Route53Clients.learnedRates(c).orElseThrow();
      assertThat(learned.decreases()).isEqualTo(5);
      // 4 (half of 8), halved five times, stops at the floor of 0.5
      assertThat(learned.requestsPerSecond()).isEqualTo(0.5);
      assertThat(learned.changesPerSecond()).as("a read teaches the request rate").isEqualTo(1000);
    }
  }

  @Test
  void aThrottledChangeBatch_lowersTheLearnedChangeRate() {
    ScriptedHttp http = new ScriptedHttp(List.of(error("Throttling"), changed()));
    try (Route53Client c = client(1, http)) {
      new ChangeApplier(c, Duration.ofSeconds(1))
          .apply(
              "Z1", List.of(batch(5)), List.of(), Deadline.after(Duration.ofMinutes(1)), "t", null);

      assertThat(http.sent()).hasSize(2);
      LearnedRates learned = Route53Clients.learnedRates(c).orElseThrow();
      assertThat(learned.changesPerSecond()).isEqualTo(500);
      assertThat(learned.requestsPerSecond()).isEqualTo(4);
    }
  }

  @Test
  void aServerErrorWithoutAnErrorCode_isRetriedAsA5xx_andFailsWithItsStatus() {
    // a 503 page from something between zonesync and Route 53 (a proxy, a load balancer)
    ScriptedHttp http =
        new ScriptedHttp(
            List.of(new ScriptedHttp.Answer(503, "<html><body>Service Unavailable</body></html>")));
    ApiMeter meter = new ApiMeter(); // as a zone's sync has one
    try (Route53Client c = client(3, http);
        ApiMeter.Scope bound = meter.bind()) {
      AwsServiceException e =
          catchThrowableOfType(
              AwsServiceException.class, () -> c.listResourceRecordSets(b -> b.hostedZoneId("Z1")));

      assertThat(e.statusCode()).isEqualTo(503);
      assertThat(http.sent()).as("retried within maxAttempts").hasSize(3);
      assertThat(meter.throttledCount()).isZero();
      assertThat(meter.retriedCount()).isEqualTo(2);
      assertThat(Route53Clients.learnedRates(c).orElseThrow().decreases()).isZero();
    }
  }

  @Test
  void priorRequestNotComplete_stillSpendsTheAttempts() {
    ScriptedHttp http = new ScriptedHttp(List.of(error("PriorRequestNotComplete")));
    try (Route53Client c = client(3, http)) {
      AwsServiceException e =
          catchThrowableOfType(
              AwsServiceException.class, () -> c.listResourceRecordSets(b -> b.hostedZoneId("Z1")));

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PriorRequestNotComplete");
      assertThat(http.sent()).hasSize(3);
      assertThat(Route53Clients.learnedRates(c).orElseThrow().decreases())
          .as("not a rate signal")
          .isZero();
    }
  }

  @Test
  void throttlesBetweenOtherFailures_leaveTheOtherFailuresTheirBudget() {
    List<ScriptedHttp.Answer> script =
        List.of(
            error("ServiceUnavailable"),
            error("Throttling"),
            error("Throttling"),
            error("ServiceUnavailable"),
            error("Throttling"),
            emptyListing());
    ScriptedHttp enough = new ScriptedHttp(script);
    try (Route53Client c = client(3, enough)) {
      c.listResourceRecordSets(b -> b.hostedZoneId("Z1"));
      assertThat(enough.sent()).hasSize(6);
    }
    // with two attempts, the second 503 is one too many: throttles never made up for it
    ScriptedHttp tooFew = new ScriptedHttp(script);
    try (Route53Client c = client(2, tooFew)) {
      AwsServiceException e =
          catchThrowableOfType(
              AwsServiceException.class, () -> c.listResourceRecordSets(b -> b.hostedZoneId("Z1")));
      assertThat(e.statusCode()).isEqualTo(503);
      assertThat(tooFew.sent()).hasSize(4);
    }
  }

  @Test
  void aCallThrottledWithoutEnd_failsAfterTheBoundOfThrottledAttempts() {
    ScriptedHttp http = new ScriptedHttp(List.of(error("Throttling")));
    try (Route53Client c = client(8, http)) {
      AwsServiceException e =
          catchThrowableOfType(
              AwsServiceException.class, () -> c.listResourceRecordSets(b -> b.hostedZoneId("Z1")));

      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
      assertThat(http.sent()).hasSize(Route53Clients.MAX_THROTTLED_ATTEMPTS);
    }
  }

  private static Batch batch(int n) {
    List<Change> changes = new ArrayList<>();
    int chars = 0;
    for (int i = 0; i < n; i++) {
      RRset r =
          new RRset(DnsName.of("h" + i + ".corp.example."), RrType.A, 300, List.of("192.0.2.1"));
      changes.add(new Change.Create(r));
      chars += r.valueChars();
    }
    return new Batch(changes, n, chars, false);
  }

  @Test
  void aThrottledBatchWhoseRetryWouldWaitPastTheDeadline_isStoppedNotSent() {
    // real clock: changes ceiling 40/s, so the learned rate starts at 20/s, burst 30. The batch
    // of 30 goes at once and is throttled: 10/s (the floor) and an empty bucket, so its retry
    // would wait 3 s; the run has 3 s and keeps 1 s for the batch itself
    ScriptedHttp http = new ScriptedHttp(List.of(error("Throttling"), changed()));
    Route53Settings s =
        new Route53Settings(
            URI.create("https://route53.example"),
            8,
            10,
            8,
            Duration.ofMillis(1),
            Duration.ofMillis(2),
            40,
            30);
    try (Route53Client c = Route53Clients.create(s, CREDENTIALS, http)) {
      ApplyResult r =
          new ChangeApplier(c, Duration.ofSeconds(1))
              .apply(
                  "Z1",
                  List.of(batch(30)),
                  List.of(),
                  Deadline.after(Duration.ofSeconds(3)),
                  "t",
                  null);

      assertThat(r.deadlineReached()).isTrue();
      assertThat(r.applied()).isZero();
      assertThat(r.error())
          .startsWith("stopped before batch 1 of 1: throttled by Route 53")
          .contains("nothing of it was applied");
      assertThat(http.sent()).as("the throttled attempt only").hasSize(1);
      // had the refused retry taken its 30 tokens, the next 30 would wait 6 s
      assertThat(Route53Clients.changePacingWait(c, 30))
          .as("the refused retry took no tokens")
          .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
    }
  }
}
