package dev.zonesync.contract;

import java.util.List;

/**
 * The AWS API actions the engine calls, by the resource they are authorised on. The CDK app grants
 * exactly these; the engine's adapters are tested to call nothing else.
 */
public final class AwsActions {

  /** Called on each configured hosted zone. */
  public static final List<String> HOSTED_ZONE =
      List.of(
          "route53:ListResourceRecordSets",
          "route53:ChangeResourceRecordSets",
          "route53:GetHostedZoneLimit");

  /** Called on the configuration's SSM path ({@code ssm-path:} locations). */
  public static final List<String> CONFIG_PATH = List.of("ssm:GetParametersByPath");

  /** Called on one SSM parameter ({@code ssm:} locations; the CDK app deploys ssm-path). */
  public static final List<String> CONFIG_PARAMETER = List.of("ssm:GetParameter");

  /** Called on each TSIG secret. */
  public static final List<String> TSIG_SECRET = List.of("secretsmanager:GetSecretValue");

  private AwsActions() {}
}
