package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestPacerTest {

  @Test
  void pacer_allowsTheBurstThenOneRequestPerInterval() {
    AtomicLong clock = new AtomicLong();
    RequestPacer pacer = new RequestPacer(8, 10, clock::get);
    for (int i = 0; i < 10; i++) {
      assertThat(pacer.nextWaitNanos()).as("request %d of the burst", i + 1).isZero();
      pacer.acquire();
    }
    // the 11th waits one interval (1/8 s); after that interval it may go
    assertThat(pacer.nextWaitNanos()).isEqualTo(125_000_000L);
    clock.addAndGet(125_000_000L);
    assertThat(pacer.nextWaitNanos()).isZero();
  }

  @Test
  void pacer_neverSavesMoreThanTheBurst() {
    AtomicLong clock = new AtomicLong();
    RequestPacer pacer = new RequestPacer(8, 10, clock::get);
    clock.addAndGet(3_600_000_000_000L); // an hour idle
    for (int i = 0; i < 10; i++) {
      pacer.acquire();
    }
    // the burst is spent: the next request waits one interval at 8/s (ceil of a double: ±1 ns)
    assertThat(pacer.nextWaitNanos())
        .isCloseTo(125_000_000L, org.assertj.core.api.Assertions.within(1L));
  }

  /** One step of a table: let time pass, take n tokens, expect to be told to wait so long. */
  private record Step(String what, long idleMs, int n, long expectedWaitMs) {}

  @Test
  void changeBucket_takesNTokensPerBatch_andABatchLargerThanTheBurstWaitsForNTokensOfRefill() {
    // 100 changes/s (one per 10 ms), burst 50; the caller sleeps exactly the wait it is told
    List<Step> table =
        List.of(
            new Step("first batch from the full bucket", 0, 30, 0),
            new Step("the rest of the burst", 0, 20, 0),
            new Step("empty bucket: 10 changes need 100 ms", 0, 10, 100),
            new Step("200 ms idle refilled 20; 50 need 30 more", 200, 50, 300),
            new Step("a batch of exactly the burst after a long pause", 10_000, 50, 0),
            new Step(
                "10 s idle refills only up to the burst (50); 120 need 70 more", 10_000, 120, 700),
            new Step("the bucket is empty after a batch larger than the burst", 0, 1, 10),
            new Step("an hour idle still saves only the burst", 3_600_000, 51, 10));
    AtomicLong clock = new AtomicLong();
    RequestPacer bucket = new RequestPacer(100, 50, clock::get);
    for (Step s : table) {
      clock.addAndGet(s.idleMs() * 1_000_000L);
      assertThat(bucket.nextWaitNanos(s.n()) / 1_000_000.0)
          .as(s.what())
          .isEqualTo(s.expectedWaitMs());
      long waitNanos = bucket.reserve(s.n());
      assertThat(waitNanos / 1_000_000.0).as(s.what()).isEqualTo(s.expectedWaitMs());
      clock.addAndGet(waitNanos); // the caller sleeps, then sends
    }
  }

  @Test
  void changeBucket_queuesConcurrentCallersInOrder() {
    // two callers reserve at the same instant from an empty bucket: the second waits for both
    AtomicLong clock = new AtomicLong();
    RequestPacer bucket = new RequestPacer(100, 50, clock::get);
    bucket.reserve(50);
    assertThat(bucket.reserve(20)).isEqualTo(200_000_000L);
    assertThat(bucket.reserve(30)).isEqualTo(500_000_000L);
  }

  @Test
  void learningBucket_startsAtHalfTheCeiling_andAThrottleHalvesItAndEmptiesTheBucket() {
    AtomicLong clock = new AtomicLong();
    RequestPacer bucket = RequestPacer.learning(8, 0.5, 10, clock::get);
    assertThat(bucket.rate()).isEqualTo(4);
    // a full bucket: no wait; Route 53 throttles a request sent now
    assertThat(bucket.reserve(1)).isZero();
    bucket.throttled(clock.get());

    assertThat(bucket.rate()).isEqualTo(2);
    // 9 tokens were left; the throttle took them: one token at 2/s is 500 ms away
    assertThat(bucket.nextWaitNanos(1)).isEqualTo(500_000_000L);
  }

  @Test
  void learningBucket_aThrottleOfARequestSentBeforeTheLastDecrease_changesNothing() {
    AtomicLong clock = new AtomicLong();
    RequestPacer bucket = RequestPacer.learning(8, 0.5, 10, clock::get);
    long sentEarly = clock.get();
    clock.addAndGet(100_000_000L);
    bucket.throttled(clock.get());
    clock.addAndGet(1_000_000_000L); // 1 s at 2/s: two tokens back
    bucket.throttled(sentEarly);

    assertThat(bucket.rate()).isEqualTo(2);
    assertThat(bucket.nextWaitNanos(2)).isZero();
    assertThat(bucket.decreases()).isEqualTo(1);
  }

  @Test
  void fixedBucket_ignoresThrottles() {
    AtomicLong clock = new AtomicLong();
    RequestPacer bucket = new RequestPacer(8, 10, clock::get);
    bucket.throttled(clock.get());
    assertThat(bucket.rate()).isEqualTo(8);
    assertThat(bucket.nextWaitNanos(10)).isZero();
  }

  @Test
  void reserveWithin_takesNothing_whenTheWaitWouldBeLonger() {
    AtomicLong clock = new AtomicLong();
    RequestPacer bucket = new RequestPacer(100, 50, clock::get);
    bucket.reserve(50);
    // 20 tokens need 200 ms
    assertThat(bucket.reserveWithin(20, 199_999_999L)).isEqualTo(-1);
    assertThat(bucket.nextWaitNanos(20)).as("nothing taken").isEqualTo(200_000_000L);
    assertThat(bucket.reserveWithin(20, 200_000_000L)).isEqualTo(200_000_000L);
    assertThat(bucket.nextWaitNanos(1)).as("taken").isEqualTo(210_000_000L);
  }

  @Test
  void learningBucket_whileItHoldsCallersBack_probesUpAfterAQuietInterval() {
    AtomicLong clock = new AtomicLong();
    RequestPacer bucket = RequestPacer.learning(8, 0.5, 1, clock::get);
    // 4/s, burst 1: the second request of an instant waits 250 ms
    assertThat(bucket.reserve(1)).isZero();
    assertThat(bucket.reserve(1)).isEqualTo(250_000_000L);
    bucket.accepted(1);
    clock.addAndGet(2_000_000_000L);
    assertThat(bucket.rate()).as("one request accepted: too little to go by").isEqualTo(4);
    bucket.accepted(1);

    assertThat(bucket.rate())
        .as("2 s quiet while callers waited, two requests accepted: doubled")
        .isEqualTo(8);
  }

  @Test
  void reserve_whenNoTokensAsked_isRejected() {
    RequestPacer bucket = new RequestPacer(100, 50, () -> 0L);
    assertThatThrownBy(() -> bucket.reserve(0)).hasMessageContaining(">= 1, got 0");
  }
}
