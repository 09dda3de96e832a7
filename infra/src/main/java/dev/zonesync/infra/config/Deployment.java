package dev.zonesync.infra.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code deployment} section: everything the CDK app needs beyond the engine's keys. The engine
 * ignores this section and it is not deployed with the config. Defaults and meanings are documented
 * in README.md ("deployment reference").
 */
public record Deployment(
    String name,
    String account,
    String region,
    Vpc vpc,
    SecurityGroup securityGroup,
    Function function,
    Scheduler scheduler,
    HostedZones hostedZones,
    List<String> tsigSecretKmsKeyArns,
    Map<String, String> tags) {

  /** {@code deployment.vpc}: where the function runs. */
  public record Vpc(
      String id,
      List<String> subnetIds,
      List<String> interfaceEndpoints,
      List<String> endpointSubnetIds) {}

  /** {@code deployment.securityGroup}: the function's egress. */
  public record SecurityGroup(
      List<String> httpsEgressCidrs,
      List<String> dnsEgressCidrs,
      Map<String, List<String>> masterCidrs,
      int maxEgressRules) {}

  /** {@code deployment.function}. */
  public record Function(int memoryMb, int timeoutSeconds, int logRetentionDays) {}

  /** {@code deployment.scheduler}. */
  public record Scheduler(
      String defaultSchedule,
      Optional<String> fullReconcile,
      Optional<String> timezone,
      int retryAttempts,
      int maxEventAgeSeconds,
      int flexibleWindowMinutes,
      int nestedStacks) {}

  /** {@code deployment.hostedZones}: settings for zones with {@code createHostedZone: true}. */
  public record HostedZones(List<VpcAssociation> vpcs) {}

  /** A VPC a created private hosted zone is associated with. */
  public record VpcAssociation(String id, String region) {}

  /** The SSM parameter path under which the deployed config fragments live. */
  public String configParameterPath() {
    return "/" + name + "/config";
  }
}
