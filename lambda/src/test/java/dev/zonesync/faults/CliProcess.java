package dev.zonesync.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.Samples;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.SyncHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shaded jar ({@code lambda/target/zonesync.jar}, built by {@code package}, which runs before
 * failsafe's {@code integration-test}) run as a child process: {@code java -jar zonesync.jar sync
 * --config FILE}, Route 53 at {@code AWS_ENDPOINT_URL_ROUTE_53}, stdout and stderr to files.
 */
final class CliProcess {

  final Process process;
  final Path stdout;
  final Path stderr;

  private CliProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static Path jar() {
    Path jar = Samples.projectRoot().resolve("lambda/target/zonesync.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " does not exist: build it with ./mvnw -pl lambda package (failsafe's verify does)");
    }
    return jar;
  }

  /**
   * Starts {@code zonesync sync --config <yaml>} with the TSIG secret in the environment.
   *
   * @param jvmArgs e.g. {@code -Xmx64m}
   * @param env extra environment (e.g. {@code ZONESYNC_LOG_LEVEL})
   */
  static CliProcess start(
      String yaml, String secret, URI route53, List<String> jvmArgs, Map<String, String> env) {
    return start(yaml, secret, route53, jvmArgs, env, List.of());
  }

  /** As above, with more arguments after {@code sync --config FILE} (e.g. {@code --zone X}). */
  static CliProcess start(
      String yaml,
      String secret,
      URI route53,
      List<String> jvmArgs,
      Map<String, String> env,
      List<String> cliArgs) {
    try {
      Path dir = Files.createTempDirectory("zonesync-cli-");
      Path config = dir.resolve("zonesync.yaml");
      Files.writeString(config, yaml);
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(jvmArgs);
      cmd.addAll(List.of("-jar", jar().toString(), "sync", "--config", config.toString()));
      cmd.addAll(cliArgs);
      ProcessBuilder pb = new ProcessBuilder(cmd);
      Map<String, String> e = pb.environment();
      e.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("ZONESYNC_"));
      e.put(SyncHarness.SECRET_ENV, secret);
      e.put(MotoServer.ENDPOINT_ENV, route53.toString());
      e.put("AWS_ACCESS_KEY_ID", MotoServer.DUMMY_CREDENTIALS.accessKeyId());
      e.put("AWS_SECRET_ACCESS_KEY", MotoServer.DUMMY_CREDENTIALS.secretAccessKey());
      e.put("AWS_REGION", "us-east-1");
      e.putAll(env);
      Path out = dir.resolve("stdout");
      Path err = dir.resolve("stderr");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      return new CliProcess(pb.start(), out, err);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot start the zonesync CLI", ex);
    }
  }

  /** Waits for the exit code; kills the process if it takes longer than {@code max}. */
  int await(Duration max) {
    try {
      if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "zonesync CLI did not finish within " + max + "; stderr:\n" + stderr());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code kill -9}: no shutdown hooks, no finally blocks, no flushing. */
  void kill9() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String stdout() {
    return read(stdout);
  }

  String stderr() {
    return read(stderr);
  }

  /** The first zone of the JSON report on stdout. */
  JsonNode zoneReport() {
    try {
      return new ObjectMapper().readTree(stdout()).path("zones").get(0);
    } catch (IOException e) {
      throw new IllegalStateException("stdout is not a JSON report:\n" + stdout(), e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
