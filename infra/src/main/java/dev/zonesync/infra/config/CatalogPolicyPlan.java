package dev.zonesync.infra.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.config.CatalogSettings;
import dev.zonesync.config.VpcRef;
import dev.zonesync.contract.AwsActions;
import dev.zonesync.plan.NamePattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IAM statements of the catalogs' members, one customer managed policy ({@code CatalogAccess})
 * whatever the member count: a member's hosted zone ID exists only once the function created it, so
 * no statement can name it. Instead each grant is bounded by what IAM can condition it on:
 *
 * <ul>
 *   <li>{@code route53:CreateHostedZone} on {@code *} (Route 53 cannot restrict it by name or tag)
 *       only with {@code route53:VPCs} = the {@code createIn} VPCs, and the key present: {@code
 *       ForAllValues} alone is true for a request without VPCs, a public hosted zone;
 *   <li>{@code route53:AssociateVPCWithHostedZone} only with {@code route53:VPCs} = the {@code
 *       exposeTo} VPCs, on {@code hostedzone/*} and those VPCs' ARNs;
 *   <li>{@code route53profiles:AssociateResourceToProfile} on {@code *} (the action has no
 *       resource-level permission: the Profile cannot be named) only for a hosted zone whose domain
 *       matches {@code allow} ({@code route53profiles:HostedZoneDomains});
 *   <li>{@code route53:ChangeResourceRecordSets} on {@code hostedzone/*} only when every record
 *       name of the request lies inside {@code allow} ({@code
 *       route53:ChangeResourceRecordSetsNormalizedRecordNames}, {@link #recordNamePatterns});
 *   <li>the reads and tags the engine calls on {@code hostedzone/*}, and the account-wide reads on
 *       {@code *}: {@link AwsActions#CATALOG_HOSTED_ZONES}, {@link AwsActions#CATALOG_ACCOUNT}.
 * </ul>
 *
 * Nothing here deletes a hosted zone or disassociates a VPC. The catalogs' own hosted zones keep
 * per-ARN grants ({@link ManagedPolicyPlan}). Pure: {@link DeploymentRules} checks the size before
 * any construct exists.
 *
 * @param statements in a fixed order; empty without catalogs
 */
public record CatalogPolicyPlan(List<Statement> statements) {

  /** IAM's limit on a customer managed policy, in characters (whitespace not counted). */
  public static final int MANAGED_POLICY_LIMIT = 6144;

  /** Stands for the partition in {@link Statement#resources()}; the stack puts its own there. */
  public static final String PARTITION = "${Partition}";

  /** The longest partition: sizes are measured as if deployed there. */
  static final String LONGEST_PARTITION = "aws-us-gov";

  /** Every hosted zone of the account. */
  public static final String ALL_HOSTED_ZONES = "arn:" + PARTITION + ":route53:::hostedzone/*";

  private static final ObjectMapper JSON = new ObjectMapper();

  public CatalogPolicyPlan {
    statements = List.copyOf(statements);
  }

  /**
   * One Allow statement.
   *
   * @param resources ARNs with {@link #PARTITION} for the partition, or {@code *}
   * @param conditions operator → key → value(s), in a fixed order
   */
  public record Statement(
      String sid,
      List<String> actions,
      List<String> resources,
      Map<String, Map<String, Object>> conditions) {
    public Statement {
      actions = List.copyOf(actions);
      resources = List.copyOf(resources);
      Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
      conditions.forEach(
          (op, keys) -> copy.put(op, Collections.unmodifiableMap(new LinkedHashMap<>(keys))));
      conditions = Collections.unmodifiableMap(copy);
    }

    /** The resources in {@code partition}. */
    public List<String> resources(String partition) {
      return resources.stream().map(r -> r.replace(PARTITION, partition)).toList();
    }
  }

  /** The plan of {@code config}'s catalogs. */
  public static CatalogPolicyPlan of(ZoneSyncConfig config) {
    return of(
        config.catalogs().stream().map(Catalog::engine).toList(), config.deployment().account());
  }

  /** The plan of {@code catalogs} in account {@code account}. */
  static CatalogPolicyPlan of(List<CatalogSettings> catalogs, String account) {
    if (catalogs.isEmpty()) {
      return new CatalogPolicyPlan(List.of());
    }
    Set<String> createIn = new LinkedHashSet<>();
    Set<VpcRef> exposeVpcs = new LinkedHashSet<>();
    Set<String> profileDomains = new LinkedHashSet<>();
    Set<String> recordNames = new LinkedHashSet<>();
    for (CatalogSettings c : catalogs) {
      if (c.create()) {
        createIn.add(vpcValue(c.createIn()));
      }
      switch (c.exposeTo()) {
        case CatalogSettings.ToVpcs v -> exposeVpcs.addAll(v.vpcs());
        case CatalogSettings.ToProfile p ->
            c.allow().forEach(a -> profileDomains.add(hostedZoneDomainPattern(a)));
        case CatalogSettings.Nowhere n -> {}
      }
      c.allow().forEach(a -> recordNames.addAll(recordNamePatterns(a)));
    }
    List<Statement> out = new ArrayList<>();
    if (!createIn.isEmpty()) {
      out.add(
          new Statement(
              "CatalogCreateHostedZones",
              AwsActions.CATALOG_CREATE,
              List.of("*"),
              vpcConditions(List.copyOf(createIn))));
    }
    if (!exposeVpcs.isEmpty()) {
      List<String> resources = new ArrayList<>();
      resources.add(ALL_HOSTED_ZONES);
      exposeVpcs.forEach(
          v ->
              resources.add(
                  "arn:" + PARTITION + ":ec2:" + v.region() + ":" + account + ":vpc/" + v.id()));
      out.add(
          new Statement(
              "CatalogExposeToVpcs",
              AwsActions.CATALOG_EXPOSE_VPC,
              resources,
              vpcConditions(exposeVpcs.stream().map(CatalogPolicyPlan::vpcValue).toList())));
    }
    if (!profileDomains.isEmpty()) {
      Map<String, Map<String, Object>> conditions = new LinkedHashMap<>();
      conditions.put("StringEquals", Map.of("route53profiles:ResourceTypes", "HostedZone"));
      conditions.put(
          "StringLike", Map.of("route53profiles:HostedZoneDomains", List.copyOf(profileDomains)));
      out.add(
          new Statement(
              "CatalogExposeToProfile",
              AwsActions.CATALOG_EXPOSE_PROFILE,
              List.of("*"),
              conditions));
    }
    Map<String, Map<String, Object>> names = new LinkedHashMap<>();
    names.put(
        "ForAllValues:StringLike",
        Map.of("route53:ChangeResourceRecordSetsNormalizedRecordNames", List.copyOf(recordNames)));
    names.put("Null", Map.of("route53:ChangeResourceRecordSetsNormalizedRecordNames", "false"));
    out.add(
        new Statement(
            "CatalogMemberRecords",
            List.of(AwsActions.CHANGE_RECORDS),
            List.of(ALL_HOSTED_ZONES),
            names));
    List<String> zoneActions = new ArrayList<>();
    AwsActions.HOSTED_ZONE.stream()
        .filter(a -> !a.equals(AwsActions.CHANGE_RECORDS))
        .forEach(zoneActions::add);
    zoneActions.addAll(AwsActions.CATALOG_HOSTED_ZONES);
    out.add(new Statement("CatalogMemberZones", zoneActions, List.of(ALL_HOSTED_ZONES), Map.of()));
    out.add(
        new Statement("CatalogAccountReads", AwsActions.CATALOG_ACCOUNT, List.of("*"), Map.of()));
    return new CatalogPolicyPlan(out);
  }

  /** {@code route53:VPCs} is each VPC given, and present (a request without VPCs is refused). */
  private static Map<String, Map<String, Object>> vpcConditions(List<String> values) {
    Map<String, Map<String, Object>> c = new LinkedHashMap<>();
    c.put("ForAllValues:StringEquals", Map.of("route53:VPCs", values));
    c.put("Null", Map.of("route53:VPCs", "false"));
    return c;
  }

  /** Whether there is no catalog: no policy then. */
  public boolean isEmpty() {
    return statements.isEmpty();
  }

  /**
   * A VPC as {@code route53:VPCs} spells it: {@code VPCId=<vpc-id>,VPCRegion=<region>}, lower case
   * (the only form the key matches; a VPC ARN there never matches).
   */
  public static String vpcValue(VpcRef vpc) {
    return "VPCId=" + vpc.id() + ",VPCRegion=" + vpc.region();
  }

  /**
   * The {@code route53:ChangeResourceRecordSetsNormalizedRecordNames} patterns ({@code StringLike})
   * that admit every record of every member {@code allow} admits: the member's apex and every name
   * below it, in Route 53's normalized form (lower case, no trailing dot, bytes other than {@code
   * a-z 0-9 - _ .} as {@code \}+three octal digits, so a wildcard record {@code *.x.corp.example.}
   * is {@code \052.x.corp.example}). IAM's {@code *} matches any characters, dots and escapes
   * included, as the allow glob's {@code *} does; its {@code ?} one character, as the glob's.
   *
   * <p>{@code corp.example.} → {@code corp.example}, {@code *.corp.example} (the apex and below);
   * {@code *.corp.example.} → {@code *.corp.example} alone (it already matches every name below any
   * member it admits); {@code a*.corp.example.} → {@code a*.corp.example}, {@code
   * *.a*.corp.example}.
   */
  public static List<String> recordNamePatterns(NamePattern allow) {
    String glob = normalized(allow.glob());
    return glob.startsWith("*") ? List.of(glob) : List.of(glob, "*." + glob);
  }

  /**
   * The {@code route53profiles:HostedZoneDomains} pattern ({@code StringLike}) of an allow pattern:
   * a member's hosted zone domain, without the trailing dot, case as Route 53 keeps it (lower).
   */
  public static String hostedZoneDomainPattern(NamePattern allow) {
    String glob = allow.glob();
    return glob.endsWith(".") ? glob.substring(0, glob.length() - 1) : glob;
  }

  /**
   * An allow glob in Route 53's normalized name form: no trailing dot; {@code a-z 0-9 - _ .} and
   * the wildcards {@code * ?} as they are; a decimal escape {@code \DDD} (zonesync's canonical
   * form) and any other byte as an octal escape.
   */
  static String normalized(String glob) {
    String g = glob.endsWith(".") ? glob.substring(0, glob.length() - 1) : glob;
    StringBuilder out = new StringBuilder();
    byte[] bytes = g.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if (b == '\\'
          && i + 3 < bytes.length
          && isDigit(bytes[i + 1])
          && isDigit(bytes[i + 2])
          && isDigit(bytes[i + 3])) {
        b = (bytes[i + 1] - '0') * 100 + (bytes[i + 2] - '0') * 10 + (bytes[i + 3] - '0');
        i += 3;
        out.append(octal(b));
      } else if ((b >= 'a' && b <= 'z')
          || (b >= '0' && b <= '9')
          || b == '-'
          || b == '_'
          || b == '.'
          || b == '*'
          || b == '?') {
        out.append((char) b);
      } else {
        out.append(octal(b));
      }
    }
    return out.toString();
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static String octal(int b) {
    return String.format("\\%03o", b);
  }

  /**
   * The policy document as IAM stores it, compact, the resources in {@code partition}: what its
   * size is measured on.
   */
  public String json(String partition) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Statement s : statements) {
      Map<String, Object> st = new LinkedHashMap<>();
      st.put("Sid", s.sid());
      st.put("Effect", "Allow");
      st.put("Action", s.actions());
      st.put("Resource", s.resources(partition));
      if (!s.conditions().isEmpty()) {
        st.put("Condition", s.conditions());
      }
      out.add(st);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("Version", "2012-10-17");
    doc.put("Statement", out);
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The characters the policy takes of {@link #MANAGED_POLICY_LIMIT}, deployed in the longest
   * partition (IAM does not count whitespace; the compact form has none outside values). An upper
   * bound: the stack writes a single action or resource without the list's brackets.
   */
  public int characters() {
    return isEmpty() ? 0 : json(LONGEST_PARTITION).length();
  }

  /** Fails, naming what to change, when the policy would not fit one managed policy. */
  void check() {
    int size = characters();
    if (size > MANAGED_POLICY_LIMIT) {
      throw new ConfigException(
          "catalogs",
          "the catalogs' IAM statements take "
              + size
              + " characters, more than the "
              + MANAGED_POLICY_LIMIT
              + " of one managed policy: each allow pattern (twice unless it starts with *), each"
              + " exposeTo and createIn VPC adds to it, the member count does not. Use fewer,"
              + " broader allow patterns (*.corp.example. admits every name below corp.example.),"
              + " or split the catalogs over two deployments");
    }
  }
}
