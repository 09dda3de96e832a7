package dev.zonesync.app;

import dev.zonesync.aws.AwsJsonClient;
import dev.zonesync.aws.SecretsManagerResolver;
import dev.zonesync.aws.SsmParameterSource;
import dev.zonesync.config.ConfigLoader;
import dev.zonesync.config.LocalSecretResolver;
import dev.zonesync.config.Settings;
import dev.zonesync.route53.ChangeApplier;
import dev.zonesync.route53.HostedZoneReader;
import dev.zonesync.route53.MeteredCalls;
import dev.zonesync.route53.Route53Clients;
import dev.zonesync.route53.Route53HostedZones;
import dev.zonesync.route53.Route53Profiles;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.SourceFactory;
import dev.zonesync.sync.port.HostedZoneLifecycle;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The composition root: the engine as both edges run it, its ports implemented by {@code route53}
 * and {@code source}; configuration from a location (file, {@code ssm:}, {@code ssm-path:}), the
 * Route 53 client it describes, TSIG secrets from the environment, files or Secrets Manager.
 */
public final class Engines {

  private Engines() {}

  /**
   * @throws dev.zonesync.config.ConfigException if the configuration is missing or invalid
   */
  public static Engine load(String location) {
    return load(location, sources -> sources);
  }

  /** As {@link #load(String)}, the sources wrapped by {@code observer} (the Lambda handler's). */
  public static Engine load(String location, SourceObserver observer) {
    Settings settings = new ConfigLoader(SsmParameterSource::new).load(location);
    return create(
        settings,
        route53Client(settings),
        observer.observe(
            new DnsSourceFactory(
                new LocalSecretResolver(System.getenv(), new SecretsManagerResolver()))));
  }

  /** An engine over the given Route 53 client and sources. */
  public static Engine create(Settings settings, Route53Client route53, SourceFactory sources) {
    return new Engine(
        settings,
        new HostedZoneReader(route53),
        new ChangeApplier(route53, settings.minBatchTime()),
        new MeteredCalls(),
        sources,
        // only a configuration that consumes catalogs creates or exposes hosted zones
        settings.catalogs().isEmpty() ? null : hostedZoneLifecycle(route53));
  }

  /** Builds the Route 53 client from the configuration's {@code route53} section. */
  public static Route53Client route53Client(Settings settings) {
    return Route53Clients.create(settings.route53());
  }

  /**
   * Creating, exposing and tagging hosted zones (catalog members) over {@code route53}: pass the
   * client the engine runs on ({@link #route53Client}), so both share one pacer and their calls
   * count in the same meter; build one per container, as it also paces CreateHostedZone (2/s, burst
   * 40). Route 53 Profiles calls go to the region of the environment ({@code AWS_REGION}, asked at
   * the first such call), at {@code AWS_ENDPOINT_URL_ROUTE53PROFILES} or {@code AWS_ENDPOINT_URL}
   * when set, with the default credentials chain.
   */
  public static HostedZoneLifecycle hostedZoneLifecycle(Route53Client route53) {
    return new Route53HostedZones(
        route53,
        new Route53Profiles(
            Engines::environmentRegion,
            System.getenv(),
            DefaultCredentialsProvider.builder().build(),
            AwsJsonClient.defaultHttpClient(),
            AwsJsonClient.Retry.STANDARD));
  }

  private static String environmentRegion() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion().id();
    } catch (SdkClientException e) {
      throw new IllegalStateException(
          "no AWS region for Route 53 Profiles: set AWS_REGION (the Lambda runtime sets it) or a"
              + " profile region",
          e);
    }
  }
}
