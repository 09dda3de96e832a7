package dev.zonesync.runtime;

import dev.zonesync.testing.AwsApi;
import dev.zonesync.testing.LocalStackHost;
import dev.zonesync.testing.MotoServer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * The AWS side of the deployment rehearsal — Route 53, SSM and Secrets Manager on one endpoint —
 * and what it can show.
 *
 * @param name for test output
 * @param aws the endpoint, as the harness's Route 53 / SSM / Secrets Manager handle
 * @param privateZoneVpc the VPC new private hosted zones are associated with
 * @param strictDeletes whether its Route 53 checks a DELETE's TTL and values against the RRset the
 *     zone holds now and refuses a mismatch with {@code InvalidChangeBatch}, as Route 53 does (the
 *     project's moto stand-in does; LocalStack checks against its journal of past changes and
 *     answers {@code InvalidInput}). Assertions that only that check makes true run only where it
 *     holds; elsewhere the test says which it skipped.
 * @param newVpc a VPC new to this emulator in the given region, for private hosted zones: where a
 *     real account has its own VPCs (moto takes any ID; LocalStack wants one its EC2 holds)
 */
record AwsEmulator(
    String name,
    MotoServer aws,
    String privateZoneVpc,
    boolean strictDeletes,
    Function<String, String> newVpc) {

  /** moto through the project's stand-in (what scripts/test's default rehearsal runs). */
  static AwsEmulator moto() {
    return new AwsEmulator(
        "moto (stand-in)",
        MotoServer.shared(),
        "vpc-0123456789abcdef0",
        true,
        region -> MotoServer.dummyVpcId());
  }

  /** A running LocalStack: its Route 53 needs a VPC its EC2 has for private hosted zones. */
  static AwsEmulator localStack(LocalStackHost host) {
    AwsApi ec2 =
        new AwsApi(
            host.endpoint(), "us-east-1", LocalStackHost.ACCESS_KEY, LocalStackHost.SECRET_KEY);
    List<String> vpcs =
        AwsApi.texts(
            ec2.query(
                "ec2",
                "2016-11-15",
                "DescribeVpcs",
                Map.of("Filter.1.Name", "isDefault", "Filter.1.Value.1", "true")),
            "//vpcSet/item/vpcId");
    if (vpcs.size() != 1) {
      throw new IllegalStateException("LocalStack's EC2 has no single default VPC: " + vpcs);
    }
    return new AwsEmulator(
        "LocalStack " + host.version(),
        host.asEmulator(),
        vpcs.get(0),
        false,
        region -> createVpc(host, region));
  }

  /** A new VPC in LocalStack's EC2 in {@code region}. */
  private static String createVpc(LocalStackHost host, String region) {
    AwsApi ec2 =
        new AwsApi(host.endpoint(), region, LocalStackHost.ACCESS_KEY, LocalStackHost.SECRET_KEY);
    List<String> ids =
        AwsApi.texts(
            ec2.query("ec2", "2016-11-15", "CreateVpc", Map.of("CidrBlock", "10.99.0.0/16")),
            "//vpc/vpcId");
    if (ids.size() != 1) {
      throw new IllegalStateException("LocalStack's CreateVpc in " + region + " answered " + ids);
    }
    return ids.get(0);
  }

  /** A private hosted zone for {@code name} (lower case), its SOA as AWS creates it; bare ID. */
  String createPrivateHostedZone(String name) {
    return aws.createPrivateHostedZone(name, privateZoneVpc, VPCRegion.US_EAST_1, true);
  }
}
