package dev.zonesync.aws;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * An AWS API spoken as JSON 1.1 ({@code POST /}, {@code X-Amz-Target: <targetPrefix>.<Operation>})
 * or as REST-JSON (no target: the operation is its path), and where to reach it, resolved as the
 * AWS SDKs do from the environment: {@code AWS_ENDPOINT_URL_<SERVICE_ID>}, then {@code
 * AWS_ENDPOINT_URL} (both ignored when {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true}), else
 * {@code https://<endpointPrefix>.<region>.<dns suffix of the region's partition>} ({@code
 * amazonaws.com}, {@code amazonaws.com.cn}, ...).
 *
 * @param signingName the SigV4 service name in the credential scope
 * @param targetPrefix the {@code X-Amz-Target} prefix; null for a REST-JSON API
 * @param endpointPrefix the host's first label
 * @param serviceId the SDK service ID, which names the endpoint variable
 */
public record AwsJsonService(
    String signingName, String targetPrefix, String endpointPrefix, String serviceId) {

  static final AwsJsonService SSM = new AwsJsonService("ssm", "AmazonSSM", "ssm", "SSM");
  static final AwsJsonService SECRETS_MANAGER =
      new AwsJsonService("secretsmanager", "secretsmanager", "secretsmanager", "Secrets Manager");

  /** Route 53 Profiles: REST-JSON, regional ({@code route53profiles.<region>.amazonaws.com}). */
  public static final AwsJsonService ROUTE53_PROFILES =
      new AwsJsonService("route53profiles", null, "route53profiles", "Route53Profiles");

  public AwsJsonService {
    Objects.requireNonNull(signingName, "signingName");
    Objects.requireNonNull(endpointPrefix, "endpointPrefix");
    Objects.requireNonNull(serviceId, "serviceId");
  }

  /**
   * {@code AWS_ENDPOINT_URL_SSM}, {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, {@code
   * AWS_ENDPOINT_URL_ROUTE53PROFILES}.
   */
  public String endpointVariable() {
    return "AWS_ENDPOINT_URL_" + serviceId.toUpperCase(Locale.ROOT).replace(' ', '_');
  }

  /** The endpoint for {@code region}, honouring the endpoint variables in {@code env}. */
  public URI endpoint(String region, Map<String, String> env) {
    if (!"true".equalsIgnoreCase(env.getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", ""))) {
      for (String variable : new String[] {endpointVariable(), "AWS_ENDPOINT_URL"}) {
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
          return configured(variable, value.strip());
        }
      }
    }
    String suffix = PartitionMetadata.of(Region.of(region)).dnsSuffix();
    return URI.create("https://" + endpointPrefix + "." + region + "." + suffix);
  }

  private static URI configured(String variable, String value) {
    try {
      URI uri = new URI(value);
      if (uri.getHost() == null
          || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("not an http(s) URL with a host");
      }
      return uri;
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          variable + "=" + value + " is not a valid endpoint URL (e.g. https://host:port)", e);
    }
  }
}
