package dev.zonesync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * LocalStack Community for one test class, as a JUnit extension: started before the class's
 * {@code @BeforeAll}, stopped after its {@code @AfterAll} (and by a shutdown hook if the JVM exits
 * first). Each class gets a fresh LocalStack (1–4 s to start here), so classes never see each
 * other's resources.
 *
 * <pre>{@code
 * @RegisterExtension static final LocalStackHost LOCALSTACK = new LocalStackHost();
 * ... LOCALSTACK.endpoint() ...
 * }</pre>
 *
 * <p><b>Host mode</b> (default, what {@code scripts/test} runs): {@code python -m
 * localstack.runtime.main} from the venv {@value #VENV} that {@code scripts/lib/env.sh} ({@code
 * ensure_localstack}) installs, pinned by {@code scripts/lib/localstack-constraints.txt}; no
 * Docker. Gateway on a free loopback port (hypercorn), its own state directory (deleted at stop),
 * fake credentials, no DNS server, no EC2 metadata, no TLS certificate download, no analytics. Its
 * Lambda cannot run functions (that needs Docker).
 *
 * <p><b>Docker mode</b> ({@code -D}{@value #MODE_PROPERTY}{@code =docker}, which the Maven profile
 * {@code -Plocalstack} sets and which compiles {@code LocalStackInDocker}): the LocalStack image
 * through Testcontainers instead, for the same tests.
 *
 * <p>If LocalStack cannot start, {@link #beforeAll} fails the class with the reason and the install
 * command: integration tests never skip.
 */
public final class LocalStackHost implements BeforeAllCallback, AfterAllCallback {

  /** The pinned localstack-core; keep in step with {@code LOCALSTACK_VERSION} in env.sh. */
  public static final String VERSION = "2026.3.0";

  /** Where {@code ensure_localstack} installs it, relative to the project root. */
  public static final String VENV = ".tools/localstack-venv";

  /** {@code host} (default) or {@code docker}. */
  public static final String MODE_PROPERTY = "zonesync.localstack";

  /** The fake credentials every client of this LocalStack uses (it maps them to one account). */
  public static final String ACCESS_KEY = "test";

  public static final String SECRET_KEY = "test";

  static final String INSTALL_HINT =
      "Install it as scripts/test does (Python 3.12 or 3.13, ~500 MB, ~1 min), in the project"
          + " root:\n  bash -c 'source scripts/lib/env.sh && ensure_localstack'\nor by hand:\n"
          + "  python3.13 -m venv "
          + VENV
          + " && "
          + VENV
          + "/bin/pip install -c scripts/lib/localstack-constraints.txt"
          + " 'localstack-core[runtime]=="
          + VERSION
          + "'";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How a started LocalStack is reached and stopped (Docker mode hands one back too). */
  public record Started(URI endpoint, String description, AutoCloseable stop) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private Started started;
  private Duration startTime;
  private JsonNode health;
  private Thread hook;
  // host mode only
  private Process process;
  private Path stateDir;
  private final TestProcesses.OutputCollector log = new TestProcesses.OutputCollector(2_000_000);

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /** Starts LocalStack (idempotent); the extension calls it, so tests normally do not. */
  public synchronized void start() {
    if (started != null) {
      return;
    }
    long t0 = System.nanoTime();
    String mode = System.getProperty(MODE_PROPERTY, "host").strip();
    started =
        switch (mode) {
          case "host" -> startHost();
          case "docker" -> startInDocker();
          default ->
              throw new IllegalStateException(
                  "-D" + MODE_PROPERTY + "=" + mode + ": use host (default) or docker");
        };
    hook = new Thread(this::stop, "localstack-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    health = awaitHealthy();
    startTime = Duration.ofNanos(System.nanoTime() - t0);
    if (mode.equals("host") && !VERSION.equals(version())) {
      String v = version();
      stop();
      throw new IllegalStateException(
          "LocalStack in "
              + VENV
              + " is "
              + v
              + ", the tests pin "
              + VERSION
              + ". "
              + INSTALL_HINT);
    }
    System.out.printf(
        "LocalStack %s (%s) on %s: ready in %d ms; services %s%n",
        version(), started.description(), started.endpoint(), startTime.toMillis(), services());
  }

  /** The gateway every service answers on, e.g. {@code http://127.0.0.1:40123}. */
  public URI endpoint() {
    requireStarted();
    return started.endpoint();
  }

  /** From starting the process (or container) until the health endpoint listed its services. */
  public Duration startTime() {
    requireStarted();
    return startTime;
  }

  /** The version LocalStack reports. */
  public String version() {
    return health == null ? "?" : health.path("version").asText("?");
  }

  /** Service name → state as the health endpoint reported them at start. */
  public Map<String, String> services() {
    Map<String, String> out = new TreeMap<>();
    if (health != null) {
      health.path("services").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /** LocalStack's own log (host mode; empty in Docker mode). */
  public String log() {
    return log.text();
  }

  /**
   * A Route 53 / SSM / Secrets Manager handle for the test harness: nothing started, nothing
   * stopped.
   */
  public MotoServer asEmulator() {
    return MotoServer.external(endpoint());
  }

  /** Stops LocalStack: SIGTERM, then SIGKILL after 5 s (its shutdown can hang); idempotent. */
  public synchronized void stop() {
    if (started == null) {
      return;
    }
    Started s = started;
    started = null;
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to
      }
    }
    try {
      s.stop().close();
    } catch (Exception e) {
      System.err.println("stopping LocalStack (" + s.description() + "): " + e);
    }
  }

  private void requireStarted() {
    if (started == null) {
      throw new IllegalStateException(
          "LocalStack is not running: register the extension (@RegisterExtension static"
              + " LocalStackHost ...) or call start()");
    }
  }

  // ------------------------------------------------------------------------------------------

  private Started startHost() {
    Path python = TestProcesses.projectFile(VENV).resolve("bin/python");
    if (!Files.isExecutable(python)) {
      throw new IllegalStateException(
          "LocalStack is not installed: no " + python + ". " + INSTALL_HINT);
    }
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = TestProcesses.freeTcpPort();
      try {
        stateDir = Files.createTempDirectory("localstack-state-");
      } catch (IOException e) {
        throw new IllegalStateException("cannot create LocalStack's state directory", e);
      }
      ProcessBuilder pb =
          new ProcessBuilder(python.toString(), "-m", "localstack.runtime.main")
              .directory(stateDir.toFile())
              .redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      // nothing of the caller's AWS settings (endpoints, profiles, keys) reaches LocalStack
      env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("PYTHON"));
      env.put("GATEWAY_SERVER", "hypercorn");
      env.put("GATEWAY_LISTEN", TestProcesses.LOOPBACK + ":" + port);
      env.put("OVERRIDE_IN_DOCKER", "0"); // host mode: not inside LocalStack's container
      env.put("DNS_ADDRESS", "0"); // no DNS server of its own (it would want port 53)
      env.put("AWS_EC2_METADATA_DISABLED", "true");
      env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
      env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
      env.put("FILESYSTEM_ROOT", stateDir.toString()); // not inside the venv, and per start
      // no network beyond loopback: no TLS certificate download, no analytics events
      env.put("SKIP_SSL_CERT_DOWNLOAD", "1");
      env.put("DISABLE_EVENTS", "1");
      try {
        process = pb.start();
        process.getOutputStream().close();
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot start " + python + " -m localstack.runtime.main: " + e.getMessage(), e);
      }
      log.drain(process.getInputStream(), "localstack-log-" + port);
      Process p = process;
      Path dir = stateDir;
      URI endpoint = URI.create("http://" + TestProcesses.LOOPBACK + ":" + port);
      Started s =
          new Started(
              endpoint, "host process, pid " + p.pid() + ", " + python, () -> stopProcess(p, dir));
      if (awaitListening(endpoint, p)) {
        return s;
      }
      stopProcess(p, dir);
      last =
          new IllegalStateException(
              "LocalStack exited with status "
                  + p.exitValue()
                  + " while starting on "
                  + endpoint
                  + ". "
                  + INSTALL_HINT
                  + "\n--- LocalStack log ---\n"
                  + log.tail(40));
      if (!log.text().contains("Address already in use")) {
        throw last;
      }
    }
    throw last;
  }

  /** True once the gateway answers; false if the process died (e.g. its port was taken). */
  private boolean awaitListening(URI endpoint, Process p) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        return false;
      }
      if (healthOrNull(endpoint) != null) {
        return true;
      }
      TestProcesses.sleep(50);
    }
    stopProcess(p, stateDir);
    throw new IllegalStateException(
        "LocalStack did not answer "
            + endpoint
            + "/_localstack/health within "
            + START_TIMEOUT.toSeconds()
            + " s\n--- LocalStack log ---\n"
            + log.tail(40));
  }

  private JsonNode awaitHealthy() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      JsonNode h = healthOrNull(started.endpoint());
      if (h != null && h.path("services").size() > 0) {
        return h;
      }
      if (System.nanoTime() > deadline) {
        stop();
        throw new IllegalStateException(
            "LocalStack at " + started.endpoint() + " listed no services within " + START_TIMEOUT);
      }
      TestProcesses.sleep(50);
    }
  }

  private JsonNode healthOrNull(URI endpoint) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(endpoint.resolve("/_localstack/health"))
                  .timeout(Duration.ofSeconds(2))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM to LocalStack, SIGKILL after the grace; then whatever it started; then its state. */
  private static void stopProcess(Process p, Path stateDir) {
    List<ProcessHandle> children = new ArrayList<>();
    if (p.isAlive()) {
      p.descendants().forEach(children::add);
    }
    TestProcesses.stop(p, STOP_GRACE);
    for (ProcessHandle h : children) {
      if (h.isAlive()) {
        h.destroyForcibly();
        try {
          h.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // best effort
        }
      }
    }
    TestProcesses.deleteRecursively(stateDir);
  }

  private static Started startInDocker() {
    try {
      return (Started)
          Class.forName("dev.zonesync.testing.LocalStackInDocker").getMethod("start").invoke(null);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "-D"
              + MODE_PROPERTY
              + "=docker needs the Testcontainers support, compiled only with the Maven profile:"
              + " ./mvnw -Plocalstack ...",
          e);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
