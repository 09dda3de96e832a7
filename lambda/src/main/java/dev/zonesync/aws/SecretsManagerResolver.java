package dev.zonesync.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonesync.config.SecretResolver;
import dev.zonesync.config.SecretText;
import dev.zonesync.config.SecretUnavailableException;
import dev.zonesync.config.TsigKeySpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * TSIG secrets from AWS Secrets Manager ({@code GetSecretValue}), by ARN. One client per region
 * (taken from the ARN), created on first use; values cached for a few minutes so a rotation is
 * picked up without a cold start, and never fetched during initialisation (SnapStart-safe).
 */
public final class SecretsManagerResolver implements SecretResolver {

  private static final Duration CACHE_FOR = Duration.ofMinutes(10);

  private final Function<String, AwsJsonClient> clientForRegion;
  private final Map<String, AwsJsonClient> clients = new ConcurrentHashMap<>();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(String value, long expiresNanos) {}

  /** From the environment: endpoint ({@code AWS_ENDPOINT_URL_SECRETS_MANAGER}...), credentials. */
  public SecretsManagerResolver() {
    this(region -> AwsEnvironment.client(AwsJsonService.SECRETS_MANAGER, region));
  }

  /**
   * @param clientForRegion a client for the ARN's region ("" when the ARN names none)
   */
  SecretsManagerResolver(Function<String, AwsJsonClient> clientForRegion) {
    this.clientForRegion = clientForRegion;
  }

  @Override
  public String base64Secret(TsigKeySpec key) {
    String arn = key.secret().secretsManagerArn();
    Cached c = cache.get(arn);
    if (c != null && System.nanoTime() - c.expiresNanos < 0) {
      return c.value;
    }
    String prefix = "TSIG key " + key.name() + ": ";
    JsonNode answer;
    AwsJsonClient client;
    try {
      client = client(arn);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new SecretUnavailableException(
          prefix + "cannot read secret " + arn + ": " + e.getMessage(), e);
    }
    try {
      answer = client.call("GetSecretValue", AwsJsonClient.object().put("SecretId", arn));
    } catch (AwsCallException e) {
      throw new SecretUnavailableException(
          prefix + "cannot read secret " + arn + " (" + e.getMessage() + "); " + hint(e, client),
          e);
    }
    JsonNode stored = answer.get("SecretString");
    if (stored == null || !stored.isTextual()) {
      throw new SecretUnavailableException(
          prefix
              + "secret "
              + arn
              + (answer.has("SecretBinary")
                  ? " holds a binary value (SecretBinary); store the TSIG secret as text"
                      + " (SecretString, e.g. --secret-string file://key.conf)"
                  : " has no SecretString"));
    }
    String b64 = SecretText.extract(stored.asText());
    if (b64 == null) {
      throw new SecretUnavailableException(
          prefix
              + "secret "
              + arn
              + " holds no base64 secret (store the secret, a tsig-keygen key statement, or"
              + " {\"secret\": ...})");
    }
    cache.put(arn, new Cached(b64, System.nanoTime() + CACHE_FOR.toNanos()));
    return b64;
  }

  private static String hint(AwsCallException e, AwsJsonClient client) {
    return switch (e.kind()) {
      case NETWORK ->
          "the Lambda subnets need HTTPS to "
              + client.endpoint()
              + ": a NAT gateway or a secretsmanager interface VPC endpoint";
      case CREDENTIALS -> "the function's role (or the CLI's profile) provides them";
      case SERVICE ->
          switch (e.errorCode()) {
            case "ResourceNotFoundException" ->
                "no such secret in "
                    + client.region()
                    + ": check the full ARN (with its 6-character suffix) in"
                    + " tsigKeys[].secret.secretsManagerArn";
            case "AccessDeniedException" ->
                "the function's role needs secretsmanager:GetSecretValue on this ARN (and"
                    + " kms:Decrypt via Secrets Manager if a customer managed key encrypts it)";
            case "DecryptionFailure" ->
                "Secrets Manager cannot decrypt it: check the KMS key policy and kms:Decrypt";
            case "InvalidRequestException" ->
                "check the secret's state (e.g. scheduled for deletion)";
            default -> "check the ARN and the function's secretsmanager:GetSecretValue permission";
          };
    };
  }

  private AwsJsonClient client(String arn) {
    String[] parts = arn.split(":");
    String region = parts.length > 3 ? parts[3] : "";
    return clients.computeIfAbsent(region, clientForRegion);
  }
}
