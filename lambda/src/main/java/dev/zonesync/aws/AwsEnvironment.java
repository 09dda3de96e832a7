package dev.zonesync.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * What the SDK would take from the environment, shared by the SSM and Secrets Manager adapters: the
 * default credentials chain (on Lambda the role's keys and session token from the environment), the
 * default region chain ({@code AWS_REGION}, profile, instance metadata) and one HTTP client.
 * Nothing here touches the network until a call is made (SnapStart-safe).
 */
final class AwsEnvironment {

  private AwsEnvironment() {}

  private static final class Shared {
    static final AwsCredentialsProvider CREDENTIALS = DefaultCredentialsProvider.builder().build();
    static final SdkHttpClient HTTP = AwsJsonClient.defaultHttpClient();
  }

  /** A client for {@code service} in {@code region}, or in the environment's region if null. */
  static AwsJsonClient client(AwsJsonService service, String region) {
    String r = region != null && !region.isEmpty() ? region : region(service);
    return new AwsJsonClient(
        service,
        r,
        service.endpoint(r, System.getenv()),
        Shared.CREDENTIALS,
        Shared.HTTP,
        AwsJsonClient.Retry.STANDARD);
  }

  private static String region(AwsJsonService service) {
    try {
      return new DefaultAwsRegionProviderChain().getRegion().id();
    } catch (SdkClientException e) {
      throw new IllegalStateException(
          "no AWS region for "
              + service.serviceId()
              + ": set AWS_REGION (the Lambda runtime sets it) or a profile region",
          e);
    }
  }
}
