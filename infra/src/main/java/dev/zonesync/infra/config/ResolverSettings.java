package dev.zonesync.infra.config;

import java.util.List;
import java.util.Objects;

/**
 * {@code deployment.resolver}: where the Resolver DELEGATE rules of the zones' delegated cuts go
 * (README, "Delegations and other accounts").
 *
 * @param outboundEndpointId the outbound Resolver endpoint every DELEGATE rule sends its queries
 *     through: it must reach the delegated name servers
 * @param vpcs VPCs of this account and region each DELEGATE rule is associated with (VPCs of a
 *     Route 53 Profile get the rules through the Profile instead)
 */
public record ResolverSettings(String outboundEndpointId, List<String> vpcs) {
  public ResolverSettings {
    Objects.requireNonNull(outboundEndpointId, "outboundEndpointId");
    vpcs = List.copyOf(vpcs);
  }
}
