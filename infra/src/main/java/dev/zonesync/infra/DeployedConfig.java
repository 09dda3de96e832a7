package dev.zonesync.infra;

import dev.zonesync.infra.config.ConfigFragments;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ssm.ParameterTier;
import software.amazon.awscdk.services.ssm.StringParameter;

/**
 * The engine's configuration as the function reads it: standard-tier SSM parameters under {@code
 * deployment.configParameterPath}, one per fragment, with the created hosted zones' IDs filled in.
 * Builds in the stack's scope (see {@link ZoneSyncStack}).
 */
final class DeployedConfig {

  private final ConfigFragments fragments;
  private final List<StringParameter> parameters = new ArrayList<>();

  /**
   * @param hostedZoneIds every zone's hosted zone ID (see {@link CreatedHostedZones})
   */
  DeployedConfig(Stack stack, ZoneSyncConfig config, Map<String, String> hostedZoneIds) {
    String path = config.deployment().configParameterPath();
    this.fragments = ConfigFragments.pack(config, ConfigFragments.STANDARD_TIER_LIMIT);
    for (int i = 0; i < fragments.values().size(); i++) {
      String n = String.format("%03d", i);
      StringParameter parameter =
          StringParameter.Builder.create(stack, "ConfigFragment" + n)
              .parameterName(path + "/" + n)
              .description(
                  "zonesync config fragment "
                      + (i + 1)
                      + " of "
                      + fragments.values().size()
                      + " (revision "
                      + fragments.revision()
                      + "); written by cdk deploy, do not edit")
              .tier(ParameterTier.STANDARD)
              .stringValue(ConfigFragments.resolve(fragments.values().get(i), hostedZoneIds))
              .build();
      // One at a time: CloudFormation writing many parameters at once runs into SSM's
      // PutParameter throttling.
      if (!parameters.isEmpty()) {
        parameter.getNode().addDependency(parameters.get(parameters.size() - 1));
      }
      parameters.add(parameter);
    }
  }

  /** The fragments and their revision (part of the function's description, so of its version). */
  ConfigFragments fragments() {
    return fragments;
  }

  /** The parameters in name order. */
  List<StringParameter> parameters() {
    return List.copyOf(parameters);
  }
}
