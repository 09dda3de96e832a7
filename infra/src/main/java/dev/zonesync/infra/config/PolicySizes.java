package dev.zonesync.infra.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sizes of the function role's customer managed policies, as synth reports them: each {@code
 * ScopedAccess} policy by {@link ManagedPolicyPlan}'s estimate (every ARN at its longest), the
 * {@code CatalogAccess} policy measured on its text ({@link CatalogPolicyPlan#characters()}).
 *
 * @param policies in the order the role attaches them
 */
public record PolicySizes(List<Entry> policies) {

  /** One policy: its construct ID and the characters it takes at most. */
  public record Entry(String name, int characters) {}

  public PolicySizes {
    policies = List.copyOf(policies);
  }

  /** The sizes of {@code config}'s policies. */
  public static PolicySizes of(ZoneSyncConfig config) {
    List<Entry> out = new ArrayList<>();
    List<Integer> scoped = ManagedPolicyPlan.of(config).estimatedCharacters();
    for (int i = 0; i < scoped.size(); i++) {
      out.add(new Entry("ScopedAccess" + i, scoped.get(i)));
    }
    CatalogPolicyPlan catalogs = CatalogPolicyPlan.of(config);
    if (!catalogs.isEmpty()) {
      out.add(new Entry("CatalogAccess", catalogs.characters()));
    }
    return new PolicySizes(out);
  }

  /** One line for the synth output. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (Entry e : policies) {
      parts.add(e.name() + " " + String.format(Locale.ROOT, "%,d", e.characters()));
    }
    return "IAM: the function role's managed policies take at most "
        + String.join(", ", parts)
        + " characters (IAM allows "
        + String.format(Locale.ROOT, "%,d", CatalogPolicyPlan.MANAGED_POLICY_LIMIT)
        + " each); "
        + policies.size()
        + " of the "
        + DeploymentRules.MAX_MANAGED_POLICIES
        + " policies a role can attach";
  }
}
