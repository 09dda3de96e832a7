package dev.zonesync.infra.config;

import dev.zonesync.contract.AwsActions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which hosted zones and TSIG secrets each of the function's customer managed policies grants:
 * {@link AwsActions#HOSTED_ZONE} on every configured hosted zone (the zones' and the catalogs' own)
 * and {@link AwsActions#TSIG_SECRET} on every TSIG secret (the zones', the catalogs' and their
 * groups': every key of {@code tsigKeys}), packed in config order so each policy stays under the
 * 6,144-character managed policy limit. (With hundreds of zones the ARNs outgrow the 10 KB a role's
 * inline policies may hold.) Pure: the stack turns the plan into resources, {@link DeploymentRules}
 * checks its size before any construct exists.
 *
 * @param policies the policies, each a list of statements
 */
public record ManagedPolicyPlan(List<List<Statement>> policies) {

  /** Characters a policy may take by the estimate below, of the 6,144 IAM allows. */
  static final int BUDGET = 5600;

  static final int POLICY_OVERHEAD = 60;
  static final int STATEMENT_OVERHEAD = 200;

  /** The longest partition: ARNs are estimated as deployed there. */
  static final String HOSTED_ZONE_ARN_PREFIX = "arn:aws-us-gov:route53:::hostedzone/";

  /** A created hosted zone's ID is unknown at synth: counted at Route 53's longest. */
  static final int CREATED_ID_LENGTH = 32;

  public ManagedPolicyPlan {
    policies = policies.stream().map(List::copyOf).toList();
  }

  /** What a statement is granted on; the stack maps it to an ARN. */
  public sealed interface Resource {
    /** The most characters the resource's ARN takes once deployed. */
    int estimatedArnLength();
  }

  /**
   * A hosted zone, named by the first zone using it (a catalog's by {@link
   * Catalog#hostedZoneKey()}).
   *
   * @param hostedZoneId absent for a zone the stack creates
   */
  public record HostedZone(String zoneName, Optional<String> hostedZoneId) implements Resource {
    @Override
    public int estimatedArnLength() {
      return HOSTED_ZONE_ARN_PREFIX.length()
          + hostedZoneId.map(String::length).orElse(CREATED_ID_LENGTH);
    }
  }

  /** A TSIG secret in Secrets Manager (its full ARN, from the config). */
  public record Secret(String arn) implements Resource {
    @Override
    public int estimatedArnLength() {
      return arn.length();
    }
  }

  /** One Allow statement. */
  public record Statement(List<String> actions, List<Resource> resources) {
    public Statement {
      actions = List.copyOf(actions);
      resources = List.copyOf(resources);
    }
  }

  /** The plan for {@code config}'s zones and TSIG keys. */
  public static ManagedPolicyPlan of(ZoneSyncConfig config) {
    // Several source zones may share one hosted zone (e.g. corp.example. and _msdcs.corp.example.).
    Set<String> seen = new LinkedHashSet<>();
    List<Resource> zones = new ArrayList<>();
    for (Zone z : config.zones()) {
      if (z.hostedZoneId().isEmpty() || seen.add(z.hostedZoneId().get())) {
        zones.add(new HostedZone(z.name(), z.hostedZoneId()));
      }
    }
    // a catalog's own hosted zone (zonesync's record of each member): per ARN like a zone's; its
    // members' zones are CatalogPolicyPlan's
    for (Catalog c : config.catalogs()) {
      if (c.hostedZoneId().isEmpty() || seen.add(c.hostedZoneId().get())) {
        zones.add(new HostedZone(c.hostedZoneKey(), c.hostedZoneId()));
      }
    }
    Set<String> secretArns = new LinkedHashSet<>();
    for (TsigKey k : config.tsigKeys()) {
      k.secretsManagerArn().ifPresent(secretArns::add);
    }
    List<Resource> secrets = secretArns.stream().<Resource>map(Secret::new).toList();
    return pack(
        List.of(
            Map.entry(AwsActions.HOSTED_ZONE, zones), Map.entry(AwsActions.TSIG_SECRET, secrets)));
  }

  /**
   * Each policy's size by the estimate the packing uses (every ARN at its longest), of IAM's 6,144
   * characters: what synth reports.
   */
  public List<Integer> estimatedCharacters() {
    List<Integer> out = new ArrayList<>();
    for (List<Statement> policy : policies) {
      int size = POLICY_OVERHEAD;
      for (Statement st : policy) {
        size += STATEMENT_OVERHEAD;
        for (Resource r : st.resources()) {
          size += r.estimatedArnLength() + 3;
        }
      }
      out.add(size);
    }
    return List.copyOf(out);
  }

  /**
   * Packs each group's resources, in order, into statements and policies: a policy is closed when
   * the next resource would take it over {@link #BUDGET}.
   */
  static ManagedPolicyPlan pack(List<Map.Entry<List<String>, List<Resource>>> groups) {
    List<List<Statement>> docs = new ArrayList<>();
    List<Statement> doc = new ArrayList<>();
    int size = POLICY_OVERHEAD;
    for (var group : groups) {
      List<Resource> chunk = new ArrayList<>();
      for (Resource r : group.getValue()) {
        int cost = r.estimatedArnLength() + 3;
        if (size + STATEMENT_OVERHEAD + cost > BUDGET) {
          if (!chunk.isEmpty()) {
            doc.add(new Statement(group.getKey(), chunk));
          }
          docs.add(doc);
          doc = new ArrayList<>();
          chunk = new ArrayList<>();
          size = POLICY_OVERHEAD;
        }
        if (chunk.isEmpty()) {
          size += STATEMENT_OVERHEAD;
        }
        chunk.add(r);
        size += cost;
      }
      if (!chunk.isEmpty()) {
        doc.add(new Statement(group.getKey(), chunk));
      }
    }
    if (!doc.isEmpty()) {
      docs.add(doc);
    }
    return new ManagedPolicyPlan(docs);
  }
}
