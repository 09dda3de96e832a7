package dev.zonesync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An unpacked deployment package running under the real Lambda Runtime Interface Client (the java21
 * runtime's {@code AWSLambda} main class) inside the real Runtime Interface Emulator ({@code
 * aws-lambda-rie}), both on loopback: environment in, payload in, response and log lines out.
 *
 * <p>As in Lambda, the JVM's class path holds only the runtime (RIC and its dependencies); the
 * function's classes come from the task root (the working directory) and its {@code lib/*.jar},
 * loaded by the RIC's own class loader. The emulator starts the JVM on the first invocation and
 * counts init against that invocation's timeout; it cannot emulate a SnapStart restore.
 *
 * <pre>{@code
 * try (LambdaPackage pkg = LambdaPackage.unpack(jar);
 *     LambdaRuntimeEmulator fn =
 *         LambdaRuntimeEmulator.builder(pkg, "dev.zonesync.handler.SyncHandler::handleRequest")
 *             .environment(Map.of("ZONESYNC_CONFIG", config.toString()))
 *             .start()) {
 *   LambdaRuntimeEmulator.Invocation r = fn.invoke("{}");
 *   r.body(); r.jsonLines(); r.wallTime();
 * }
 * }</pre>
 */
public final class LambdaRuntimeEmulator implements AutoCloseable {

  /** The emulator build the project pins (a commit of its main branch, via the Go module proxy). */
  public static final String RIE_VERSION = "v0.0.0-20261030222936-bef5c4ba774d";

  public static final String RIE_MODULE =
      "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie";

  /** System property / environment variable naming the {@code aws-lambda-rie} binary. */
  public static final String RIE_PROPERTY = "zonesync.rie";

  public static final String RIE_ENV = "ZONESYNC_RIE";

  /** Where {@code scripts/lib/env.sh} ({@code ensure_rie}) builds it, relative to the project. */
  public static final String RIE_PROJECT_PATH = ".tools/bin/aws-lambda-rie";

  /** System property overriding the runtime's class path (RIC and its dependencies). */
  public static final String RIC_CLASSPATH_PROPERTY = "zonesync.ric.classpath";

  static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REPORT =
      Pattern.compile(
          "REPORT RequestId: (\\S+)\\t(?:Init Duration: [0-9.]+ ms\\t)?Duration: ([0-9.]+) ms");
  // the REPORT line's "Init Duration" is ~0 here (this emulator's Init returns before the runtime
  // is up); its own log has the real one
  private static final Pattern INIT_REPORT =
      Pattern.compile("INIT REPORT\\(durationMs: ([0-9.]+)\\)");

  private final Process process;
  private final URI invokeUri;
  private final Path runtimeDir;
  private final TestProcesses.OutputCollector stdout = new TestProcesses.OutputCollector(64 << 20);
  private final TestProcesses.OutputCollector stderr = new TestProcesses.OutputCollector(4 << 20);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Duration invokeTimeout;
  private final Set<ProcessHandle> seenDescendants = new LinkedHashSet<>();
  private long mark;
  private int invocations;

  private LambdaRuntimeEmulator(Builder b) throws IOException {
    Path rie = rieBinary();
    runtimeDir = Files.createTempDirectory("lambda-runtime-");
    Path bootstrap = runtimeDir.resolve("bootstrap");
    Files.writeString(bootstrap, bootstrapScript(b));
    Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));

    int port = TestProcesses.freeTcpPort();
    int apiPort = TestProcesses.freeTcpPort();
    List<String> cmd =
        List.of(
            rie.toString(),
            "--runtime-interface-emulator-address",
            TestProcesses.LOOPBACK + ":" + port,
            "--runtime-api-address",
            TestProcesses.LOOPBACK + ":" + apiPort,
            "--log-level",
            "info",
            bootstrap.toString(),
            b.handler);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(b.taskRoot.toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.putAll(b.environment());
    process = pb.start();
    stdout.drain(process.getInputStream(), "rie-stdout");
    stderr.drain(process.getErrorStream(), "rie-stderr");
    invokeUri =
        URI.create("http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations");
    invokeTimeout = Duration.ofSeconds(b.timeoutSeconds + 30L);
    awaitListening(port);
  }

  /**
   * @param handler as in the function's configuration, e.g. {@code pkg.Class::method}
   */
  public static Builder builder(LambdaPackage pkg, String handler) {
    return new Builder(pkg.taskRoot(), handler);
  }

  public static Builder builder(Path taskRoot, String handler) {
    return new Builder(taskRoot, handler);
  }

  /** Invokes the function with {@code payload} (JSON text) and waits for its REPORT line. */
  public Invocation invoke(String payload) {
    return invoke(payload.getBytes(StandardCharsets.UTF_8));
  }

  public synchronized Invocation invoke(byte[] payload) {
    String requestId = UUID.randomUUID().toString();
    HttpRequest request =
        HttpRequest.newBuilder(invokeUri)
            .timeout(invokeTimeout)
            .header("Content-Type", "application/json")
            .header("X-Amzn-RequestId", requestId)
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
            .build();
    long start = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("invoke failed: " + e + "\n" + diagnostics(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while invoking", e);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    rememberDescendants();
    // the emulator prints no END/REPORT when init failed (502 with the runtime's init error)
    List<String> lines = linesUpToReport(requestId, response.statusCode() == 200);
    Matcher m = REPORT.matcher(String.join("\n", lines));
    Duration duration = m.find() ? millis(m.group(2)) : null;
    Duration init = invocations == 0 ? initDuration() : null;
    invocations++;
    return new Invocation(
        requestId,
        invocations,
        response.statusCode(),
        response.body(),
        lines,
        wall,
        Optional.ofNullable(init),
        Optional.ofNullable(duration));
  }

  /**
   * Everything the function and the emulator wrote to stdout so far (the function's log stream).
   */
  public String stdout() {
    return stdout.text();
  }

  /** The emulator's own diagnostics (never the function's output). */
  public String stderr() {
    return stderr.text();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the emulator and the runtime JVM it started; idempotent. */
  @Override
  public void close() {
    rememberDescendants();
    TestProcesses.stop(process, Duration.ofSeconds(5));
    for (ProcessHandle h : seenDescendants) {
      if (h.isAlive()) {
        h.destroy();
        try {
          h.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
          h.destroyForcibly();
        }
      }
    }
    TestProcesses.deleteRecursively(runtimeDir);
  }

  // ------------------------------------------------------------------------------------------

  private void rememberDescendants() {
    if (process.isAlive()) {
      process.descendants().forEach(seenDescendants::add);
    }
  }

  private List<String> linesUpToReport(String requestId, boolean reportExpected) {
    String needle = "REPORT RequestId: " + requestId;
    long deadline = System.nanoTime() + Duration.ofSeconds(reportExpected ? 10 : 1).toNanos();
    while (true) {
      String text = stdout.since(mark);
      int idx = text.indexOf(needle);
      int end = idx < 0 ? -1 : text.indexOf('\n', idx);
      if (end >= 0) {
        mark += end + 1;
        return text.substring(0, end + 1).lines().toList();
      }
      if (!reportExpected && System.nanoTime() > deadline) {
        mark += text.length();
        return text.lines().toList();
      }
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException(
            "no REPORT line for request " + requestId + " within 10 s\n" + diagnostics());
      }
      TestProcesses.sleep(20);
    }
  }

  private Duration initDuration() {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    do {
      Matcher m = INIT_REPORT.matcher(stderr.text());
      if (m.find()) {
        return millis(m.group(1));
      }
      TestProcesses.sleep(10);
    } while (System.nanoTime() < deadline);
    return null;
  }

  private void awaitListening(int port) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "aws-lambda-rie exited with " + process.exitValue() + "\n" + diagnostics());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(TestProcesses.loopback(), port), 200);
        return;
      } catch (IOException notYet) {
        TestProcesses.sleep(20);
      }
    }
    close();
    throw new IllegalStateException(
        "aws-lambda-rie did not listen on 127.0.0.1:" + port + " within 15 s\n" + diagnostics());
  }

  private String diagnostics() {
    return "--- emulator stdout (function log) ---\n"
        + stdout.tail(80)
        + "\n--- emulator stderr ---\n"
        + stderr.tail(40);
  }

  private static Duration millis(String ms) {
    return Duration.ofNanos(Math.round(Double.parseDouble(ms) * 1_000_000));
  }

  private static String bootstrapScript(Builder b) {
    // what the java21 runtime's bootstrap does: the runtime on the class path, the handler in
    // $_HANDLER; the function's own classes come from the working directory (LAMBDA_TASK_ROOT)
    StringBuilder sb = new StringBuilder("#!/bin/sh\nexec ");
    sb.append(shellQuote(b.java.toString()));
    for (String o : b.jvmOptions) {
      sb.append(' ').append(shellQuote(o));
    }
    sb.append(" -cp ").append(shellQuote(b.runtimeClassPath));
    sb.append(' ').append(RIC_MAIN).append(" \"$_HANDLER\"\n");
    return sb.toString();
  }

  private static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * The {@code aws-lambda-rie} binary: {@value #RIE_PROPERTY} / {@value #RIE_ENV}, else {@value
   * #RIE_PROJECT_PATH} in the project, else {@code aws-lambda-rie} on the PATH.
   *
   * @throws IllegalStateException with the command that builds it, if there is none
   */
  public static Path rieBinary() {
    String explicit = System.getProperty(RIE_PROPERTY);
    if (explicit == null || explicit.isBlank()) {
      explicit = System.getenv(RIE_ENV);
    }
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
      throw new IllegalStateException(
          RIE_PROPERTY + "/" + RIE_ENV + " names " + p + ", which is not an executable file");
    }
    Path inProject = TestProcesses.projectFile(RIE_PROJECT_PATH);
    return TestProcesses.findExecutable("aws-lambda-rie", inProject)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the Lambda Runtime Interface Emulator is not installed: no "
                        + inProject
                        + ", no -D"
                        + RIE_PROPERTY
                        + ", no aws-lambda-rie on the PATH. Build it (needs Go >= 1.21, which"
                        + " fetches the toolchain it requires; ~1 min):\n  GOBIN="
                        + inProject.getParent()
                        + " go install "
                        + RIE_MODULE
                        + "@"
                        + RIE_VERSION
                        + "\n(scripts/test does this; without Go: apt-get install -y golang-go"
                        + " is too old here, install a Go >= 1.21 release instead)"));
  }

  /**
   * The runtime's class path: the RIC and its dependencies as this JVM resolved them ({@value
   * #RIC_CLASSPATH_PROPERTY} overrides).
   */
  public static String runtimeClassPath() {
    String explicit = System.getProperty(RIC_CLASSPATH_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    Set<String> entries = new LinkedHashSet<>();
    for (String cls :
        new String[] {
          RIC_MAIN,
          "com.amazonaws.services.lambda.runtime.Context",
          "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
          "software.amazon.awssdk.utilslite.SdkInternalThreadLocal"
        }) {
      entries.add(codeSource(cls));
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String codeSource(String className) {
    try {
      Class<?> c = Class.forName(className, false, LambdaRuntimeEmulator.class.getClassLoader());
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          className
              + " is not on the test class path: add the test dependency"
              + " com.amazonaws:aws-lambda-java-runtime-interface-client (2.10.1) to this module,"
              + " or set -D"
              + RIC_CLASSPATH_PROPERTY,
          e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the jar of " + className, e);
    }
  }

  // ------------------------------------------------------------------------------------------

  /** How to start the function; defaults are the java21 runtime's and a 1 GB, 5 min function. */
  public static final class Builder {
    private final Path taskRoot;
    private final String handler;
    private final Map<String, String> functionEnv = new LinkedHashMap<>();
    private String functionName = "zonesync";
    private int memoryMb = 1024;
    private int timeoutSeconds = 300;
    private String region = "us-east-1";
    private String accessKeyId = "testing";
    private String secretAccessKey = "testing";
    private String sessionToken = "testing";
    private Path java = LambdaJvm.java();
    private List<String> jvmOptions = LambdaJvm.JAVA21_OPTIONS;
    private String runtimeClassPath;

    private Builder(Path taskRoot, String handler) {
      if (!Files.isDirectory(taskRoot)) {
        throw new IllegalArgumentException("task root " + taskRoot + " is not a directory");
      }
      if (handler == null || handler.isBlank()) {
        throw new IllegalArgumentException("handler must be given, e.g. pkg.Class::method");
      }
      this.taskRoot = taskRoot;
      this.handler = handler;
    }

    /** The function's configured environment variables (added to what Lambda itself sets). */
    public Builder environment(Map<String, String> env) {
      functionEnv.putAll(env);
      return this;
    }

    public Builder env(String name, String value) {
      functionEnv.put(name, value);
      return this;
    }

    public Builder functionName(String name) {
      this.functionName = name;
      return this;
    }

    public Builder memoryMb(int mb) {
      this.memoryMb = mb;
      return this;
    }

    /** The function timeout; the emulator counts init against the first invocation's timeout. */
    public Builder timeoutSeconds(int seconds) {
      this.timeoutSeconds = seconds;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** The execution role's credentials as Lambda passes them (defaults: dummy values). */
    public Builder credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
      this.accessKeyId = accessKeyId;
      this.secretAccessKey = secretAccessKey;
      this.sessionToken = sessionToken;
      return this;
    }

    public Builder java(Path javaExecutable) {
      this.java = javaExecutable;
      return this;
    }

    public Builder jvmOptions(List<String> options) {
      this.jvmOptions = List.copyOf(options);
      return this;
    }

    /** The full environment the emulator (and so the function) sees. */
    Map<String, String> environment() {
      Map<String, String> env = new LinkedHashMap<>();
      // what Lambda sets for a java21 function (the emulator adds the Runtime API address etc.)
      env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
      env.put("LANG", "en_US.UTF-8");
      env.put("TZ", ":UTC");
      env.put("AWS_REGION", region);
      env.put("AWS_DEFAULT_REGION", region);
      env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
      env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
      env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
      env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Integer.toString(timeoutSeconds));
      env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
      env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
      env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]emulator");
      env.put("AWS_ACCESS_KEY_ID", accessKeyId);
      env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
      env.put("AWS_SESSION_TOKEN", sessionToken);
      env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
      env.putAll(functionEnv);
      return env;
    }

    public LambdaRuntimeEmulator start() {
      if (runtimeClassPath == null) {
        runtimeClassPath = runtimeClassPath();
      }
      try {
        return new LambdaRuntimeEmulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start aws-lambda-rie", e);
      }
    }
  }

  /**
   * One invocation: the response as the emulator returned it, and the function's log lines from the
   * end of the previous invocation up to this one's REPORT line (the first also holds init).
   *
   * @param wallTime HTTP round trip; for the first invocation this includes starting the JVM
   * @param initDuration the emulator's INIT REPORT: starting the JVM until the runtime asked for
   *     the first event (first invocation only)
   * @param reportedDuration the emulator's REPORT "Duration" (the invoke phase)
   */
  public record Invocation(
      String requestId,
      int number,
      int httpStatus,
      String body,
      List<String> lines,
      Duration wallTime,
      Optional<Duration> initDuration,
      Optional<Duration> reportedDuration) {

    public Invocation {
      lines = List.copyOf(lines);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("response is not JSON: " + body, e);
      }
    }

    /** True if the body has the Lambda error shape ({@code errorMessage}, {@code errorType}). */
    public boolean isError() {
      try {
        JsonNode n = JSON.readTree(body);
        return n != null && n.isObject() && n.has("errorMessage") && n.has("errorType");
      } catch (IOException e) {
        return false;
      }
    }

    /** The lines that are JSON objects (log events and EMF documents), parsed. */
    public List<JsonNode> jsonLines() {
      List<JsonNode> out = new ArrayList<>();
      for (String l : lines) {
        if (l.startsWith("{")) {
          try {
            out.add(JSON.readTree(l));
          } catch (IOException e) {
            throw new IllegalStateException("a log line starts like JSON but is not: " + l, e);
          }
        }
      }
      return out;
    }

    /** CloudWatch embedded-metric-format documents. */
    public List<JsonNode> emfDocuments() {
      return jsonLines().stream().filter(n -> n.has("_aws")).toList();
    }

    /** JSON log events (everything JSON that is not an EMF document). */
    public List<JsonNode> logEvents() {
      return jsonLines().stream().filter(n -> !n.has("_aws")).toList();
    }
  }
}
