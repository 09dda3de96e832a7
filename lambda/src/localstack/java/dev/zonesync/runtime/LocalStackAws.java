package dev.zonesync.runtime;

import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack as the rehearsal's AWS side (Route 53, SSM, Secrets Manager), started through
 * Testcontainers. Compiled only with {@code -Plocalstack}; {@link AwsEmulator} finds it by name.
 */
public final class LocalStackAws {

  /** The image, overridable with {@code -Dzonesync.localstack.image=...}. */
  static final String IMAGE =
      System.getProperty("zonesync.localstack.image", "localstack/localstack:4.4");

  private static LocalStackContainer container;

  private LocalStackAws() {}

  /** Starts LocalStack once per JVM and returns its edge endpoint. */
  public static synchronized URI endpoint() {
    if (container == null) {
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        throw new IllegalStateException(
            "-Plocalstack runs the rehearsal against LocalStack in a container and needs a Docker"
                + " engine (none found: check `docker info`). Without Docker, run the default"
                + " rehearsal against moto (scripts/test).");
      }
      LocalStackContainer c =
          new LocalStackContainer(DockerImageName.parse(IMAGE))
              .withServices(
                  LocalStackContainer.Service.ROUTE53,
                  LocalStackContainer.Service.SSM,
                  LocalStackContainer.Service.SECRETSMANAGER);
      String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
      if (token != null && !token.isBlank()) {
        c.withEnv("LOCALSTACK_AUTH_TOKEN", token);
      }
      c.start();
      Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "localstack-stop"));
      container = c;
    }
    return container.getEndpoint();
  }
}
