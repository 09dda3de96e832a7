package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The learned rate on a fake clock, as tables: what each event does to the rate. The expected rates
 * are worked out by hand from the rules in {@link AdaptiveRate}'s comment (quiet interval 2 s, the
 * wait before a step above the last rate that held doubling from 2 s after each failed one).
 */
class AdaptiveRateTest {

  private enum Event {
    /** A caller asks for the rate (a probe step happens if one is due). */
    ASK,
    /** A caller asks for the rate and then has to wait for its tokens. */
    HELD,
    /** Route 53 answers Throttling to a request sent at {@code sentAt}. */
    THROTTLED,
    /** Route 53 accepts a request of {@code sentAt} tokens (the field reused for the count). */
    ACCEPTED,
    /** The pacer found its bucket full: nobody was held back. */
    IDLE
  }

  /** At {@code at} seconds, {@code event} happens; the rate is then {@code rate}. */
  private record Step(String what, double at, Event event, double sentAt, double rate) {
    static Step ask(String what, double at, double rate) {
      return new Step(what, at, Event.ASK, 0, rate);
    }

    static Step held(String what, double at, double rate) {
      return new Step(what, at, Event.HELD, 0, rate);
    }

    static Step throttled(String what, double at, double sentAt, double rate) {
      return new Step(what, at, Event.THROTTLED, sentAt, rate);
    }

    static Step accepted(double at, int tokens, double rate) {
      return new Step("Route 53 accepts " + tokens, at, Event.ACCEPTED, tokens, rate);
    }

    static Step idle(String what, double at, double rate) {
      return new Step(what, at, Event.IDLE, 0, rate);
    }
  }

  private static long nanos(double seconds) {
    return Math.round(seconds * 1e9);
  }

  private static void play(AdaptiveRate r, List<Step> table) {
    for (Step s : table) {
      double rate =
          switch (s.event()) {
            case ASK -> r.rateAt(nanos(s.at()));
            case HELD -> {
              double now = r.rateAt(nanos(s.at()));
              r.heldBack();
              yield now;
            }
            case THROTTLED -> {
              r.throttled(nanos(s.sentAt()), nanos(s.at()));
              yield r.rate();
            }
            case ACCEPTED -> {
              r.accepted((int) s.sentAt());
              yield r.rate();
            }
            case IDLE -> {
              r.idle();
              yield r.rate();
            }
          };
      assertThat(rate).as("at %s s: %s", s.at(), s.what()).isCloseTo(s.rate(), within(1e-9));
    }
  }

  @Test
  void startsAtHalfTheCeiling() {
    assertThat(new AdaptiveRate(400, 10, 0).rate()).isEqualTo(200);
    assertThat(new AdaptiveRate(8, 0.5, 0).rate()).isEqualTo(4);
  }

  @Test
  void throttle_halvesTheRate_oncePerOverload_downToTheFloor() {
    play(
        new AdaptiveRate(400, 10, 0),
        List.of(
            Step.throttled("a throttle halves the rate", 1, 0.9, 100),
            Step.throttled("sent before that decrease: already answered for", 1.1, 0.5, 100),
            Step.throttled("sent at the decrease itself: a new overload", 1.2, 1.0, 50),
            Step.throttled("sent after it: halves again", 1.4, 1.3, 25),
            Step.throttled("halves again", 1.6, 1.5, 12.5),
            Step.throttled("not below the floor", 1.8, 1.7, 10),
            Step.throttled("still the floor", 2.0, 1.9, 10)));
  }

  @Test
  void quiet_whileTheRateHoldsCallersBack_probesUp_neverAboveTheCeiling() {
    play(
        new AdaptiveRate(400, 10, 0),
        List.of(
            Step.held("the start, a caller waits", 0, 200),
            Step.ask("not quiet for 2 s yet", 1.9, 200),
            Step.held("quiet for 2 s, nothing throttled yet: doubles", 2, 400),
            Step.held("the ceiling", 4, 400),
            Step.held("still the ceiling", 6, 400)));
  }

  @Test
  void quiet_withoutCallersHeldBack_learnsNothing() {
    play(
        new AdaptiveRate(400, 10, 0),
        List.of(
            Step.ask("asked, not held back", 0, 200),
            Step.ask("an hour later: the rate was never tested", 3600, 200),
            Step.held("held back now", 3601, 200),
            Step.ask("quiet for 2 s since the last change of the rate, and held", 3603, 400)));
  }

  @Test
  void afterThrottles_aFailedStepGoesBackToTheLastRateThatHeld_andStepsHalfwayToTheLastThrottled() {
    play(
        new AdaptiveRate(1000, 10, 0),
        List.of(
            Step.throttled("from the start (500), nothing held yet: halves", 0, 0, 250),
            Step.held("held", 1, 250),
            Step.held("2 s quiet: 250 held; halfway to the throttled 500", 2, 375),
            Step.held("2 s quiet: 375 held; halfway to 500", 4, 437.5),
            Step.throttled(
                "a step above 375 failed: back to 375, the next step waits 4 s", 5, 4.5, 375),
            Step.held("too soon for a step", 6, 375),
            Step.held("4 s: halfway to the throttled 437.5", 9, 406.25),
            Step.throttled("failed again: back to 375, the next step waits 8 s", 10, 9.5, 375),
            Step.held("4 s: too soon now", 14, 375),
            Step.ask("8 s, held meanwhile: halfway to the throttled 406.25", 18, 390.625),
            Step.ask("idle for a long time: nothing changes", 100, 390.625),
            Step.held("a caller held back again", 101, 390.625),
            Step.ask("a step is due: halfway to 406.25", 102, 398.4375)));
  }

  @Test
  void probesNearTheLastThrottledRate_stepAtLeastTwoPercent() {
    play(
        new AdaptiveRate(1000, 10, 0),
        List.of(
            Step.held("500", 0, 500),
            Step.held("doubles to the ceiling", 2, 1000),
            Step.throttled("1000 fails: back to 500, which held; next step in 4 s", 3, 2.5, 500),
            Step.held("held", 3.5, 500),
            Step.held("4 s: halfway to 1000", 7, 750),
            Step.held("4 s: halfway", 11, 875),
            Step.held("4 s: halfway", 15, 937.5),
            Step.held("4 s: halfway", 19, 968.75),
            Step.held("4 s: halfway is under 2 %, so 2 %", 23, 988.125),
            Step.held("4 s: 2 % up, which the ceiling caps", 27, 1000)));
  }

  @Test
  void aThrottleAtARateThatHeld_forgetsIt_andHalves() {
    play(
        new AdaptiveRate(1000, 10, 0),
        List.of(
            Step.throttled("500 fails: 250", 0, 0, 250),
            Step.held("held", 1, 250),
            Step.held("2 s: 250 held; halfway to 500", 2, 375),
            Step.throttled("375 was a step above 250: back to 250", 3, 2.5, 250),
            Step.held("held", 4, 250),
            Step.throttled("throttled at 250, which had held: the bucket shrank", 5, 4.5, 125),
            Step.held("held", 6, 125),
            Step.held("2 s: nothing held any more, so a step: halfway to 250", 7, 187.5)));
  }

  @Test
  void aRateThatHoldsWhereItOnceWasThrottled_meansTheBucketGrew_andDoublesAgain() {
    play(
        new AdaptiveRate(1000, 10, 0),
        List.of(
            Step.throttled("500 fails: 250", 0, 0, 250),
            Step.held("held", 1, 250),
            Step.held("2 s: halfway to 500", 2, 375),
            Step.held("2 s: halfway to 500", 4, 437.5),
            Step.held("2 s: halfway", 6, 468.75),
            Step.held("2 s: halfway", 8, 484.375),
            Step.held("2 s: 2 %", 10, 494.0625),
            Step.held("2 s: 2 %, above the throttled 500", 12, 503.94375),
            Step.held("2 s: it held above the throttled 500: doubles (to the ceiling)", 14, 1000)));
  }

  /** Route 53 accepting 200 tokens in each second from {@code from} to {@code to}. */
  private static List<Step> route53Accepts200PerSecond(int from, int to) {
    List<Step> out = new java.util.ArrayList<>();
    for (int t = from; t <= to; t++) {
      out.add(new Step("Route 53 accepts 200", t - 0.01, Event.ACCEPTED, 200, Double.NaN));
    }
    return out;
  }

  private static List<Step> merged(List<Step> a, List<Step> b) {
    List<Step> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    out.sort(java.util.Comparator.comparingDouble(Step::at));
    return out;
  }

  @Test
  void
      afterTenSecondsOfMeasuring_stepsGoBackTo98PercentOfWhatRoute53LetThrough_andAboveIt2Percent() {
    AdaptiveRate r = new AdaptiveRate(1000, 10, 0);
    List<Step> events =
        List.of(
            Step.throttled("500 fails: 250; Route 53 is measured from now", 0, 0, 250),
            Step.held("held", 1, 250),
            Step.held("2 s: halfway to 500 (nothing measured for 10 s yet)", 2, 375),
            Step.throttled("a failed step: back to 250, next in 4 s", 3, 2.5, 250),
            Step.held("held", 4, 250),
            Step.held("4 s: halfway to 375", 7, 312.5),
            Step.throttled("failed: back to 250, next in 8 s", 8, 7.5, 250),
            Step.held("held", 9, 250),
            Step.held(
                "8 s: halfway would be 281.25; Route 53 let 200/s through: 2 % above what held",
                16, 255),
            Step.throttled("failed: back to 250", 17, 16.5, 250),
            Step.throttled("throttled at 250, which held: halves", 18, 17.5, 125),
            Step.held("held", 19, 125),
            Step.held("2 s: straight back to 98 % of the 200/s Route 53 let through", 20, 196),
            Step.held("held", 21, 196),
            Step.held("2 s: 2 % above it, not halfway to 250", 22, 199.92));
    for (Step s : merged(events, route53Accepts200PerSecond(1, 22))) {
      if (s.event() == Event.ACCEPTED) {
        r.accepted(200);
      } else {
        play(r, List.of(s));
      }
    }
  }

  @Test
  void anIdlePacer_endsTheMeasurement() {
    AdaptiveRate r = new AdaptiveRate(1000, 10, 0);
    List<Step> events =
        List.of(
            Step.throttled("500 fails: 250; measured from now", 0, 0, 250),
            Step.idle("nobody held back: Route 53's bucket may fill up again", 1, 250),
            Step.held("held", 11, 250),
            Step.held("2 s: halfway to 500, the 200/s no longer counts", 13, 375));
    for (Step s : merged(events, route53Accepts200PerSecond(1, 13))) {
      if (s.event() == Event.ACCEPTED) {
        r.accepted(200);
      } else {
        play(r, List.of(s));
      }
    }
  }

  @Test
  void floor_isLoweredToTheStart_whenTheCeilingIsBelowTwiceTheFloor() {
    AdaptiveRate r = new AdaptiveRate(1, 10, 0);
    assertThat(r.rate()).isEqualTo(0.5);
    assertThat(r.floor()).isEqualTo(0.5);
    r.throttled(0, 0);
    assertThat(r.rate()).isEqualTo(0.5);
  }

  @Test
  void ceilingAndFloor_mustBePositive() {
    assertThatThrownBy(() -> new AdaptiveRate(0, 10, 0)).hasMessageContaining("positive");
    assertThatThrownBy(() -> new AdaptiveRate(10, 0, 0)).hasMessageContaining("positive");
  }
}
