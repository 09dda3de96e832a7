package dev.zonesync.infra;

import dev.zonesync.infra.config.CatalogPolicyPlan;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The function's grants for catalog members, whose hosted zones exist only at run time: one
 * customer managed policy {@code CatalogAccess} with {@link CatalogPolicyPlan}'s statements and
 * their conditions (none without catalogs). Builds in the stack's scope (see {@link
 * ZoneSyncStack}).
 */
final class CatalogPermissions {
  private CatalogPermissions() {}

  /** The policy to attach to the function's role, or none. */
  static List<ManagedPolicy> managedPolicies(Stack stack, ZoneSyncConfig config) {
    CatalogPolicyPlan plan = CatalogPolicyPlan.of(config);
    if (plan.isEmpty()) {
      return List.of();
    }
    List<PolicyStatement> statements = new ArrayList<>();
    for (CatalogPolicyPlan.Statement s : plan.statements()) {
      PolicyStatement.Builder b =
          PolicyStatement.Builder.create()
              .sid(s.sid())
              .effect(Effect.ALLOW)
              .actions(s.actions())
              .resources(s.resources(stack.getPartition()));
      if (!s.conditions().isEmpty()) {
        // in the plan's order: Map.copyOf's would change from one JVM to the next
        b.conditions(new LinkedHashMap<String, Object>(s.conditions()));
      }
      statements.add(b.build());
    }
    ManagedPolicy policy =
        ManagedPolicy.Builder.create(stack, "CatalogAccess")
            .description(
                "zonesync: Route 53 on catalog members' hosted zones, under the catalogs' createIn,"
                    + " exposeTo and allow conditions")
            .document(PolicyDocument.Builder.create().statements(statements).build())
            .build();
    Nag.suppressCatalogAccess(stack, policy);
    return List.of(policy);
  }
}
