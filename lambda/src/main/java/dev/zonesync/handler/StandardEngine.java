package dev.zonesync.handler;

import dev.zonesync.aws.SecretsManagerResolver;
import dev.zonesync.aws.SsmParameterSource;
import dev.zonesync.config.ConfigLoader;
import dev.zonesync.config.LocalSecretResolver;
import dev.zonesync.config.Settings;
import dev.zonesync.sync.DnsSourceFactory;
import dev.zonesync.sync.Engine;

/**
 * The engine as both edges run it: configuration from a location (file, {@code ssm:}, {@code
 * ssm-path:}), the Route 53 client it describes, TSIG secrets from the environment, files or
 * Secrets Manager.
 */
public final class StandardEngine {

  private StandardEngine() {}

  /**
   * @throws dev.zonesync.config.ConfigException if the configuration is missing or invalid
   */
  public static Engine load(String location) {
    return load(location, sources -> sources);
  }

  /** As {@link #load(String)}, the sources wrapped by {@code observer} (the Lambda handler's). */
  public static Engine load(String location, SyncHandler.SourceObserver observer) {
    Settings settings = new ConfigLoader(SsmParameterSource::new).load(location);
    return new Engine(
        settings,
        Engine.route53Client(settings),
        observer.observe(
            new DnsSourceFactory(
                new LocalSecretResolver(System.getenv(), new SecretsManagerResolver()))));
  }
}
