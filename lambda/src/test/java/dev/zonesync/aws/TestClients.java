package dev.zonesync.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/** Clients for tests: fixed session credentials, the production HTTP client, recorded sleeps. */
final class TestClients {

  static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLEsessionTOKEN";
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN));

  private static final SdkHttpClient HTTP = AwsJsonClient.defaultHttpClient();

  /** Delays the client asked to sleep (it does not really sleep). */
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  AwsJsonClient.Retry retry(int maxAttempts) {
    return new AwsJsonClient.Retry(
        maxAttempts,
        Duration.ofMillis(100),
        Duration.ofMillis(500),
        Duration.ofSeconds(5),
        sleeps::add);
  }

  AwsJsonClient client(AwsJsonService service, String region, URI endpoint) {
    return new AwsJsonClient(service, region, endpoint, CREDENTIALS, HTTP, retry(3));
  }
}
