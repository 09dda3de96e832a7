package dev.zonesync.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonesync.config.ConfigException;
import dev.zonesync.config.ParameterSource;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Configuration stored in SSM Parameter Store (read once per container): {@code GetParameter} and
 * {@code GetParametersByPath} (recursive, decrypted, every page), over {@link AwsJsonClient}.
 */
public final class SsmParameterSource implements ParameterSource {

  /** GetParametersByPath's maximum page size. */
  static final int PAGE_SIZE = 10;

  /** 100 000 parameters (Parameter Store's advanced-tier limit): more means a looping token. */
  private static final int MAX_PAGES = 10_000;

  private final AwsJsonClient client;

  /** From the environment: region, endpoint ({@code AWS_ENDPOINT_URL_SSM}...), credentials. */
  public SsmParameterSource() {
    this(create());
  }

  SsmParameterSource(AwsJsonClient client) {
    this.client = client;
  }

  private static AwsJsonClient create() {
    try {
      return AwsEnvironment.client(AwsJsonService.SSM, null);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new ConfigException("cannot read the configuration from SSM: " + e.getMessage(), e);
    }
  }

  @Override
  public String get(String name) {
    ObjectNode request = AwsJsonClient.object().put("Name", name).put("WithDecryption", true);
    JsonNode value;
    try {
      value = client.call("GetParameter", request).path("Parameter").get("Value");
    } catch (AwsCallException e) {
      throw failure("SSM parameter " + name, "ssm:GetParameter", e);
    }
    if (value == null || !value.isTextual()) {
      throw new ConfigException(
          "SSM parameter " + name + ": the GetParameter answer has no Parameter.Value",
          (Throwable) null);
    }
    return value.asText();
  }

  @Override
  public SortedMap<String, String> byPath(String path) {
    SortedMap<String, String> out = new TreeMap<>();
    String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      ObjectNode request =
          AwsJsonClient.object()
              .put("Path", path)
              .put("Recursive", true)
              .put("WithDecryption", true)
              .put("MaxResults", PAGE_SIZE);
      if (token != null) {
        request.put("NextToken", token);
      }
      JsonNode answer;
      try {
        answer = client.call("GetParametersByPath", request);
      } catch (AwsCallException e) {
        throw failure("SSM parameters under " + path, "ssm:GetParametersByPath", e);
      }
      for (JsonNode p : answer.path("Parameters")) {
        JsonNode name = p.get("Name");
        JsonNode value = p.get("Value");
        if (name == null || !name.isTextual() || value == null || !value.isTextual()) {
          throw new ConfigException(
              "SSM parameters under " + path + ": a GetParametersByPath entry lacks Name or Value",
              (Throwable) null);
        }
        out.put(name.asText(), value.asText());
      }
      JsonNode next = answer.get("NextToken");
      if (next == null || !next.isTextual() || next.asText().isEmpty()) {
        return out;
      }
      token = next.asText();
    }
    throw new ConfigException(
        "SSM parameters under "
            + path
            + ": GetParametersByPath did not end after "
            + MAX_PAGES
            + " pages",
        (Throwable) null);
  }

  /** Names what was read, the error, and what to check. */
  private ConfigException failure(String what, String action, AwsCallException e) {
    String hint =
        switch (e.kind()) {
          case NETWORK ->
              "the function needs HTTPS to "
                  + client.endpoint()
                  + ": a NAT gateway or an ssm interface VPC endpoint";
          case CREDENTIALS -> "the function's role (or the CLI's profile) provides them";
          case SERVICE ->
              switch (e.errorCode()) {
                case "ParameterNotFound" ->
                    "it does not exist in "
                        + client.region()
                        + ": check ZONESYNC_CONFIG (or --config) and the region";
                case "AccessDeniedException" ->
                    "the function's role needs "
                        + action
                        + " on it (and kms:Decrypt for a SecureString under a customer managed"
                        + " key)";
                case "ValidationException" -> "check the name in ZONESYNC_CONFIG (or --config)";
                default -> "check ZONESYNC_CONFIG (or --config) and " + action;
              };
        };
    return new ConfigException("cannot read " + what + " (" + e.getMessage() + "); " + hint, e);
  }
}
