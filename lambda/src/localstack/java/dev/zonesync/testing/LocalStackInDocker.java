package dev.zonesync.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack's image through Testcontainers, for {@link LocalStackHost}'s Docker mode ({@code
 * -Plocalstack}, which compiles this class and sets {@code -Dzonesync.localstack=docker}): the same
 * tests as the host process, where a Docker engine exists. Untried in this project's CI, which has
 * no Docker.
 */
public final class LocalStackInDocker {

  /**
   * The image, overridable with {@code -Dzonesync.localstack.image=...}. 4.14.0 is the last
   * LocalStack Community image that starts without an auth token; the 2026.x images need {@code
   * LOCALSTACK_AUTH_TOKEN} (passed on when set).
   */
  static final String IMAGE =
      System.getProperty("zonesync.localstack.image", "localstack/localstack:4.14.0");

  private LocalStackInDocker() {}

  /** Starts a container with every service (the tests use Route 53 up to CloudFormation). */
  public static LocalStackHost.Started start() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "-Plocalstack runs the LocalStack tests against LocalStack's image and needs a Docker"
              + " engine (none found: check `docker info`). Without Docker, scripts/test runs them"
              + " against LocalStack as a host process.");
    }
    LocalStackContainer c =
        new LocalStackContainer(DockerImageName.parse(IMAGE)).withEnv("DISABLE_EVENTS", "1");
    String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    if (token != null && !token.isBlank()) {
      c.withEnv("LOCALSTACK_AUTH_TOKEN", token);
    }
    c.start();
    return new LocalStackHost.Started(c.getEndpoint(), "container " + IMAGE, c::stop);
  }
}
