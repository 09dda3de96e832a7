package dev.zonesync.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zonesync.config.ConfigFile;
import dev.zonesync.config.SecretUnavailableException;
import dev.zonesync.config.TsigKeySpec;
import dev.zonesync.model.DnsName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Error mapping and caching against recorded, AWS-shaped answers (moto: SecretsManagerIT). */
class SecretsManagerResolverTest {

  private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ=";
  private static final String ARN =
      "arn:aws:secretsmanager:eu-central-1:123456789012:secret:zonesync/tsig-AbCdEf";

  private final AwsHttpStub stub = AwsHttpStub.scripted();
  private final List<String> regionsAsked = new ArrayList<>();
  private final SecretsManagerResolver resolver =
      new SecretsManagerResolver(
          region -> {
            regionsAsked.add(region);
            return new TestClients()
                .client(AwsJsonService.SECRETS_MANAGER, region, stub.endpoint());
          });

  private static TsigKeySpec key(String arn) {
    return new TsigKeySpec(
        DnsName.of("transfer-key."), "hmac-sha256", new ConfigFile.SecretRef(null, null, arn));
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void base64Secret_readsTheSecretString_signedForTheArnsRegion_andCachesIt() {
    stub.then(
        200,
        "{\"ARN\":\""
            + ARN
            + "\",\"Name\":\"zonesync/tsig\",\"SecretString\":"
            + "\"key \\\"transfer-key\\\" {\\n\\talgorithm hmac-sha256;\\n\\tsecret \\\""
            + SECRET
            + "\\\";\\n};\\n\",\"VersionId\":\"v1\"}");

    assertThat(resolver.base64Secret(key(ARN))).isEqualTo(SECRET);
    assertThat(resolver.base64Secret(key(ARN))).isEqualTo(SECRET);

    assertThat(stub.received()).hasSize(1); // the second read came from the cache
    assertThat(regionsAsked).containsExactly("eu-central-1");
    AwsHttpStub.Received r = stub.received().get(0);
    assertThat(r.header("X-Amz-Target")).isEqualTo("secretsmanager.GetSecretValue");
    assertThat(r.body()).isEqualTo("{\"SecretId\":\"" + ARN + "\"}");
    assertThat(r.header("Authorization")).contains("/eu-central-1/secretsmanager/aws4_request");
  }

  @Test
  void base64Secret_whenResourceNotFound_namesKeyArnCodeAndWhatToCheck() {
    stub.then(
        400,
        "{\"__type\":\"ResourceNotFoundException\","
            + "\"Message\":\"Secrets Manager can't find the specified secret.\"}");

    SecretUnavailableException e =
        catchThrowableOfType(
            SecretUnavailableException.class, () -> resolver.base64Secret(key(ARN)));

    assertThat(e.getMessage())
        .startsWith("TSIG key transfer-key.: cannot read secret " + ARN + " (")
        .contains("ResourceNotFoundException: Secrets Manager can't find the specified secret.")
        .contains("no such secret in eu-central-1")
        .contains("tsigKeys[].secret.secretsManagerArn");
  }

  @Test
  void base64Secret_whenAccessDenied_namesTheIamAction() {
    stub.then(
        400,
        "{\"__type\":\"AccessDeniedException\",\"Message\":\"User: arn:aws:sts::123456789012:"
            + "assumed-role/zs/fn is not authorized to perform: secretsmanager:GetSecretValue on"
            + " resource: "
            + ARN
            + " because no identity-based policy allows the"
            + " secretsmanager:GetSecretValue action\"}");

    SecretUnavailableException e =
        catchThrowableOfType(
            SecretUnavailableException.class, () -> resolver.base64Secret(key(ARN)));

    assertThat(e.getMessage())
        .contains("AccessDeniedException")
        .contains("the function's role needs secretsmanager:GetSecretValue on this ARN");
  }

  @Test
  void base64Secret_whenThrottledThenOk_returnsTheSecret() {
    stub.then(400, "{\"__type\":\"ThrottlingException\",\"Message\":\"Rate exceeded\"}")
        .then(200, "{\"SecretString\":\"" + SECRET + "\"}");

    assertThat(resolver.base64Secret(key(ARN))).isEqualTo(SECRET);
    assertThat(stub.received()).hasSize(2);
  }

  @Test
  void base64Secret_whenServiceErrorsPersist_failsNamingTheCode() {
    for (int i = 0; i < 3; i++) {
      stub.then(500, "{\"__type\":\"InternalServiceError\",\"Message\":\"try again\"}");
    }

    SecretUnavailableException e =
        catchThrowableOfType(
            SecretUnavailableException.class, () -> resolver.base64Secret(key(ARN)));

    assertThat(stub.received()).hasSize(3);
    assertThat(e.getMessage()).contains(ARN).contains("HTTP 500 InternalServiceError");
  }

  @Test
  void base64Secret_whenTheSecretIsBinary_saysStoreItAsText_withoutTheValue() {
    stub.then(200, "{\"ARN\":\"" + ARN + "\",\"SecretBinary\":\"" + SECRET + "\"}");

    SecretUnavailableException e =
        catchThrowableOfType(
            SecretUnavailableException.class, () -> resolver.base64Secret(key(ARN)));

    assertThat(e.getMessage())
        .contains(ARN)
        .contains("holds a binary value (SecretBinary); store the TSIG secret as text")
        .doesNotContain(SECRET);
  }

  @Test
  void base64Secret_whenTheTextHoldsNoSecret_failsWithoutQuotingIt() {
    stub.then(200, "{\"SecretString\":\"hunter2 is my password\"}");

    SecretUnavailableException e =
        catchThrowableOfType(
            SecretUnavailableException.class, () -> resolver.base64Secret(key(ARN)));

    assertThat(e.getMessage()).contains("holds no base64 secret").doesNotContain("hunter2");
  }
}
