package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;

class Route53ClientsTest {

  private static Route53Exception error(int status, String code) {
    return (Route53Exception)
        Route53Exception.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
  }

  @Test
  void throttlingCodes_areRetriedWithThrottlingBackoff() {
    assertThat(Route53Clients.throttling(error(400, "Throttling"))).isTrue();
    assertThat(Route53Clients.throttling(error(400, "PriorRequestNotComplete"))).isTrue();
    assertThat(Route53Clients.retryable(error(400, "PriorRequestNotComplete"))).isTrue();
  }

  @Test
  void onlyThrottling_saysTheAccountsRateWasExceeded() {
    assertThat(Route53Clients.rateExceeded(error(400, "Throttling"))).isTrue();
    // one hosted zone still applying a change, not the account's rate
    assertThat(Route53Clients.rateExceeded(error(400, "PriorRequestNotComplete"))).isFalse();
    assertThat(Route53Clients.rateExceeded(error(503, "ServiceUnavailable"))).isFalse();
    assertThat(Route53Clients.rateExceeded(error(502, null))).isFalse();
  }

  @Test
  void errorCode_isReadFromRoute53sErrorResponse() {
    assertThat(
            Route53Clients.MeteringInterceptor.errorCode(
                "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                    + "<Message>Rate exceeded</Message></Error></ErrorResponse>"))
        .isEqualTo("Throttling");
    assertThat(Route53Clients.MeteringInterceptor.errorCode("<html>502 Bad Gateway</html>"))
        .isEmpty();
  }

  @Test
  void serverErrors_areRetriedButOtherClientErrorsAreNot() {
    assertThat(Route53Clients.retryable(error(503, "ServiceUnavailable"))).isTrue();
    assertThat(Route53Clients.retryable(error(400, "InvalidChangeBatch"))).isFalse();
  }

  @Test
  void retryable_byStatus_retriesOnlyTheServerErrorsARetryCanCure() {
    // status → retried (no throttling code): 501/505 answer every attempt the same
    Map<Integer, Boolean> table = new java.util.TreeMap<>();
    table.put(500, true);
    table.put(501, false);
    table.put(502, true);
    table.put(503, true);
    table.put(504, true);
    table.put(505, false);
    table.put(599, true);
    table.put(400, false);
    table.put(403, false);
    table.put(404, false);
    table.forEach(
        (status, retried) ->
            assertThat(Route53Clients.retryable(error(status, "InternalFailure")))
                .as("HTTP %d", status)
                .isEqualTo(retried));
  }

  @Test
  void errorsWithoutACode_areNotThrottlingAndDoNotBreakTheDecision() {
    // a gateway's HTML 502 or an emulator's bare 404 carry no parseable error code
    assertThat(Route53Clients.throttling(error(502, null))).isFalse();
    assertThat(Route53Clients.retryable(error(502, null))).isTrue();
    assertThat(Route53Clients.retryable(error(404, null))).isFalse();
  }

  @Test
  void changeCount_isTheChangeElementsOfAChangeBatch_andZeroForOtherRequests() {
    Change c =
        Change.builder()
            .action(ChangeAction.UPSERT)
            .resourceRecordSet(ResourceRecordSet.builder().name("a.example.").type("A").build())
            .build();
    ChangeResourceRecordSetsRequest three =
        ChangeResourceRecordSetsRequest.builder()
            .hostedZoneId("Z1")
            .changeBatch(ChangeBatch.builder().changes(List.of(c, c, c)).build())
            .build();
    assertThat(Route53Clients.MeteringInterceptor.changeCount(three)).isEqualTo(3);
    assertThat(
            Route53Clients.MeteringInterceptor.changeCount(
                ListResourceRecordSetsRequest.builder().hostedZoneId("Z1").build()))
        .isZero();
  }
}
