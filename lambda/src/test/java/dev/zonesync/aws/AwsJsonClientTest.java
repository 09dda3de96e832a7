package dev.zonesync.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AwsJsonClientTest {

  private final AwsHttpStub stub = AwsHttpStub.scripted();
  private final TestClients clients = new TestClients();

  @AfterEach
  void stop() {
    stub.close();
  }

  private AwsJsonClient ssm() {
    return clients.client(AwsJsonService.SSM, "eu-west-1", stub.endpoint());
  }

  @Test
  void call_signsWithSigV4ForServiceAndRegion_andSendsTheSessionToken() throws Exception {
    stub.then(200, "{\"Parameter\":{\"Name\":\"/a\",\"Value\":\"v\"}}");

    JsonNode answer = ssm().call("GetParameter", AwsJsonClient.object().put("Name", "/a"));

    assertThat(answer.path("Parameter").path("Value").asText()).isEqualTo("v");
    AwsHttpStub.Received r = stub.received().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/");
    assertThat(r.header("X-Amz-Target")).isEqualTo("AmazonSSM.GetParameter");
    assertThat(r.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
    assertThat(r.body()).isEqualTo("{\"Name\":\"/a\"}");
    assertThat(r.header("X-Amz-Security-Token")).isEqualTo(TestClients.SESSION_TOKEN);
    String today =
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd"));
    assertThat(r.header("Authorization"))
        .startsWith(
            "AWS4-HMAC-SHA256 Credential="
                + TestClients.ACCESS_KEY
                + "/"
                + today
                + "/eu-west-1/ssm/aws4_request, SignedHeaders=")
        .contains("x-amz-security-token")
        .contains("x-amz-target")
        .containsPattern("Signature=[0-9a-f]{64}$");
    assertThat(SigV4Check.actualSignature(r))
        .isEqualTo(SigV4Check.expectedSignature(r, TestClients.SECRET_KEY));
  }

  @Test
  void call_whenThrottledThenOk_retriesAfterAJitteredDelay() {
    stub.then(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")
        .then(200, "{\"ok\":true}");

    JsonNode answer = ssm().call("GetParametersByPath", AwsJsonClient.object());

    assertThat(answer.path("ok").asBoolean()).isTrue();
    assertThat(stub.received()).hasSize(2);
    assertThat(clients.sleeps).hasSize(1);
    // throttling backs off from 500 ms (full jitter: [0, 500) before the 2nd attempt)
    assertThat(clients.sleeps.get(0)).isLessThan(Duration.ofMillis(500));
  }

  @Test
  void call_whenServerErrorPersists_givesUpAfterThreeAttempts_withStatusAndCode() {
    for (int i = 0; i < 3; i++) {
      stub.then(500, "{\"__type\":\"InternalServerError\"}");
    }

    AwsCallException e =
        catchThrowableOfType(
            AwsCallException.class, () -> ssm().call("GetParameter", AwsJsonClient.object()));

    assertThat(stub.received()).hasSize(3);
    assertThat(clients.sleeps).hasSize(2);
    assertThat(e.kind()).isEqualTo(AwsCallException.Kind.SERVICE);
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.errorCode()).isEqualTo("InternalServerError");
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.getMessage())
        .contains("SSM GetParameter at " + stub.endpoint())
        .contains("HTTP 500 InternalServerError");
  }

  @Test
  void call_whenAccessDenied_failsAtOnce_keepingTheAwsMessage() {
    stub.then(
        400,
        "{\"__type\":\"AccessDeniedException\",\"Message\":\"User: arn:aws:sts::123456789012:"
            + "assumed-role/zonesync/fn is not authorized to perform: ssm:GetParametersByPath\"}");

    AwsCallException e =
        catchThrowableOfType(
            AwsCallException.class,
            () -> ssm().call("GetParametersByPath", AwsJsonClient.object()));

    assertThat(stub.received()).hasSize(1);
    assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
    assertThat(e.getMessage())
        .contains("HTTP 400 AccessDeniedException: User: arn:aws:sts::123456789012:")
        .contains("not authorized to perform: ssm:GetParametersByPath");
  }

  @Test
  void call_readsNamespacedTypesAndTheErrorTypeHeader() {
    stub.then(400, "{\"__type\":\"com.amazonaws.ssm#ParameterNotFound\"}")
        .then(
            new AwsHttpStub.Answer(
                400,
                "",
                Map.of("x-amzn-ErrorType", "ValidationException:http://internal.amazon.com/")));

    AwsCallException first =
        catchThrowableOfType(
            AwsCallException.class, () -> ssm().call("GetParameter", AwsJsonClient.object()));
    AwsCallException second =
        catchThrowableOfType(
            AwsCallException.class, () -> ssm().call("GetParameter", AwsJsonClient.object()));

    assertThat(first.errorCode()).isEqualTo("ParameterNotFound");
    assertThat(second.errorCode()).isEqualTo("ValidationException");
  }

  @Test
  void call_whenAGatewayAnswersHtml_retriesAndNeverQuotesTheBody() {
    for (int i = 0; i < 3; i++) {
      stub.then(
          new AwsHttpStub.Answer(
              502, "<html>upstream said c2VjcmV0</html>", Map.of("Content-Type", "text/html")));
    }

    AwsCallException e =
        catchThrowableOfType(
            AwsCallException.class, () -> ssm().call("GetParameter", AwsJsonClient.object()));

    assertThat(stub.received()).hasSize(3);
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.errorCode()).isEmpty();
    assertThat(e.getMessage())
        .contains("HTTP 502")
        .doesNotContain("c2VjcmV0")
        .doesNotContain("html");
  }

  @Test
  void call_whenASuccessIsNotJson_failsWithoutQuotingIt() {
    stub.then(200, "SecretString=c2VjcmV0");

    AwsCallException e =
        catchThrowableOfType(
            AwsCallException.class, () -> ssm().call("GetParameter", AwsJsonClient.object()));

    assertThat(e.getMessage()).contains("not a JSON object (21 bytes)").doesNotContain("c2VjcmV0");
    assertThat(e.getCause()).isNull();
  }

  @Test
  void call_whenNothingListens_isANetworkFailure_afterRetries() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port);
    AwsJsonClient client = clients.client(AwsJsonService.SECRETS_MANAGER, "eu-west-1", closed);

    AwsCallException e =
        catchThrowableOfType(
            AwsCallException.class, () -> client.call("GetSecretValue", AwsJsonClient.object()));

    assertThat(e.kind()).isEqualTo(AwsCallException.Kind.NETWORK);
    assertThat(e.status()).isEqualTo(-1);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.getMessage())
        .startsWith("Secrets Manager GetSecretValue at " + closed + ": no answer (");
    assertThat(clients.sleeps).hasSize(2);
  }

  @Test
  void retry_delaysAreFullJitterUnderAnExponentialCap() {
    AwsJsonClient.Retry r = clients.retry(10);
    assertThat(r.delayBefore(2, false, () -> 0.999)).isEqualTo(Duration.ofMillis(99));
    assertThat(r.delayBefore(3, false, () -> 0.999)).isEqualTo(Duration.ofMillis(199));
    assertThat(r.delayBefore(4, true, () -> 0.999)).isEqualTo(Duration.ofMillis(1998));
    assertThat(r.delayBefore(9, true, () -> 0.999)).isEqualTo(Duration.ofMillis(4995));
    assertThat(r.delayBefore(9, true, () -> 0.0)).isEqualTo(Duration.ZERO);
  }

  @Test
  void post_sendsARestJsonRequestToItsPath_signedForTheServiceAndRegion() throws Exception {
    stub.then(200, "{\"ProfileResourceAssociation\":{\"Status\":\"CREATING\"}}");
    AwsJsonClient profiles =
        clients.client(AwsJsonService.ROUTE53_PROFILES, "eu-west-1", stub.endpoint());

    JsonNode answer =
        profiles.post(
            "AssociateResourceToProfile",
            "/profileresourceassociation",
            AwsJsonClient.object().put("Name", "a"));

    assertThat(answer.path("ProfileResourceAssociation").path("Status").asText())
        .isEqualTo("CREATING");
    AwsHttpStub.Received r = stub.received().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/profileresourceassociation");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("X-Amz-Target")).isNull();
    assertThat(r.body()).isEqualTo("{\"Name\":\"a\"}");
    assertThat(r.header("Authorization"))
        .containsPattern("/eu-west-1/route53profiles/aws4_request, SignedHeaders=");
    assertThat(SigV4Check.actualSignature(r))
        .isEqualTo(SigV4Check.expectedSignature(r, TestClients.SECRET_KEY));
  }

  @Test
  void post_keepsTheEndpointsOwnPath() {
    stub.then(200, "{}");
    AwsJsonClient profiles =
        clients.client(
            AwsJsonService.ROUTE53_PROFILES, "eu-west-1", stub.endpoint().resolve("/gateway/"));

    profiles.post("AssociateResourceToProfile", "/profileresourceassociation", object());

    assertThat(stub.received().get(0).path()).isEqualTo("/gateway/profileresourceassociation");
  }

  @Test
  void eachProtocolRefusesTheOthersCall() {
    AwsJsonClient profiles =
        clients.client(AwsJsonService.ROUTE53_PROFILES, "eu-west-1", stub.endpoint());
    assertThatThrownBy(() -> profiles.call("AssociateResourceToProfile", object()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ssm().post("GetParameter", "/", object()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(stub.received()).isEmpty();
  }

  @Test
  void observer_seesEachCall_eachAttempt_andEachThrottledAnswer() {
    stub.then(400, "{\"__type\":\"ThrottlingException\"}").then(200, "{}");
    java.util.List<String> seen = new java.util.ArrayList<>();
    AwsJsonClient client =
        new AwsJsonClient(
            AwsJsonService.SSM,
            "eu-west-1",
            stub.endpoint(),
            TestClients.CREDENTIALS,
            AwsJsonClient.defaultHttpClient(),
            clients.retry(3),
            new AwsJsonClient.Observer() {
              @Override
              public void call(String operation) {
                seen.add("call " + operation);
              }

              @Override
              public void attempt(String operation) {
                seen.add("attempt " + operation);
              }

              @Override
              public void throttled(String operation) {
                seen.add("throttled " + operation);
              }
            });

    client.call("GetParameter", object());

    assertThat(seen)
        .containsExactly(
            "call GetParameter",
            "attempt GetParameter",
            "throttled GetParameter",
            "attempt GetParameter");
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode object() {
    return AwsJsonClient.object();
  }
}
