package dev.zonesync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonesync.testing.EmulatorClients;
import dev.zonesync.testing.LambdaPackage;
import dev.zonesync.testing.LambdaRuntimeEmulator;
import dev.zonesync.testing.LambdaRuntimeEmulator.Invocation;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.Route53Proxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.route53.model.VPCRegion;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * What every deployment rehearsal does between a config file and an invocation, as {@code cdk
 * deploy} and Lambda would: the CDK app synthesizes the file with the real {@code zonesync.jar};
 * the hosted zones the template declares are created in the emulator as declared (name, comment,
 * VPCs) — CloudFormation does not run here — and their IDs filled in where the SSM parameters
 * reference them; the parameters go into the emulator's SSM; the staged asset, unpacked as Lambda
 * unpacks it, runs under the real Runtime Interface Client inside the Runtime Interface Emulator on
 * Java 21 with the template's handler, memory, timeout and environment plus the emulator endpoints.
 * Route 53 is reached through a counting {@link Route53Proxy}.
 */
final class Rehearsal implements AutoCloseable {

  static final String REGION = "eu-west-1";
  static final String FUNCTION_NAME = "zonesync-Function-Rehearsal";

  private final AwsEmulator emulator;
  private final MotoServer aws;
  private final Route53Proxy proxy;
  private final Path work;
  private final SsmClient ssm;
  private final List<String> secrets = new ArrayList<>();
  private final Map<String, String> table = new LinkedHashMap<>();
  private final Map<String, String> createdZones = new LinkedHashMap<>();
  private SynthesizedDeployment deployment;
  private SortedMap<String, String> parameters;
  private LambdaPackage pkg;

  Rehearsal(AwsEmulator emulator) throws IOException {
    this.emulator = emulator;
    this.aws = emulator.aws();
    this.work = Files.createTempDirectory("zonesync-rehearsal-");
    this.proxy = Route53Proxy.in(aws);
    this.ssm = EmulatorClients.ssm(aws, REGION);
  }

  AwsEmulator emulator() {
    return emulator;
  }

  /** The emulator's endpoint, as the harness's Route 53 / SSM / Secrets Manager handle. */
  MotoServer aws() {
    return aws;
  }

  Route53Proxy proxy() {
    return proxy;
  }

  SsmClient ssm() {
    return ssm;
  }

  SecretsManagerClient secretsManager() {
    return EmulatorClients.secretsManager(aws, REGION);
  }

  SynthesizedDeployment deployment() {
    return deployment;
  }

  /** The SSM parameters as deployed: the created hosted zones' IDs filled in. */
  SortedMap<String, String> parameters() {
    return parameters;
  }

  /** The hosted zones created for the template, ID by logical ID. */
  Map<String, String> createdHostedZones() {
    return Map.copyOf(createdZones);
  }

  /**
   * A TSIG key in the emulator's Secrets Manager, as a BIND key file (the form the function reads);
   * its secret is checked never to appear in the function's output.
   *
   * @return the secret's ARN
   */
  String createTsigSecret(String keyName, String secret) {
    secrets.add(secret);
    try (SecretsManagerClient sm = secretsManager()) {
      return sm.createSecret(
              b ->
                  b.name("zonesync/tsig-" + keyName.replace(".", "") + "-" + System.nanoTime())
                      .secretString(
                          "key \""
                              + keyName
                              + "\" {\n\talgorithm hmac-sha256;\n\tsecret \""
                              + secret
                              + "\";\n};\n"))
          .arn();
    }
  }

  /**
   * "cdk deploy" of {@code configYaml}: synthesizes it, creates the hosted zones the template
   * declares, writes the parameters the stack writes, and unpacks the function's code asset.
   */
  void deploy(String configYaml) throws IOException {
    Path config = work.resolve("zonesync.yaml");
    Files.writeString(config, configYaml);
    deployment =
        SynthesizedDeployment.synth(
            config, UnpackedPackageIT.deploymentPackage(), work.resolve("cdk.out"));
    for (SynthesizedDeployment.DeclaredHostedZone z : deployment.hostedZones()) {
      createdZones.put(z.logicalId(), create(z));
    }
    parameters = deployment.parameters(createdZones);
    parameters.forEach(
        (name, value) ->
            ssm.putParameter(
                b -> b.name(name).value(value).type(ParameterType.STRING).overwrite(true)));
    pkg = LambdaPackage.unpack(deployment.codeAsset());
  }

  /**
   * A hosted zone as CloudFormation creates it from the template: private, in its first VPC, then
   * associated with the others; the initial SOA as AWS writes it.
   */
  private String create(SynthesizedDeployment.DeclaredHostedZone z) {
    assertThat(z.vpcs()).as("VPCs of " + z.logicalId() + ": only private zones").isNotEmpty();
    SynthesizedDeployment.Vpc first = z.vpcs().get(0);
    String id =
        aws.createPrivateHostedZone(
            z.name().toLowerCase(java.util.Locale.ROOT),
            first.id(),
            VPCRegion.fromValue(first.region()),
            z.comment(),
            true);
    for (SynthesizedDeployment.Vpc v : z.vpcs().subList(1, z.vpcs().size())) {
      aws.client()
          .associateVPCWithHostedZone(
              b -> b.hostedZoneId(id).vpc(x -> x.vpcId(v.id()).vpcRegion(v.region())));
    }
    return id;
  }

  /** The template's environment plus what points the function at the emulators. */
  LambdaRuntimeEmulator start() {
    Map<String, String> env = new LinkedHashMap<>(deployment.environment());
    env.put("AWS_ENDPOINT_URL", aws.endpoint().toString()); // SSM, Secrets Manager
    env.put(MotoServer.ENDPOINT_ENV, proxy.endpoint().toString()); // Route 53, counted
    return LambdaRuntimeEmulator.builder(pkg, deployment.handler())
        .environment(env)
        .functionName(FUNCTION_NAME)
        .memoryMb(deployment.memoryMb())
        .timeoutSeconds(deployment.timeoutSeconds())
        .region(REGION)
        .start();
  }

  /** One invocation, its Route 53 calls counted from zero; no TSIG secret in its output. */
  Invocation invoke(LambdaRuntimeEmulator function, String payload) {
    proxy.clear();
    Invocation r = function.invoke(payload);
    for (String secret : secrets) {
      assertThat(r.lines()).as("secret in the output").noneMatch(l -> l.contains(secret));
    }
    return r;
  }

  /** A line of the table printed at the end: statuses, Route 53 calls by operation, wall time. */
  void record(String payload, Invocation r) {
    String outcome;
    if (r.isError()) {
      outcome = "error " + r.json().path("errorType").asText();
    } else {
      Map<String, String> zones = new TreeMap<>();
      for (JsonNode z : r.json().path("zones")) {
        zones.put(
            z.path("zone").asText(), z.path("status").asText() + "/" + z.path("transfer").asText());
      }
      outcome = zones.toString();
      Map<String, String> catalogs = new TreeMap<>();
      for (JsonNode c : r.json().path("catalogs")) {
        catalogs.put(c.path("name").asText(), c.path("status").asText());
      }
      if (!catalogs.isEmpty()) {
        outcome += ", catalogs " + catalogs;
      }
    }
    table.put(
        payload,
        outcome + ", " + proxy.countsByOperation() + ", " + r.wallTime().toMillis() + " ms");
  }

  @Override
  public void close() {
    System.out.println(
        "deployment rehearsal against "
            + emulator.name()
            + " (payload: status per zone, Route 53 calls):");
    table.forEach((k, v) -> System.out.println("  " + k + ": " + v));
    if (pkg != null) {
      pkg.close();
    }
    ssm.close();
    proxy.close();
    try (var files = Files.walk(work)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("cannot delete " + work + ": " + e);
    }
  }
}
