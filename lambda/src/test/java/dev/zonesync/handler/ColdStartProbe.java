package dev.zonesync.handler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One cold start, in a fresh JVM started by {@link ColdStartBench}: init the way the Lambda runtime
 * does (instantiate the handler; {@code ZONESYNC_PRIME} decides priming), then one invocation.
 * Prints one {@code PROBE {...}} line on stderr with milliseconds since the JVM started ({@code
 * jvm}), for the init, the first invocation's handler time and the end-to-end time. With {@code
 * --first-log} it only measures the first log line of the logging backend in the jar.
 */
public final class ColdStartProbe {

  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    long jvmStart =
        ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    long mainAt = System.currentTimeMillis();
    if (args[0].equals("--first-log")) {
      long t0 = System.nanoTime();
      org.slf4j.LoggerFactory.getLogger("dev.zonesync.Probe").info("first line {}", 1);
      long t1 = System.nanoTime();
      System.err.printf(
          "PROBE {\"jvm\":%d,\"firstLog\":%.1f}%n", mainAt - jvmStart, (t1 - t0) / 1e6);
      return;
    }
    byte[] payload = Files.readAllBytes(Path.of(args[0]));
    long t0 = System.nanoTime();
    SyncHandler handler = new SyncHandler();
    long t1 = System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(payload), out, new LocalInvoke.LocalContext(300_000));
    long t2 = System.nanoTime();
    long end = System.currentTimeMillis();
    String report = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    String status = report.replaceAll("(?s).*?\"status\" : \"([A-Z_]+)\".*", "$1");
    System.err.printf(
        "PROBE {\"jvm\":%d,\"init\":%.1f,\"handler\":%.1f,\"endToEnd\":%d,\"status\":\"%s\"}%n",
        mainAt - jvmStart, (t1 - t0) / 1e6, (t2 - t1) / 1e6, end - jvmStart, status);
  }
}
