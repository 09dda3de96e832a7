package dev.zonesync.aws;

import dev.zonesync.config.SecretResolver;
import dev.zonesync.config.SecretText;
import dev.zonesync.config.SecretUnavailableException;
import dev.zonesync.config.TsigKeySpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * TSIG secrets from AWS Secrets Manager, by ARN. One client per region (taken from the ARN),
 * created on first use; values cached for a few minutes so a rotation is picked up without a cold
 * start, and never fetched during initialisation (SnapStart-safe).
 */
public final class SecretsManagerResolver implements SecretResolver {

  private static final Duration CACHE_FOR = Duration.ofMinutes(10);

  private final Map<String, SecretsManagerClient> clients = new ConcurrentHashMap<>();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(String value, long expiresNanos) {}

  @Override
  public String base64Secret(TsigKeySpec key) {
    String arn = key.secret().secretsManagerArn();
    Cached c = cache.get(arn);
    if (c != null && System.nanoTime() - c.expiresNanos < 0) {
      return c.value;
    }
    String stored;
    try {
      stored =
          client(arn)
              .getSecretValue(GetSecretValueRequest.builder().secretId(arn).build())
              .secretString();
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      throw new SecretUnavailableException(
          "TSIG key "
              + key.name()
              + ": cannot read secret "
              + arn
              + " ("
              + code
              + "); check the ARN and the function's secretsmanager:GetSecretValue permission");
    } catch (SdkException e) {
      throw new SecretUnavailableException(
          "TSIG key "
              + key.name()
              + ": cannot reach Secrets Manager for "
              + arn
              + " ("
              + e.getClass().getSimpleName()
              + "); the Lambda subnets need a NAT or a Secrets Manager VPC endpoint");
    }
    String b64 = SecretText.extract(stored);
    if (b64 == null) {
      throw new SecretUnavailableException(
          "TSIG key "
              + key.name()
              + ": secret "
              + arn
              + " holds no base64 secret (store the secret, a tsig-keygen key statement, or"
              + " {\"secret\": ...})");
    }
    cache.put(arn, new Cached(b64, System.nanoTime() + CACHE_FOR.toNanos()));
    return b64;
  }

  private SecretsManagerClient client(String arn) {
    String[] parts = arn.split(":");
    String region = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
    return clients.computeIfAbsent(
        region == null ? "" : region,
        r -> {
          var b =
              SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
          if (!r.isEmpty()) {
            b.region(Region.of(r));
          }
          return b.build();
        });
  }
}
