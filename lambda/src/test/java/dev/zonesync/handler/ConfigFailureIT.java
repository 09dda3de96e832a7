package dev.zonesync.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.Samples;
import dev.zonesync.testing.MotoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped jar, invoked like the runtime does (LocalInvoke) with its configuration in a real
 * (moto) SSM parameter that someone edited into invalid YAML: the invocation fails, an ERROR line
 * names the parameter and the problem, and the ConfigurationErrors metric is written.
 */
class ConfigFailureIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PARAMETER = "/zonesync/it/broken-config";

  private static void putParameter(URI endpoint, String name, String value) throws Exception {
    String body =
        JSON.writeValueAsString(
            JSON.createObjectNode()
                .put("Name", name)
                .put("Value", value)
                .put("Type", "String")
                .put("Overwrite", true));
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint)
                    .header("X-Amz-Target", "AmazonSSM.PutParameter")
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/ssm/"
                            + "aws4_request, SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void brokenYamlInSsm_failsTheInvocation_logsTheParameter_andWritesConfigurationErrors()
      throws Exception {
    MotoServer moto = MotoServer.shared();
    // a hand edit that left a tab and an unclosed list
    putParameter(moto.endpoint(), PARAMETER, "version: 1\nzones:\n\t- name: [corp.example.\n");
    // failsafe sets zonesync.projectRoot (lambda/pom.xml)
    Path jar =
        Path.of(System.getProperty("zonesync.projectRoot", ".."))
            .resolve("lambda/target/zonesync.jar");
    assertThat(jar).as("run through failsafe, after package").exists();
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            jar.toString(),
            LocalInvoke.class.getName(),
            Samples.event("scheduled-event.json").toString());
    pb.environment().put("ZONESYNC_CONFIG", "ssm:" + PARAMETER);
    pb.environment().put("AWS_ENDPOINT_URL", moto.endpoint().toString());
    pb.environment().put("AWS_REGION", "us-east-1");
    pb.environment().put("AWS_ACCESS_KEY_ID", MotoServer.DUMMY_CREDENTIALS.accessKeyId());
    pb.environment().put("AWS_SECRET_ACCESS_KEY", MotoServer.DUMMY_CREDENTIALS.secretAccessKey());
    Path out = Files.createTempFile("config-failure", ".out");
    Path err = Files.createTempFile("config-failure", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(stdout + stderr).isNotZero();
    assertThat(stderr).contains("ConfigException").contains("SSM parameter " + PARAMETER);

    List<JsonNode> lines = new ArrayList<>();
    for (String l : stdout.split("\n")) {
      if (l.startsWith("{")) {
        lines.add(JSON.readTree(l));
      }
    }
    JsonNode error =
        lines.stream()
            .filter(n -> n.path("level").asText().equals("ERROR"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ERROR line in " + stdout));
    assertThat(error.path("message").asText())
        .contains("configuration error in ssm:" + PARAMETER)
        .contains("SSM parameter " + PARAMETER)
        .contains("fix: correct ssm:" + PARAMETER);
    assertThat(error.path("configLocation").asText()).isEqualTo("ssm:" + PARAMETER);
    assertThat(error.path("cold_start").asBoolean()).isTrue();

    JsonNode doc =
        lines.stream()
            .filter(n -> n.has("ConfigurationErrors"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ConfigurationErrors document in " + stdout));
    JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(directive.path("Namespace").asText()).isEqualTo("ZoneSync");
    assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Function\"]]");
    assertThat(doc.path("Function").asText()).isEqualTo("zonesync-local");
    assertThat(doc.path("ConfigurationErrors").asDouble()).isEqualTo(1.0);
  }
}
