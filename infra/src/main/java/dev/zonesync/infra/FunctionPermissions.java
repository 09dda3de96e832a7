package dev.zonesync.infra;

import dev.zonesync.contract.AwsActions;
import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.ManagedPolicyPlan;
import dev.zonesync.infra.config.PolicySizes;
import dev.zonesync.infra.config.TsigKey;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;

/**
 * The function's role, least privilege: Route 53 on exactly the configured hosted zones and
 * GetSecretValue on exactly the TSIG secrets (customer managed policies, {@link
 * ManagedPolicyPlan}), catalog members' hosted zones under conditions ({@link CatalogPermissions});
 * inline, its log group, its network interfaces, the config path and the secrets' KMS keys. Builds
 * in the stack's scope (see {@link ZoneSyncStack}).
 */
final class FunctionPermissions {

  private final Stack stack;
  private final ZoneSyncConfig config;
  private final Role role;

  /**
   * @param hostedZoneIds every zone's hosted zone ID (see {@link CreatedHostedZones})
   */
  FunctionPermissions(
      Stack stack, ZoneSyncConfig config, LogGroup logGroup, Map<String, String> hostedZoneIds) {
    this.stack = stack;
    this.config = config;
    this.role =
        Role.Builder.create(stack, "FunctionRole")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("zonesync function: exactly the configured hosted zones and TSIG secrets")
            .inlinePolicies(Map.of("zonesync", inlinePolicy(logGroup)))
            .managedPolicies(managedPolicies(hostedZoneIds))
            .build();
    Annotations.of(stack).addInfo(PolicySizes.of(config).describe());
  }

  /** The scoped policies, then the catalogs' ({@link CatalogPermissions}). */
  private List<ManagedPolicy> managedPolicies(Map<String, String> hostedZoneIds) {
    List<ManagedPolicy> all = new ArrayList<>(scopedPolicies(hostedZoneIds));
    all.addAll(CatalogPermissions.managedPolicies(stack, config));
    return all;
  }

  Role role() {
    return role;
  }

  private PolicyDocument inlinePolicy(LogGroup logGroup) {
    Deployment d = config.deployment();
    List<PolicyStatement> statements = new ArrayList<>();
    statements.add(
        statement(
            List.of("logs:CreateLogStream", "logs:PutLogEvents"),
            List.of(logGroup.getLogGroupArn())));
    // What AWSLambdaVPCAccessExecutionRole grants: Lambda manages the function's ENIs with these;
    // ec2:Describe* has no resource-level permissions.
    statements.add(
        statement(
            List.of(
                "ec2:CreateNetworkInterface",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeSubnets",
                "ec2:DeleteNetworkInterface",
                "ec2:AssignPrivateIpAddresses",
                "ec2:UnassignPrivateIpAddresses"),
            List.of("*")));
    // Hosted-zone and secret ARNs go to managed policies (see scopedPolicies): with hundreds of
    // zones they outgrow the 10 KB a role's inline policies may hold.
    if (!d.tsigSecretKmsKeyArns().isEmpty()) {
      Set<String> via = new LinkedHashSet<>();
      for (TsigKey k : config.tsigKeys()) {
        k.secretsManagerArn()
            .ifPresent(arn -> via.add("secretsmanager." + arn.split(":")[3] + ".amazonaws.com"));
      }
      statements.add(
          PolicyStatement.Builder.create()
              .effect(Effect.ALLOW)
              .actions(List.of("kms:Decrypt"))
              .resources(d.tsigSecretKmsKeyArns())
              .conditions(Map.of("StringEquals", Map.of("kms:ViaService", List.copyOf(via))))
              .build());
    }
    String path = d.configParameterPath();
    // GetParametersByPath is authorised against the requested path, not the parameters returned.
    String pathArn =
        "arn:"
            + stack.getPartition()
            + ":ssm:"
            + d.region()
            + ":"
            + d.account()
            + ":parameter"
            + path;
    statements.add(statement(AwsActions.CONFIG_PATH, List.of(pathArn, pathArn + "/")));
    return PolicyDocument.Builder.create().statements(statements).build();
  }

  /** The customer managed policies, as {@link ManagedPolicyPlan} packs them. */
  private List<ManagedPolicy> scopedPolicies(Map<String, String> hostedZoneIds) {
    List<List<ManagedPolicyPlan.Statement>> plan = ManagedPolicyPlan.of(config).policies();
    List<ManagedPolicy> policies = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      List<PolicyStatement> statements = new ArrayList<>();
      for (ManagedPolicyPlan.Statement st : plan.get(i)) {
        List<String> arns = new ArrayList<>();
        for (ManagedPolicyPlan.Resource r : st.resources()) {
          arns.add(
              switch (r) {
                case ManagedPolicyPlan.HostedZone z ->
                    "arn:"
                        + stack.getPartition()
                        + ":route53:::hostedzone/"
                        + hostedZoneIds.get(z.zoneName());
                case ManagedPolicyPlan.Secret secret -> secret.arn();
              });
        }
        statements.add(statement(st.actions(), arns));
      }
      policies.add(
          ManagedPolicy.Builder.create(stack, "ScopedAccess" + i)
              .description(
                  "zonesync: Route 53 on the configured hosted zones, TSIG secrets ("
                      + (i + 1)
                      + " of "
                      + plan.size()
                      + ")")
              .document(PolicyDocument.Builder.create().statements(statements).build())
              .build());
    }
    return policies;
  }

  private static PolicyStatement statement(List<String> actions, List<String> resources) {
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(actions)
        .resources(resources)
        .build();
  }
}
