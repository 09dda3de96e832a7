package dev.zonesync.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.config.ConfigException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Error mapping and paging against recorded, AWS-shaped answers (moto: SsmParameterSourceIT). */
class SsmParameterSourceTest {

  private final AwsHttpStub stub = AwsHttpStub.scripted();
  private final SsmParameterSource ssm =
      new SsmParameterSource(
          new TestClients().client(AwsJsonService.SSM, "eu-west-1", stub.endpoint()));

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void byPath_followsNextToken_recursiveAndDecrypted() throws IOException {
    stub.then(
            200,
            "{\"Parameters\":[{\"Name\":\"/zs/config/001\",\"Type\":\"String\",\"Value\":\"b\"},"
                + "{\"Name\":\"/zs/config/000\",\"Type\":\"SecureString\",\"Value\":\"a\"}],"
                + "\"NextToken\":\"AAEAAx-token\"}")
        .then(
            200,
            "{\"Parameters\":[{\"Name\":\"/zs/config/x/002\",\"Type\":\"String\",\"Value\":\"c\"}]}");

    assertThat(ssm.byPath("/zs/config"))
        .containsExactly(
            java.util.Map.entry("/zs/config/000", "a"),
            java.util.Map.entry("/zs/config/001", "b"),
            java.util.Map.entry("/zs/config/x/002", "c"));

    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(stub.received().get(0).body());
    JsonNode second = json.readTree(stub.received().get(1).body());
    assertThat(first.path("Path").asText()).isEqualTo("/zs/config");
    assertThat(first.path("Recursive").asBoolean()).isTrue();
    assertThat(first.path("WithDecryption").asBoolean()).isTrue();
    assertThat(first.has("NextToken")).isFalse();
    assertThat(second.path("NextToken").asText()).isEqualTo("AAEAAx-token");
    assertThat(stub.received().get(0).header("X-Amz-Target"))
        .isEqualTo("AmazonSSM.GetParametersByPath");
  }

  @Test
  void get_whenParameterNotFound_namesTheParameterAndZonesyncConfig() {
    stub.then(400, "{\"__type\":\"ParameterNotFound\"}");

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ssm.get("/zs/conf"));

    assertThat(e.getMessage())
        .startsWith("cannot read SSM parameter /zs/conf (")
        .contains("ParameterNotFound")
        .contains("does not exist in eu-west-1")
        .contains("ZONESYNC_CONFIG");
    assertThat(e.getCause()).isInstanceOf(AwsCallException.class);
  }

  @Test
  void byPath_whenAccessDenied_namesThePathAndTheIamAction() {
    stub.then(
        400,
        "{\"__type\":\"AccessDeniedException\",\"Message\":\"User: arn:aws:sts::123456789012:"
            + "assumed-role/zs/fn is not authorized to perform: ssm:GetParametersByPath on resource:"
            + " arn:aws:ssm:eu-west-1:123456789012:parameter/zs/config because no identity-based"
            + " policy allows the ssm:GetParametersByPath action\"}");

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ssm.byPath("/zs/config"));

    assertThat(e.getMessage())
        .startsWith("cannot read SSM parameters under /zs/config (")
        .contains("AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/zs/fn")
        .contains("the function's role needs ssm:GetParametersByPath on it");
  }

  @Test
  void byPath_whenThrottledThenOk_returnsTheParameters() {
    stub.then(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")
        .then(200, "{\"Parameters\":[{\"Name\":\"/zs/a\",\"Value\":\"1\"}]}");

    assertThat(ssm.byPath("/zs")).containsExactly(java.util.Map.entry("/zs/a", "1"));
    assertThat(stub.received()).hasSize(2);
  }

  @Test
  void get_whenServerErrorsPersist_saysWhatFailed() {
    for (int i = 0; i < 3; i++) {
      stub.then(500, "{\"__type\":\"InternalServerError\",\"message\":\"\"}");
    }

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ssm.get("/zs/conf"));

    assertThat(stub.received()).hasSize(3);
    assertThat(e.getMessage())
        .contains("SSM parameter /zs/conf")
        .contains("HTTP 500 InternalServerError")
        .contains("ssm:GetParameter");
  }

  @Test
  void get_whenTheEndpointIsUnreachable_namesItAndNatOrVpcEndpoint() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port);
    SsmParameterSource unreachable =
        new SsmParameterSource(new TestClients().client(AwsJsonService.SSM, "eu-west-1", closed));

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> unreachable.get("/zs/conf"));

    assertThat(e.getMessage())
        .contains("SSM parameter /zs/conf")
        .contains("no answer")
        .contains("the function needs HTTPS to " + closed)
        .contains("NAT gateway or an ssm interface VPC endpoint");
  }
}
