package dev.zonesync.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsJsonServiceTest {

  @Test
  void endpoint_defaultsToTheRegionalHostOfThePartition() {
    assertThat(AwsJsonService.SSM.endpoint("eu-west-1", Map.of()))
        .isEqualTo(URI.create("https://ssm.eu-west-1.amazonaws.com"));
    assertThat(AwsJsonService.SECRETS_MANAGER.endpoint("cn-north-1", Map.of()))
        .isEqualTo(URI.create("https://secretsmanager.cn-north-1.amazonaws.com.cn"));
    assertThat(AwsJsonService.SSM.endpoint("us-gov-west-1", Map.of()))
        .isEqualTo(URI.create("https://ssm.us-gov-west-1.amazonaws.com"));
  }

  @Test
  void endpoint_prefersTheServiceVariable_thenTheGeneralOne() {
    Map<String, String> both =
        Map.of(
            "AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:4566",
            "AWS_ENDPOINT_URL", "http://127.0.0.1:5000");
    assertThat(AwsJsonService.SECRETS_MANAGER.endpoint("eu-west-1", both))
        .isEqualTo(URI.create("http://127.0.0.1:4566"));
    assertThat(AwsJsonService.SSM.endpoint("eu-west-1", both))
        .isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(
            AwsJsonService.SSM.endpoint(
                "eu-west-1", Map.of("AWS_ENDPOINT_URL_SSM", " https://vpce.example:443 ")))
        .isEqualTo(URI.create("https://vpce.example:443"));
  }

  @Test
  void endpoint_ignoresVariablesWhenTold() {
    Map<String, String> env =
        Map.of(
            "AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:4566",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
    assertThat(AwsJsonService.SSM.endpoint("eu-west-1", env))
        .isEqualTo(URI.create("https://ssm.eu-west-1.amazonaws.com"));
  }

  @Test
  void endpoint_whenTheVariableIsNotAUrl_namesTheVariable() {
    assertThatThrownBy(
            () -> AwsJsonService.SSM.endpoint("eu-west-1", Map.of("AWS_ENDPOINT_URL_SSM", "ssm")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AWS_ENDPOINT_URL_SSM=ssm is not a valid endpoint URL");
  }

  @Test
  void route53Profiles_isRegional_andNamedByItsSdkServiceId() {
    assertThat(AwsJsonService.ROUTE53_PROFILES.endpoint("eu-central-1", Map.of()))
        .isEqualTo(URI.create("https://route53profiles.eu-central-1.amazonaws.com"));
    assertThat(AwsJsonService.ROUTE53_PROFILES.endpointVariable())
        .isEqualTo("AWS_ENDPOINT_URL_ROUTE53PROFILES");
    assertThat(
            AwsJsonService.ROUTE53_PROFILES.endpoint(
                "eu-central-1",
                Map.of(
                    "AWS_ENDPOINT_URL_ROUTE53PROFILES", "http://127.0.0.1:4566",
                    "AWS_ENDPOINT_URL", "http://127.0.0.1:5000")))
        .isEqualTo(URI.create("http://127.0.0.1:4566"));
  }
}
