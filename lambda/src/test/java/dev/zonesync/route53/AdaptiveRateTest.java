package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The learned rate on a fake clock, as tables: what each event does to the rate. The expected rates
 * are worked out by hand from the rules in {@link AdaptiveRate}'s comment (quiet interval 2 s, 2
 * requests accepted at a rate before it steps up, estimates from throttles at least 5 s apart).
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
      return new Step("Route 53 accepts a request of " + tokens, at, Event.ACCEPTED, tokens, rate);
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
      if (!Double.isNaN(s.rate())) {
        assertThat(rate).as("at %s s: %s", s.at(), s.what()).isCloseTo(s.rate(), within(1e-9));
      }
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
  void quiet_whileTheRateHoldsCallersBackAndRoute53Accepts_stepsUp_neverAboveTheCeiling() {
    play(
        new AdaptiveRate(400, 10, 0),
        List.of(
            Step.held("the start, a caller waits", 0, 200),
            Step.accepted(0.5, 1, 200),
            Step.accepted(1.0, 1, 200),
            Step.ask("not quiet for 2 s yet", 1.9, 200),
            Step.held("2 s quiet, 2 accepted, nothing throttled yet: doubles", 2, 400),
            Step.accepted(3, 1, 400),
            Step.accepted(3.5, 1, 400),
            Step.held("the ceiling", 4, 400),
            Step.accepted(5, 1, 400),
            Step.accepted(5.5, 1, 400),
            Step.held("still the ceiling", 6, 400)));
  }

  @Test
  void noStep_withoutACallerHeldBack_orWithoutRoute53Accepting() {
    play(
        new AdaptiveRate(400, 10, 0),
        List.of(
            Step.ask("asked, not held back", 0, 200),
            Step.accepted(1, 1, 200),
            Step.accepted(1.5, 1, 200),
            Step.ask("an hour later: the rate was never what held callers back", 3600, 200),
            Step.held("held back now", 3601, 200),
            Step.ask("held, 2 accepted, quiet: a step", 3603, 400),
            Step.held("held", 3604, 400),
            Step.ask("quiet and held, but nothing accepted at 400: no step", 3606, 400),
            Step.accepted(3606.5, 1, 400),
            Step.accepted(3607, 1, 400),
            Step.ask("now 2 accepted: a step (to the ceiling)", 3607.5, 400)));
  }

  @Test
  void route53sRate_isMeasuredBetweenThrottles_andTheRateGoesStraightBackTo95PercentOfIt() {
    AdaptiveRate r = new AdaptiveRate(1000, 10, 0);
    List<Step> events =
        List.of(
            Step.throttled("500 throttled: 250; measuring from here", 0, 0, 250),
            Step.held("held", 1, 250),
            Step.held("2 s quiet, 2 accepted, nothing measured yet: halfway to 500", 2, 375),
            Step.throttled("Route 53 let 1200 through in 6 s: 200/s; halves", 6, 5.5, 187.5),
            Step.held("held", 7, 187.5),
            Step.held("2 s: straight back to 95 % of 200", 8, 190),
            Step.held("2 s: a step above it waits 4 s (375 failed above it)", 10, 190),
            Step.ask("4 s: 2 % up", 12, 193.8),
            Step.held("held", 14, 193.8),
            Step.ask("4 s: 2 % up", 16, 197.676),
            Step.throttled("200/s again over 11 s; halves", 17, 16.5, 98.838),
            Step.held("held", 18, 98.838),
            Step.ask("2 s: straight back to 190", 19, 190));
    play(r, merged(events, route53Accepts200PerSecond(1, 19)));
    assertThat(r.estimate()).isCloseTo(200, within(1e-9));
  }

  @Test
  void aLowerMeasurement_movesTheEstimateDownATenthAtMost_aHigherOneAtOnce() {
    AdaptiveRate r = new AdaptiveRate(1000, 10, 0);
    r.throttled(nanos(0), nanos(0));
    for (int t = 1; t <= 6; t++) {
      r.accepted(200);
    }
    r.throttled(nanos(5.5), nanos(6));
    assertThat(r.estimate()).as("1200 in 6 s").isCloseTo(200, within(1e-9));
    for (int t = 7; t <= 12; t++) {
      r.accepted(100);
    }
    r.throttled(nanos(11.5), nanos(12));
    assertThat(r.estimate())
        .as("600 in 6 s measures 100: a tenth down")
        .isCloseTo(180, within(1e-9));
    for (int t = 13; t <= 18; t++) {
      r.accepted(300);
    }
    r.throttled(nanos(17.5), nanos(18));
    assertThat(r.estimate()).as("1800 in 6 s: up at once").isCloseTo(300, within(1e-9));
    r.accepted(300);
    r.throttled(nanos(19.5), nanos(20));
    assertThat(r.estimate()).as("2 s: too short a span to measure").isCloseTo(300, within(1e-9));
  }

  @Test
  void aSpanInWhichThePacerIdled_measuresNothing() {
    AdaptiveRate r = new AdaptiveRate(1000, 10, 0);
    List<Step> events =
        List.of(
            Step.throttled("500 throttled: 250", 0, 0, 250),
            Step.idle("nobody held back: Route 53's bucket may fill and overflow", 1, 250),
            Step.throttled("no estimate from that span; halves", 6, 5.5, 125),
            Step.held("held", 7, 125),
            Step.ask("2 s: no estimate, so halfway to the throttled 250", 8, 187.5));
    play(r, merged(events, route53Accepts200PerSecond(1, 8)));
    assertThat(r.estimate()).isNaN();
  }

  /**
   * Route 53 accepting one request of 200 tokens in each second from {@code from} to {@code to}.
   */
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
