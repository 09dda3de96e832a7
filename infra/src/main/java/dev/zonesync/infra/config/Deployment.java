package dev.zonesync.infra.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code deployment} section: everything the CDK app needs beyond the engine's keys. The engine
 * ignores this section and it is not deployed with the config. Defaults and meanings are documented
 * in README.md ("deployment reference").
 *
 * @param resolver where the DELEGATE rules of delegated zone cuts go
 * @param profile the Route 53 Profile that carries the hosted zones and rules to other accounts
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
    Map<String, String> tags,
    Alarms alarms,
    Dashboard dashboard,
    Optional<ResolverSettings> resolver,
    Optional<ProfileSettings> profile) {

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

  /**
   * {@code deployment.scheduler}.
   *
   * @param fullReconcile a schedule of one {@code {"mode": "full"}} run of every zone (off by
   *     default: the zones' own {@code fullReconcileEvery} replaces it)
   * @param zonesPerSchedule the most zones one schedule (one invocation) carries
   */
  public record Scheduler(
      String defaultSchedule,
      Optional<String> fullReconcile,
      Optional<String> timezone,
      int retryAttempts,
      int maxEventAgeSeconds,
      int flexibleWindowMinutes,
      int nestedStacks,
      int zonesPerSchedule) {}

  /** {@code deployment.hostedZones}: settings for zones with {@code createHostedZone: true}. */
  public record HostedZones(List<VpcAssociation> vpcs) {}

  /**
   * {@code deployment.alarms}: the deployment's fixed set of alarms (zones failing, the heartbeat,
   * configuration, full reconciles, dead-letter queue, function errors and throttles), the per-zone
   * alarms of {@code metrics: detailed} zones, and where they notify.
   *
   * @param topicArn an existing SNS topic to notify instead of creating one
   * @param emails e-mail subscriptions of the created topic
   * @param notifyOk whether alarms also notify when they return to OK
   * @param periodSeconds the period of the zone alarms, and the shortest period of the others
   * @param staleAfterSeconds the heartbeat's window and the default window of a detailed zone's
   *     staleness alarm (zones may override it)
   * @param failingForSeconds how long zones must keep ending FAILED, REJECTED, PARTIAL or not
   *     started (and the function keep failing or waiting) before the alarm of that kind fires
   * @param quarantineAgeSeconds how long a catalog member may stay quarantined before the
   *     quarantine alarm fires (only with catalogs)
   */
  public record Alarms(
      boolean enabled,
      Optional<String> topicArn,
      List<String> emails,
      boolean notifyOk,
      int periodSeconds,
      int staleAfterSeconds,
      int failingForSeconds,
      int quarantineAgeSeconds) {

    /** Default of {@code failingFor}: three runs of a zone on the default 5-minute schedule. */
    public static final int DEFAULT_FAILING_FOR_SECONDS = 900;

    /**
     * Default of {@code quarantineAge}: a week, time for an operator to retire a member that left
     * its catalog for good, or to bring it back.
     */
    public static final int DEFAULT_QUARANTINE_AGE_SECONDS = 7 * 86400;

    /** Settings with the default {@code quarantineAge}. */
    public Alarms(
        boolean enabled,
        Optional<String> topicArn,
        List<String> emails,
        boolean notifyOk,
        int periodSeconds,
        int staleAfterSeconds,
        int failingForSeconds) {
      this(
          enabled,
          topicArn,
          emails,
          notifyOk,
          periodSeconds,
          staleAfterSeconds,
          failingForSeconds,
          DEFAULT_QUARANTINE_AGE_SECONDS);
    }

    /** Settings with the default {@code failingFor}. */
    public Alarms(
        boolean enabled,
        Optional<String> topicArn,
        List<String> emails,
        boolean notifyOk,
        int periodSeconds,
        int staleAfterSeconds) {
      this(
          enabled,
          topicArn,
          emails,
          notifyOk,
          periodSeconds,
          staleAfterSeconds,
          DEFAULT_FAILING_FOR_SECONDS);
    }
  }

  /** {@code deployment.dashboard}. */
  public record Dashboard(boolean enabled) {}

  /** A VPC a created private hosted zone is associated with. */
  public record VpcAssociation(String id, String region) {}

  /** The SSM parameter path under which the deployed config fragments live. */
  public String configParameterPath() {
    return "/" + name + "/config";
  }
}
