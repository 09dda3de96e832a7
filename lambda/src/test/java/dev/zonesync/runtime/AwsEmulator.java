package dev.zonesync.runtime;

import dev.zonesync.testing.MotoServer;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;

/**
 * The AWS side of the deployment rehearsal: moto's server (default, what scripts/test runs), or
 * LocalStack in a container with {@code -Plocalstack} (system property {@value #PROPERTY}; needs a
 * Docker engine, not run in this project's CI).
 */
final class AwsEmulator {

  static final String PROPERTY = "zonesync.rehearsal.aws";

  private AwsEmulator() {}

  static MotoServer start() {
    String kind = System.getProperty(PROPERTY, "moto");
    return switch (kind) {
      case "moto" -> MotoServer.shared();
      case "localstack" -> MotoServer.external(localStackEndpoint());
      default ->
          throw new IllegalArgumentException(
              "-D" + PROPERTY + "=" + kind + ": use moto (default) or localstack (-Plocalstack)");
    };
  }

  private static URI localStackEndpoint() {
    try {
      return (URI)
          Class.forName("dev.zonesync.runtime.LocalStackAws").getMethod("endpoint").invoke(null);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "LocalStack support is compiled only with the Maven profile: ./mvnw -Plocalstack ...", e);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
