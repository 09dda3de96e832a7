package dev.zonesync.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.Samples;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.SyncHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shaded jar ({@code lambda/target/zonesync.jar}, built by {@code package} before failsafe
 * runs) as a user runs it: {@code java -jar zonesync.jar <command> --config FILE …}, the TSIG
 * secret in the environment, Route 53 at {@code AWS_ENDPOINT_URL_ROUTE_53} (the rig's recording
 * proxy in front of the stand-in).
 */
final class CatalogCli {

  /** What one command did: its exit code and output. */
  record Result(int exit, String stdout, String stderr) {

    /** The JSON report {@code sync} prints on stdout. */
    JsonNode report() {
      try {
        return new ObjectMapper().readTree(stdout);
      } catch (IOException e) {
        throw new AssertionError("stdout is not a JSON report:\n" + stdout + "\n" + stderr, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
  }

  private CatalogCli() {}

  static Result run(CatalogRig rig, String command, String... args) {
    Path jar = Samples.projectRoot().resolve("lambda/target/zonesync.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " does not exist: build it with ./mvnw -pl lambda package (failsafe's verify does)");
    }
    try {
      Path dir = Files.createTempDirectory("zonesync-catalog-cli-");
      Path config = dir.resolve("zonesync.yaml");
      Files.writeString(config, rig.yaml());
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-jar", jar.toString(), command, "--config"));
      cmd.add(config.toString());
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      Map<String, String> e = pb.environment();
      e.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("ZONESYNC_"));
      e.put(SyncHarness.SECRET_ENV, rig.secret);
      e.put(MotoServer.ENDPOINT_ENV, rig.proxy.endpoint().toString());
      e.put("AWS_ACCESS_KEY_ID", MotoServer.DUMMY_CREDENTIALS.accessKeyId());
      e.put("AWS_SECRET_ACCESS_KEY", MotoServer.DUMMY_CREDENTIALS.secretAccessKey());
      e.put("AWS_REGION", CatalogRig.REGION);
      e.put("NO_COLOR", "1");
      Path out = dir.resolve("stdout");
      Path err = dir.resolve("stderr");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("zonesync " + command + " did not finish within 60 s");
      }
      Result r =
          new Result(
              p.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
      return r;
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot run the zonesync CLI", ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(ex);
    }
  }
}
