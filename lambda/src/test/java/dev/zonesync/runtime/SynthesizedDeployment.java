package dev.zonesync.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.infra.ZoneSyncApp;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.services.lambda.Code;

/**
 * What {@code cdk deploy} would ship for one config file, read back from the synthesized cloud
 * assembly (not from the CDK app's objects): the function's handler, memory, timeout and
 * environment, its code asset as staged, and the SSM parameters with their values.
 *
 * <p>Intrinsic functions in parameter values are resolved only where the deployment rehearsal can
 * know the result ({@code Fn::Join} of strings); anything else fails, naming the parameter.
 */
record SynthesizedDeployment(
    String stackName,
    String handler,
    String runtime,
    int memoryMb,
    int timeoutSeconds,
    Map<String, String> environment,
    Path codeAsset,
    SortedMap<String, String> parameters,
    JsonNode template) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Synthesizes {@code configFile} with {@code jar} as the function's code into {@code outdir}. */
  static SynthesizedDeployment synth(Path configFile, Path jar, Path outdir) {
    ZoneSyncConfig config = ZoneSyncConfig.load(configFile);
    App app = App.Builder.create().outdir(outdir.toString()).build();
    ZoneSyncApp.create(app, config, Code.fromAsset(jar.toString()));
    app.synth();
    return read(outdir, config.deployment().name());
  }

  static SynthesizedDeployment read(Path outdir, String stackName) {
    JsonNode template = readJson(outdir.resolve(stackName + ".template.json"));
    JsonNode function = null;
    SortedMap<String, String> parameters = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      String type = r.getValue().path("Type").asText();
      JsonNode p = r.getValue().path("Properties");
      if (type.equals("AWS::Lambda::Function")) {
        if (function != null) {
          throw new IllegalStateException("more than one function in " + stackName);
        }
        function = p;
      } else if (type.equals("AWS::SSM::Parameter")) {
        parameters.put(p.path("Name").asText(), resolve(r.getKey(), p.path("Value")));
      }
    }
    if (function == null) {
      throw new IllegalStateException("no AWS::Lambda::Function in " + stackName);
    }
    Map<String, String> env = new LinkedHashMap<>();
    function
        .path("Environment")
        .path("Variables")
        .fields()
        .forEachRemaining(e -> env.put(e.getKey(), resolve("the function", e.getValue())));
    return new SynthesizedDeployment(
        stackName,
        function.path("Handler").asText(),
        function.path("Runtime").asText(),
        function.path("MemorySize").asInt(),
        function.path("Timeout").asInt(),
        env,
        codeAsset(outdir, stackName, function.path("Code").path("S3Key").asText()),
        parameters,
        template);
  }

  /** The staged file behind the function's S3 key, as the asset manifest names it. */
  private static Path codeAsset(Path outdir, String stackName, String s3Key) {
    JsonNode assets = readJson(outdir.resolve(stackName + ".assets.json"));
    for (Iterator<Map.Entry<String, JsonNode>> it = assets.path("files").fields(); it.hasNext(); ) {
      JsonNode a = it.next().getValue();
      for (JsonNode dest : a.path("destinations")) {
        if (dest.path("objectKey").asText().equals(s3Key)) {
          return outdir.resolve(a.path("source").path("path").asText());
        }
      }
    }
    throw new IllegalStateException("no asset in " + stackName + ".assets.json for " + s3Key);
  }

  private static String resolve(String where, JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isObject() && value.has("Fn::Join")) {
      JsonNode args = value.get("Fn::Join");
      List<String> parts = new ArrayList<>();
      for (JsonNode part : args.get(1)) {
        parts.add(resolve(where, part));
      }
      return String.join(args.get(0).asText(), parts);
    }
    throw new IllegalStateException(
        where + ": the rehearsal cannot resolve " + value + " (not known before a deploy)");
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
