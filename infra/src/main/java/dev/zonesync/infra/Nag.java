package dev.zonesync.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.ManagedPolicy;

/**
 * Every cdk-nag (AwsSolutions) suppression of the stack, each with its reason. Suppressions are
 * scoped to one resource and, for IAM5, to the exact wildcard they excuse.
 */
final class Nag {
  private Nag() {}

  static void suppress(Stack stack, SyncFunction function) {
    String fnRole = path(stack, function.role());
    NagSuppressions.addResourceSuppressionsByPath(
        stack,
        fnRole,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "Lambda manages a VPC function's network interfaces with these EC2 actions (the"
                        + " set AWSLambdaVPCAccessExecutionRole grants); ec2:Describe* supports no"
                        + " resource-level permissions and the ENI IDs do not exist before Lambda"
                        + " creates them.")
                .appliesTo(List.of("Resource::*"))
                .build()));
    NagSuppressions.addResourceSuppressions(
        function.deadLetterQueue(),
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason(
                    "This queue is the dead-letter queue (of the schedules and of the function's"
                        + " asynchronous invocations); a dead-letter queue needs none of its own.")
                .build()));
    NagSuppressions.addResourceSuppressions(
        function.function(),
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-L1")
                .reason(
                    "The engine is built for Java 21 (maven.compiler.release 21) and runs on the"
                        + " java21 managed runtime with SnapStart; moving to a newer runtime is a"
                        + " deliberate engine change, not an infrastructure default.")
                .build()));
  }

  /**
   * The catalogs' policy ({@link CatalogPermissions}): its wildcards are the only resources IAM
   * offers for what it grants, each statement bounded by conditions instead.
   */
  static void suppressCatalogAccess(Stack stack, ManagedPolicy policy) {
    NagSuppressions.addResourceSuppressions(
        policy,
        List.of(
            NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(
                    "Catalog members' hosted zones are created at run time: no ID exists at synth."
                        + " hostedzone/* carries the reads and tags, and record writes only under"
                        + " route53:ChangeResourceRecordSetsNormalizedRecordNames matching the"
                        + " catalogs' allow names, VPC associations only under route53:VPCs = the"
                        + " exposeTo VPCs. '*' is the only resource of CreateHostedZone (only"
                        + " under route53:VPCs = the createIn VPC), of AssociateResourceToProfile"
                        + " (only for hosted zone domains matching allow), and of the account-wide"
                        + " reads (ListHostedZonesByName, GetAccountLimit, ec2:DescribeVpcs).")
                .appliesTo(
                    List.of("Resource::*", "Resource::arn:<AWS::Partition>:route53:::hostedzone/*"))
                .build()));
  }

  private static String path(Stack stack, software.constructs.IConstruct c) {
    return "/" + c.getNode().getPath();
  }
}
