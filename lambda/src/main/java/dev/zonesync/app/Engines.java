package dev.zonesync.app;

import dev.zonesync.aws.SecretsManagerResolver;
import dev.zonesync.aws.SsmParameterSource;
import dev.zonesync.config.ConfigLoader;
import dev.zonesync.config.LocalSecretResolver;
import dev.zonesync.config.Settings;
import dev.zonesync.route53.ChangeApplier;
import dev.zonesync.route53.HostedZoneReader;
import dev.zonesync.route53.MeteredCalls;
import dev.zonesync.route53.Route53Clients;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.SourceFactory;
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
        sources);
  }

  /** Builds the Route 53 client from the configuration's {@code route53} section. */
  public static Route53Client route53Client(Settings settings) {
    return Route53Clients.create(settings.route53());
  }
}
