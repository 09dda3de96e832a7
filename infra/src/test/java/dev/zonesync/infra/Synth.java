package dev.zonesync.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.lambda.Code;

/**
 * One synthesized config, shared by the tests of a class (a synth costs seconds): the app, the
 * stack, the parent and nested templates (as {@link Template} and as JSON), and the cdk-nag
 * findings.
 */
final class Synth {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path SAMPLE = Path.of("..", "samples", "zonesync.yaml");

  final ZoneSyncConfig config;
  final App app;
  final ZoneSyncStack stack;
  final Path outdir;
  final Template template;
  final JsonNode json;

  /** Nested stack templates of the schedules, in creation order. */
  final Map<ZoneSchedules, Template> nested = new LinkedHashMap<>();

  final Map<ZoneSchedules, JsonNode> nestedJson = new LinkedHashMap<>();

  /** Nested stacks of the zone alarms, in creation order. */
  final Map<ZoneAlarms, JsonNode> alarmJson = new LinkedHashMap<>();

  final long synthMillis;

  private Synth(ZoneSyncConfig config) {
    this.config = config;
    try {
      this.outdir = Files.createTempDirectory("zonesync-cdk-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(outdir)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long start = System.nanoTime();
    this.app = App.Builder.create().outdir(outdir.toString()).build();
    this.stack = ZoneSyncApp.create(app, config, Code.fromAsset(dummyJar().toString()));
    this.template = Template.fromStack(stack);
    this.synthMillis = (System.nanoTime() - start) / 1_000_000;
    this.json = JSON.valueToTree(template.toJSON());
    for (ZoneSchedules s : stack.scheduleStacks()) {
      Template t = Template.fromStack(s);
      nested.put(s, t);
      nestedJson.put(s, JSON.valueToTree(t.toJSON()));
    }
    for (ZoneAlarms s : stack.alarmStacks()) {
      alarmJson.put(s, JSON.valueToTree(Template.fromStack(s).toJSON()));
    }
  }

  static Synth of(ZoneSyncConfig config) {
    return new Synth(config);
  }

  static Synth of(String yaml) {
    return new Synth(ZoneSyncConfig.parse(yaml));
  }

  static String sampleYaml() {
    try {
      return Files.readString(SAMPLE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every stack of the app: the parent, then the nested ones. */
  List<Stack> stacks() {
    List<Stack> all = new ArrayList<>();
    all.add(stack);
    all.addAll(stack.scheduleStacks());
    all.addAll(stack.alarmStacks());
    return all;
  }

  /** All templates as JSON: the parent, then the nested ones. */
  List<JsonNode> templates() {
    List<JsonNode> all = new ArrayList<>();
    all.add(json);
    all.addAll(nestedJson.values());
    all.addAll(alarmJson.values());
    return all;
  }

  /** cdk-nag AwsSolutions errors that are not suppressed, over the parent and nested stacks. */
  List<String> nagErrors() {
    return nagMessages(true);
  }

  /** cdk-nag AwsSolutions warnings that are not suppressed. */
  List<String> nagWarnings() {
    return nagMessages(false);
  }

  private List<String> nagMessages(boolean errors) {
    List<String> out = new ArrayList<>();
    // Nested stacks have no artifact of their own: their findings are in the parent's (see
    // NagTest.nag_findsErrorsInNestedStacksThroughTheParent).
    for (Stack s : List.<Stack>of(stack)) {
      Annotations a = Annotations.fromStack(s);
      List<SynthesisMessage> found =
          errors
              ? a.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
              : a.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
      for (SynthesisMessage m : found) {
        out.add(m.getId() + ": " + m.getEntry().getData());
      }
    }
    return out;
  }

  /** Resources of {@code type} in every template, keyed by logical ID. */
  Map<String, JsonNode> resources(String type) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode t : templates()) {
      t.path("Resources")
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().path("Type").asText().equals(type)) {
                  out.put(e.getKey(), e.getValue());
                }
              });
    }
    return out;
  }

  static int resourceCount(JsonNode template) {
    return template.path("Resources").size();
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp dir left behind is harmless
    }
  }

  private static Path dummyJar;

  /** A tiny jar standing in for lambda/target/zonesync.jar: the tests never need the real one. */
  static synchronized Path dummyJar() {
    if (dummyJar == null) {
      try {
        Path dir = Files.createTempDirectory("zonesync-dummy-");
        Path jar = dir.resolve("zonesync.jar");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
          out.putNextEntry(new ZipEntry("README"));
          out.write("stand-in for the engine jar in infra tests\n".getBytes());
          out.closeEntry();
        }
        dummyJar = jar;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dummyJar;
  }
}
