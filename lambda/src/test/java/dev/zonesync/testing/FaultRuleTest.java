package dev.zonesync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FaultRuleTest {
  private static final String CHANGE = "ChangeResourceRecordSets";
  private static final String LIST = "ListResourceRecordSets";

  private static List<Integer> faultedCalls(FaultRule r, List<String> ops) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      if (r.onCall(ops.get(i)) != null) {
        out.add(i + 1);
      }
    }
    return out;
  }

  @Test
  void nthCountsOnlyTheGivenOperation() {
    FaultRule r = FaultRule.nth(CHANGE, 3, HttpFault.throttling());
    List<String> ops = List.of(LIST, CHANGE, LIST, CHANGE, CHANGE, CHANGE, LIST);
    assertThat(faultedCalls(r, ops)).containsExactly(5); // the 3rd CHANGE is the 5th call
    assertThat(r.seen()).isEqualTo(4);
    assertThat(r.fired()).isEqualTo(1);
  }

  @Test
  void callsAndFirstAndAnyOperation() {
    assertThat(
            faultedCalls(
                FaultRule.calls(null, HttpFault.serverError(500), 1, 4),
                List.of(LIST, CHANGE, LIST, CHANGE)))
        .containsExactly(1, 4);
    assertThat(
            faultedCalls(
                FaultRule.first(LIST, 2, HttpFault.throttling()),
                List.of(CHANGE, LIST, LIST, LIST)))
        .containsExactly(2, 3);
  }

  @Test
  void fractionIsDeterministicForASeed() {
    List<String> ops = java.util.Collections.nCopies(200, CHANGE);
    List<Integer> a =
        faultedCalls(FaultRule.fraction(CHANGE, 0.3, 99, HttpFault.throttling()), ops);
    List<Integer> b =
        faultedCalls(FaultRule.fraction(CHANGE, 0.3, 99, HttpFault.throttling()), ops);
    List<Integer> c =
        faultedCalls(FaultRule.fraction(CHANGE, 0.3, 100, HttpFault.throttling()), ops);
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
    assertThat(a.size()).isBetween(40, 80);
    assertThat(faultedCalls(FaultRule.fraction(CHANGE, 0, 1, HttpFault.throttling()), ops))
        .isEmpty();
  }

  @Test
  void limitCapsFaults() {
    FaultRule r = FaultRule.always(null, HttpFault.connectionReset()).limit(2);
    assertThat(faultedCalls(r, List.of(LIST, LIST, LIST, LIST))).containsExactly(1, 2);
  }

  @Test
  void faultDescriptionsAndBodies() {
    assertThat(HttpFault.throttling().describe()).isEqualTo("Throttling(400)");
    assertThat(HttpFault.serverError(503).afterForwarding().describe())
        .isEqualTo("ServiceUnavailable(503)+afterForwarding");
    assertThat(HttpFault.throttling().body("rid"))
        .contains("<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">")
        .contains("<Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>")
        .contains("<RequestId>rid</RequestId>");
    assertThat(HttpFault.invalidChangeBatch("a <b>", "c").body("r"))
        .contains("<Code>InvalidChangeBatch</Code><Message>[a &lt;b&gt;, c]</Message>");
    assertThat(HttpFault.invalidChangeBatchLegacyShape("m1", "m2").body("r"))
        .contains("<InvalidChangeBatch xmlns=")
        .contains("<Messages><Message>m1</Message><Message>m2</Message></Messages>");
  }
}
