package dev.zonesync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The net change of one RRset over an IXFR of several versions, as a master streams it (each
 * version's deletions, then its additions). Expected values worked out by hand.
 */
class RRsetDeltaTest {

  /** {@code -v@ttl} deletes value v with that TTL, {@code +v@ttl} adds it; versions split by |. */
  static Stream<Arguments> histories() {
    return Stream.of(
        // one version
        Arguments.of("-a@300 +b@300", Set.of("a"), Set.of(), Set.of("b"), 300, 300),
        Arguments.of("-a@300 +a@600", Set.of(), Set.of("a"), Set.of(), 300, 600),
        // TTL raised in one version, the RRset deleted in the next: it had 300 before
        Arguments.of("-a@300 +a@600 | -a@600", Set.of("a"), Set.of(), Set.of(), 300, -1),
        // added in one version, deleted in the next: nothing happened to the RRset
        Arguments.of("+b@300 | -b@300", Set.of(), Set.of(), Set.of(), -1, -1),
        // a value added with a new TTL, then the RRset's old value deleted at the new TTL
        Arguments.of("-a@300 +a@600 +b@600 | -a@600", Set.of("a"), Set.of(), Set.of("b"), 300, 600),
        // an old value first touched in a later version still carries the RRset's TTL then
        Arguments.of("+b@300 | -a@300", Set.of("a"), Set.of(), Set.of("b"), 300, 300),
        // deleted, re-added, deleted again, re-added with another TTL
        Arguments.of("-a@60 | +a@120 | -a@120 | +a@180", Set.of(), Set.of("a"), Set.of(), 60, 180));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void build_overSeveralVersions_keepsTheTtlTheRRsetHadBefore(
      String history,
      Set<String> removed,
      Set<String> kept,
      Set<String> added,
      long removedTtl,
      long newTtl) {
    RRsetDelta.Builder b = new RRsetDelta.Builder();
    for (String step : history.split("\\s+")) {
      if (step.equals("|")) {
        continue;
      }
      String[] vt = step.substring(1).split("@");
      if (step.charAt(0) == '-') {
        b.delete(vt[0], Long.parseLong(vt[1]));
      } else {
        b.add(vt[0], Long.parseLong(vt[1]));
      }
    }
    assertThat(b.build()).isEqualTo(new RRsetDelta(removed, kept, added, removedTtl, newTtl));
  }
}
