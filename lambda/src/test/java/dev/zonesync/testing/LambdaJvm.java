package dev.zonesync.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JVM the Lambda java21 runtime starts: its options, and which {@code java} stands in here. */
public final class LambdaJvm {

  /** The java21 managed runtime's JVM options (fast start: C1 only, serial GC). */
  public static final List<String> JAVA21_OPTIONS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** System property / environment variable naming the JDK to run functions with. */
  public static final String JAVA_HOME_PROPERTY = "zonesync.lambda.javaHome";

  public static final String JAVA_HOME_ENV = "ZONESYNC_LAMBDA_JAVA_HOME";

  private LambdaJvm() {}

  /**
   * {@code bin/java} of {@value #JAVA_HOME_PROPERTY} or {@value #JAVA_HOME_ENV} if set (e.g. a JDK
   * 21 to match the runtime exactly), else of the JVM running the tests.
   */
  public static Path java() {
    String home = System.getProperty(JAVA_HOME_PROPERTY);
    if (home == null || home.isBlank()) {
      home = System.getenv(JAVA_HOME_ENV);
    }
    if (home == null || home.isBlank()) {
      home = System.getProperty("java.home");
    }
    Path java = Path.of(home, "bin", "java");
    if (!Files.isExecutable(java)) {
      throw new IllegalStateException(
          "no executable java at "
              + java
              + " (set -D"
              + JAVA_HOME_PROPERTY
              + " or "
              + JAVA_HOME_ENV
              + " to a JDK >= 21)");
    }
    return java;
  }
}
