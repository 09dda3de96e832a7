package dev.zonesync.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.Samples;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.SyncHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold-start benchmark (not a test; {@code scripts/bench-coldstart}): a real named master and moto,
 * then N fresh JVMs per variant, each started with the java21 runtime's JVM options, initialising
 * the handler from the shaded jar and invoking it once with a scheduled event after one record
 * changed on the master (IXFR + one change batch). Variants: {@code unprimed} ({@code
 * ZONESYNC_PRIME=off}) and {@code primed} ({@code ZONESYNC_PRIME=init}: primed during init, as
 * before a SnapStart snapshot), run interleaved; optionally a second jar (the previous build) as
 * {@code base}. Also the first log line of each jar's logging backend. Prints min/median/max.
 *
 * <pre>ColdStartBench &lt;zonesync.jar&gt; &lt;probe classpath&gt; &lt;samples&gt; [base.jar]</pre>
 */
public final class ColdStartBench {

  static final List<String> JVM_OPTIONS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ColdStartBench() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    String probeCp = args[1];
    int samples = Integer.parseInt(args[2]);
    Path baseJar = args.length > 3 ? Path.of(args[3]) : null;
    Path dir = Files.createTempDirectory("zonesync-coldstart");
    String secret = NamedServer.generateTsigSecret();
    try (NamedServer named =
        NamedServer.builder()
            .tsigKey("zonesync-transfer.", "hmac-sha256", secret)
            .zone("corp.example.", Samples.sample("corp.example.zone"))
            .start()) {
      MotoServer moto = MotoServer.shared();
      String zoneId = moto.createPrivateHostedZone("corp.example.");
      Path config = dir.resolve("zonesync.yaml");
      Files.writeString(
          config, SyncHarness.sampleZoneConfig(zoneId, named.hostPort(), "ZS_SECRET"));
      Path event = Samples.event("scheduled-event.json");
      Map<String, String> env = new LinkedHashMap<>();
      env.put("ZONESYNC_CONFIG", config.toString());
      env.put("ZS_SECRET", secret);
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ACCESS_KEY_ID", MotoServer.DUMMY_CREDENTIALS.accessKeyId());
      env.put("AWS_SECRET_ACCESS_KEY", MotoServer.DUMMY_CREDENTIALS.secretAccessKey());
      env.put(MotoServer.ENDPOINT_ENV, moto.endpoint().toString());
      env.put("POWERTOOLS_SERVICE_NAME", "zonesync");

      // the initial load, not measured: every sample then syncs one changed record
      JsonNode warm = probe(jar, probeCp, event.toString(), env, "off", dir);
      System.out.println("initial load: " + warm);

      Map<String, List<JsonNode>> results = new LinkedHashMap<>();
      List<String> variants = new ArrayList<>(List.of("unprimed", "primed"));
      if (baseJar != null) {
        variants.add("base");
      }
      for (int i = 0; i < samples; i++) {
        for (String v : variants) {
          named.nsupdate(
              "update add bench-%s-%d.corp.example. 300 TXT \"sample %d\"\nsend\n"
                  .formatted(v, i, i));
          Path j = v.equals("base") ? baseJar : jar;
          JsonNode r =
              probe(j, probeCp, event.toString(), env, v.equals("primed") ? "init" : "off", dir);
          if (!r.path("status").asText().equals("APPLIED")) {
            throw new IllegalStateException(v + " sample " + i + " did not apply: " + r);
          }
          results.computeIfAbsent(v, k -> new ArrayList<>()).add(r);
        }
        for (String v : baseJar == null ? List.of("jar") : List.of("jar", "base")) {
          Path j = v.equals("base") ? baseJar : jar;
          results
              .computeIfAbsent("firstLog-" + v, k -> new ArrayList<>())
              .add(probe(j, probeCp, "--first-log", env, "off", dir));
        }
      }
      System.out.printf(
          "%n%d cold starts per variant, JVM %s %s%n",
          samples, System.getProperty("java.version"), JVM_OPTIONS);
      System.out.printf("%-10s %-11s %8s %8s %8s%n", "variant", "ms", "min", "median", "max");
      for (Map.Entry<String, List<JsonNode>> e : results.entrySet()) {
        List<String> fields =
            e.getKey().startsWith("firstLog")
                ? List.of("firstLog")
                : List.of("jvm", "init", "handler", "endToEnd");
        for (String f : fields) {
          double[] xs =
              e.getValue().stream().mapToDouble(n -> n.path(f).asDouble()).sorted().toArray();
          System.out.printf(
              "%-10s %-11s %8.0f %8.0f %8.0f%n",
              e.getKey(), f, xs[0], xs[xs.length / 2], xs[xs.length - 1]);
        }
      }
    }
  }

  static JsonNode probe(
      Path jar, String probeCp, String arg, Map<String, String> env, String prime, Path dir)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM_OPTIONS);
    cmd.add("-cp");
    cmd.add(jar + java.io.File.pathSeparator + probeCp);
    cmd.add(ColdStartProbe.class.getName());
    cmd.add(arg);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    pb.environment().put(Lifecycle.PRIME_ENV, prime);
    Path out = dir.resolve("probe.out");
    Path err = dir.resolve("probe.err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("probe did not finish in 120 s");
    }
    String e = Files.readString(err, StandardCharsets.UTF_8);
    for (String line : e.split("\n")) {
      if (line.startsWith("PROBE ")) {
        return JSON.readTree(line.substring(6));
      }
    }
    throw new IllegalStateException(
        "probe failed (exit " + p.exitValue() + "):\n" + e + Files.readString(out));
  }
}
