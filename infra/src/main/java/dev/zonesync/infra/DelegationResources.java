package dev.zonesync.infra;

import dev.zonesync.config.CatalogSettings;
import dev.zonesync.infra.config.DelegationPlan;
import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.ProfileSettings;
import dev.zonesync.infra.config.ResolverSettings;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ram.CfnResourceShare;
import software.amazon.awscdk.services.route53profiles.CfnProfile;
import software.amazon.awscdk.services.route53profiles.CfnProfileAssociation;
import software.amazon.awscdk.services.route53profiles.CfnProfileResourceAssociation;
import software.amazon.awscdk.services.route53resolver.CfnResolverRule;
import software.amazon.awscdk.services.route53resolver.CfnResolverRuleAssociation;
import software.constructs.Construct;

/**
 * The DNS the deployment reaches beyond its own hosted zones (README, "Delegations and other
 * accounts"): one Resolver DELEGATE rule per delegated cut ({@code zones[].delegations}) through
 * {@code deployment.resolver.outboundEndpointId}, associated with {@code deployment.resolver.vpcs};
 * and the Route 53 Profile of {@code deployment.profile} (created, or an existing one), carrying
 * every hosted zone the stack knows and every DELEGATE rule, shared through RAM with {@code
 * shareWith}, associated with {@code associateVpcs}. Builds in the stack's scope (see {@link
 * ZoneSyncStack}).
 *
 * <p>Logical IDs and names come from the cut, the hosted zone ID (or zone name, for a created zone)
 * and the VPC, never from positions: adding or removing one leaves the others alone.
 */
final class DelegationResources {

  /** Rule type of a Resolver rule that follows NS referrals from a private hosted zone. */
  static final String DELEGATE = "DELEGATE";

  /** The longest name a Resolver rule or a Profile association takes. */
  static final int MAX_NAME = 64;

  private final Map<String, CfnResolverRule> rules = new LinkedHashMap<>();
  private final CfnProfile createdProfile;
  private final CfnResourceShare share;

  /**
   * @param hostedZoneIds every zone's hosted zone ID by zone name ({@link
   *     CreatedHostedZones#hostedZoneIds()}: a token for a zone the stack creates)
   */
  DelegationResources(Stack stack, ZoneSyncConfig config, Map<String, String> hostedZoneIds) {
    Deployment d = config.deployment();
    DelegationPlan plan = DelegationPlan.of(config);
    if (plan.cuts().isEmpty() && d.resolver().isPresent()) {
      Annotations.of(stack)
          .addWarningV2(
              "zonesync:resolverWithoutDelegations",
              "deployment.resolver has no effect: no zone delegates a cut (zones[].delegations"
                  + " with zoneCuts: delegate), so the stack creates no DELEGATE rule");
    }
    Construct ruleScope = new Construct(stack, "DelegateRule");
    Construct ruleVpcScope = new Construct(stack, "DelegateRuleVpc");
    for (Map.Entry<String, List<String>> e : plan.cuts().entrySet()) {
      String cut = e.getKey();
      ResolverSettings r = d.resolver().orElseThrow();
      CfnResolverRule rule =
          CfnResolverRule.Builder.create(ruleScope, cut)
              .ruleType(DELEGATE)
              .delegationRecord(DelegationPlan.delegationRecord(cut))
              .resolverEndpointId(r.outboundEndpointId())
              .name(name(d.name() + "-delegate-", cut))
              .build();
      rules.put(cut, rule);
      Construct byVpc = new Construct(ruleVpcScope, cut);
      for (String vpc : r.vpcs()) {
        CfnResolverRuleAssociation.Builder.create(byVpc, vpc)
            .resolverRuleId(rule.getAttrResolverRuleId())
            .vpcId(vpc)
            .name(name(d.name() + "-" + vpc + "-", cut))
            .build();
      }
    }

    if (d.profile().isEmpty()) {
      this.createdProfile = null;
      this.share = null;
      return;
    }
    ProfileSettings p = d.profile().get();
    warnOfCatalogsExposedElsewhere(stack, config, p);
    String profileId;
    String profileArn;
    if (p.create()) {
      this.createdProfile =
          CfnProfile.Builder.create(stack, "Profile").name(p.name().orElseThrow()).build();
      // Other accounts' VPCs may be associated with it, and CloudFormation cannot delete a
      // Profile that has VPC associations: keep it, as the created hosted zones are kept.
      createdProfile.applyRemovalPolicy(RemovalPolicy.RETAIN);
      profileId = createdProfile.getAttrId();
      profileArn = createdProfile.getAttrArn();
    } else {
      this.createdProfile = null;
      profileId = p.id().orElseThrow();
      profileArn =
          stack.formatArn(
              ArnComponents.builder()
                  .service("route53profiles")
                  .resource("profile")
                  .resourceName(profileId)
                  .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                  .build());
    }
    Construct zoneScope = new Construct(stack, "ProfileHostedZone");
    for (DelegationPlan.ProfileZone z : plan.profileZones()) {
      String id;
      String key;
      if (z.hostedZoneId().isPresent()) {
        id = z.hostedZoneId().get();
        key = id;
      } else {
        id = hostedZoneIds.get(z.zone());
        key = z.zone();
      }
      CfnProfileResourceAssociation.Builder.create(zoneScope, key)
          .name(name("hosted-zone-", key))
          .profileId(profileId)
          .resourceArn("arn:" + stack.getPartition() + ":route53:::hostedzone/" + id)
          .build();
    }
    // the rules too: without them another account's VPC gets the cut's NS but no delegation
    Construct profileRuleScope = new Construct(stack, "ProfileRule");
    rules.forEach(
        (cut, rule) ->
            CfnProfileResourceAssociation.Builder.create(profileRuleScope, cut)
                .name(name("delegate-", cut))
                .profileId(profileId)
                .resourceArn(rule.getAttrArn())
                .build());
    Construct vpcScope = new Construct(stack, "ProfileVpc");
    for (String vpc : p.associateVpcs()) {
      CfnProfileAssociation.Builder.create(vpcScope, vpc)
          .name(name(d.name() + "-", vpc))
          .profileId(profileId)
          .resourceId(vpc)
          .build();
    }
    if (p.shareWith().isEmpty()) {
      this.share = null;
    } else {
      this.share =
          CfnResourceShare.Builder.create(stack, "ProfileShare")
              .name(d.name() + "-route53-profile")
              .resourceArns(List.of(profileArn))
              .principals(p.shareWith())
              .allowExternalPrincipals(p.allowExternalPrincipals())
              .build();
    }
    CfnOutput.Builder.create(stack, "ProfileId")
        .description(
            "The Route 53 Profile with the mirrored hosted zones and DELEGATE rules: workload"
                + " accounts associate their VPCs with it (aws route53profiles associate-profile)")
        .value(profileId)
        .build();
  }

  /**
   * Catalog members are associated with a Profile by the function ({@code exposeTo.profile}): one
   * other than {@code deployment.profile.id} is allowed (a VPC has one Profile, but a deployment
   * may serve two), and most likely a slip.
   */
  private static void warnOfCatalogsExposedElsewhere(
      Stack stack, ZoneSyncConfig config, ProfileSettings p) {
    if (p.id().isEmpty()) {
      return;
    }
    for (int i = 0; i < config.engine().catalogs().size(); i++) {
      CatalogSettings c = config.engine().catalogs().get(i);
      if (c.exposeTo() instanceof CatalogSettings.ToProfile to
          && !to.profileId().equals(p.id().get())) {
        Annotations.of(stack)
            .addWarningV2(
                "zonesync:catalogExposedToAnotherProfile",
                "catalogs["
                    + i
                    + "] ("
                    + c.name()
                    + ").hostedZones.exposeTo.profile is "
                    + to.profileId()
                    + ", not deployment.profile.id "
                    + p.id().get()
                    + ": its members reach the VPCs of that Profile only");
      }
    }
  }

  /** The DELEGATE rules by cut, in DNS name order. */
  Map<String, CfnResolverRule> rules() {
    return java.util.Collections.unmodifiableMap(rules);
  }

  /** The Profile the stack created, if it created one. */
  Optional<CfnProfile> createdProfile() {
    return Optional.ofNullable(createdProfile);
  }

  /** The Profile's RAM share, if it is shared. */
  Optional<CfnResourceShare> share() {
    return Optional.ofNullable(share);
  }

  /**
   * A name Resolver and Route 53 Profiles accept (letters, digits, '-', '_', at most 64, never only
   * digits): {@code prefix} and {@code text} with every other character a '-' and without a
   * trailing dot; cut to fit with an 8-hex hash of the whole text, so long names stay distinct and
   * the same from one synth to the next.
   */
  static String name(String prefix, String text) {
    String t =
        text.endsWith(".") && text.length() > 1 ? text.substring(0, text.length() - 1) : text;
    String full = (prefix + t).replaceAll("[^A-Za-z0-9_-]", "-");
    if (full.length() <= MAX_NAME) {
      return full;
    }
    String hash = sha256(prefix + "\n" + text).substring(0, 8);
    return full.substring(0, MAX_NAME - hash.length() - 1) + "-" + hash;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
