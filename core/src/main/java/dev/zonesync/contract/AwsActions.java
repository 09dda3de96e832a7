package dev.zonesync.contract;

import java.util.List;

/**
 * The AWS API actions the engine calls, by the resource they are authorised on. The CDK app grants
 * exactly these; the engine's adapters are tested to call nothing else.
 */
public final class AwsActions {

  /**
   * The one record-writing action of {@link #HOSTED_ZONE}: on catalog members' hosted zones, whose
   * IDs exist only at run time, it is granted on {@code hostedzone/*} only under a name condition,
   * while the reads need none.
   */
  public static final String CHANGE_RECORDS = "route53:ChangeResourceRecordSets";

  /** Called on each configured hosted zone. */
  public static final List<String> HOSTED_ZONE =
      List.of("route53:ListResourceRecordSets", CHANGE_RECORDS, "route53:GetHostedZoneLimit");

  /**
   * Creating a catalog member's private hosted zone: {@code route53:CreateHostedZone} on {@code *}
   * (Route 53 cannot restrict it by zone name or tag), only under the condition {@code
   * route53:VPCs} = the catalog's {@code createIn} VPC ({@code VPCId=vpc-…,VPCRegion=…}).
   */
  public static final List<String> CATALOG_CREATE = List.of("route53:CreateHostedZone");

  /**
   * Exposing a complete member in a VPC: {@code route53:AssociateVPCWithHostedZone} on {@code
   * hostedzone/*}, only under {@code route53:VPCs} = the catalog's {@code exposeTo} VPCs.
   */
  public static final List<String> CATALOG_EXPOSE_VPC =
      List.of("route53:AssociateVPCWithHostedZone");

  /**
   * Exposing a complete member through a Route 53 Profile: {@code
   * route53profiles:AssociateResourceToProfile} on the {@code exposeTo} Profile, only under {@code
   * route53profiles:HostedZoneDomains} matching the catalog's {@code allow} names.
   */
  public static final List<String> CATALOG_EXPOSE_PROFILE =
      List.of("route53profiles:AssociateResourceToProfile");

  /**
   * Reading and labelling members' hosted zones (their VPCs, tags; quarantine is a tag): on {@code
   * hostedzone/*} (Route 53 supports no tag conditions). Members' record reads and writes are the
   * {@link #HOSTED_ZONE} actions, on {@code hostedzone/*} under {@code
   * route53:ChangeResourceRecordSetsNormalizedRecordNames} for the writes.
   */
  public static final List<String> CATALOG_HOSTED_ZONES =
      List.of(
          "route53:GetHostedZone", "route53:ChangeTagsForResource", "route53:ListTagsForResource");

  /**
   * Account-wide reads on {@code *} (no resource-level permissions exist for them): the zone an
   * earlier CreateHostedZone made, found by name and caller reference after a lost response ({@code
   * route53:ListHostedZonesByName}); the hosted-zone quota checked before a create ({@code
   * route53:GetAccountLimit}); and {@code ec2:DescribeVpcs}, which Route 53 needs of the caller to
   * create a private hosted zone in, or associate one with, a VPC.
   */
  public static final List<String> CATALOG_ACCOUNT =
      List.of("route53:ListHostedZonesByName", "route53:GetAccountLimit", "ec2:DescribeVpcs");

  /**
   * Every action the hosted-zone lifecycle of catalog members calls ({@code
   * route53.Route53HostedZones}), the union of the {@code CATALOG_*} lists above; nothing here
   * deletes a hosted zone or disassociates a VPC.
   */
  public static final List<String> CATALOG =
      java.util.stream.Stream.of(
              CATALOG_CREATE,
              CATALOG_EXPOSE_VPC,
              CATALOG_EXPOSE_PROFILE,
              CATALOG_HOSTED_ZONES,
              CATALOG_ACCOUNT)
          .flatMap(List::stream)
          .toList();

  /** Called on the configuration's SSM path ({@code ssm-path:} locations). */
  public static final List<String> CONFIG_PATH = List.of("ssm:GetParametersByPath");

  /** Called on one SSM parameter ({@code ssm:} locations; the CDK app deploys ssm-path). */
  public static final List<String> CONFIG_PARAMETER = List.of("ssm:GetParameter");

  /** Called on each TSIG secret. */
  public static final List<String> TSIG_SECRET = List.of("secretsmanager:GetSecretValue");

  private AwsActions() {}
}
