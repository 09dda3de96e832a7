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
 * environment, its code asset as staged, the SSM parameters with their values, the hosted zones the
 * stack creates and the schedules' inputs.
 *
 * <p>Intrinsic functions in parameter values are resolved only where the deployment rehearsal can
 * know the result: {@code Fn::Join} of strings, and the ID of a hosted zone the stack creates
 * ({@code Ref} or {@code Fn::GetAtt [zone, Id]}) once the rehearsal created that zone ({@link
 * #parameters(Map)}); anything else fails, naming the parameter.
 *
 * @param parameterValues each SSM parameter's {@code Value} as synthesized, by name
 * @param outdir the cloud assembly
 */
record SynthesizedDeployment(
    String stackName,
    String handler,
    String runtime,
    int memoryMb,
    int timeoutSeconds,
    Map<String, String> environment,
    Path codeAsset,
    SortedMap<String, JsonNode> parameterValues,
    JsonNode template,
    Path outdir) {

  /** A VPC of a hosted zone the template declares. */
  record Vpc(String id, String region) {}

  /**
   * An {@code AWS::Route53::HostedZone} of the stack, as declared.
   *
   * @param vpcs in the template's order (CloudFormation creates the zone with the first)
   */
  record DeclaredHostedZone(String logicalId, String name, String comment, List<Vpc> vpcs) {}

  /** An {@code AWS::Scheduler::Schedule}: where it is declared and what it sends. */
  record Schedule(String template, String logicalId, String expression, String input) {}

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
    SortedMap<String, JsonNode> parameters = new TreeMap<>();
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
        parameters.put(p.path("Name").asText(), p.path("Value"));
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
        .forEachRemaining(
            e -> env.put(e.getKey(), resolve("the function", e.getValue(), Map.of())));
    return new SynthesizedDeployment(
        stackName,
        function.path("Handler").asText(),
        function.path("Runtime").asText(),
        function.path("MemorySize").asInt(),
        function.path("Timeout").asInt(),
        env,
        codeAsset(outdir, stackName, function.path("Code").path("S3Key").asText()),
        parameters,
        template,
        outdir);
  }

  /** The SSM parameters with their values; fails if one needs a resource created at deploy. */
  SortedMap<String, String> parameters() {
    return parameters(Map.of());
  }

  /**
   * The SSM parameters with their values, the IDs of the hosted zones the stack creates filled in.
   *
   * @param createdIds each created hosted zone's ID (bare, as {@code Ref} and {@code Fn::GetAtt Id}
   *     give it) by its logical ID
   */
  SortedMap<String, String> parameters(Map<String, String> createdIds) {
    SortedMap<String, String> out = new TreeMap<>();
    parameterValues.forEach((name, value) -> out.put(name, resolve(name, value, createdIds)));
    return out;
  }

  /** The hosted zones the stack creates, in template order. */
  List<DeclaredHostedZone> hostedZones() {
    List<DeclaredHostedZone> out = new ArrayList<>();
    template
        .path("Resources")
        .fields()
        .forEachRemaining(
            r -> {
              if (!r.getValue().path("Type").asText().equals("AWS::Route53::HostedZone")) {
                return;
              }
              JsonNode p = r.getValue().path("Properties");
              List<Vpc> vpcs = new ArrayList<>();
              for (JsonNode v : p.path("VPCs")) {
                vpcs.add(
                    new Vpc(
                        resolve(r.getKey(), v.path("VPCId"), Map.of()),
                        resolve(r.getKey(), v.path("VPCRegion"), Map.of())));
              }
              out.add(
                  new DeclaredHostedZone(
                      r.getKey(),
                      resolve(r.getKey(), p.path("Name"), Map.of()),
                      p.path("HostedZoneConfig").path("Comment").asText(null),
                      vpcs));
            });
    return out;
  }

  /** Every schedule of the stack and of its nested stacks, templates in name order. */
  List<Schedule> schedules() {
    List<Schedule> out = new ArrayList<>();
    List<Path> templates = new ArrayList<>();
    templates.add(outdir.resolve(stackName + ".template.json"));
    try (var files = Files.list(outdir)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".nested.template.json"))
          .sorted()
          .forEach(templates::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + outdir, e);
    }
    for (Path f : templates) {
      readJson(f)
          .path("Resources")
          .fields()
          .forEachRemaining(
              r -> {
                if (r.getValue().path("Type").asText().equals("AWS::Scheduler::Schedule")) {
                  JsonNode p = r.getValue().path("Properties");
                  out.add(
                      new Schedule(
                          f.getFileName().toString(),
                          r.getKey(),
                          p.path("ScheduleExpression").asText(),
                          p.path("Target").path("Input").asText()));
                }
              });
    }
    return out;
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

  private static String resolve(String where, JsonNode value, Map<String, String> createdIds) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isObject() && value.has("Fn::Join")) {
      JsonNode args = value.get("Fn::Join");
      List<String> parts = new ArrayList<>();
      for (JsonNode part : args.get(1)) {
        parts.add(resolve(where, part, createdIds));
      }
      return String.join(args.get(0).asText(), parts);
    }
    // a created hosted zone's ID: Ref and Fn::GetAtt Id both give the bare ID
    String created = null;
    if (value.isObject() && value.has("Ref")) {
      created = value.get("Ref").asText();
    } else if (value.isObject()
        && value.has("Fn::GetAtt")
        && value.get("Fn::GetAtt").size() == 2
        && value.get("Fn::GetAtt").get(1).asText().equals("Id")) {
      created = value.get("Fn::GetAtt").get(0).asText();
    }
    if (created != null && createdIds.containsKey(created)) {
      return createdIds.get(created);
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
