package dev.zonesync.infra;

import dev.zonesync.infra.config.Deployment;
import dev.zonesync.infra.config.SecurityGroupRules;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.IPeer;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Subnet;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;

/**
 * Where the function runs in the configured VPC: the imported VPC and subnets, its egress-only
 * security group ({@link SecurityGroupRules}), and the optional interface endpoints it reaches SSM
 * and Secrets Manager through. Builds in the stack's scope (see {@link ZoneSyncStack}).
 */
final class Network {

  private final Stack stack;
  private final IVpc vpc;
  private final SubnetSelection subnets;
  private final SecurityGroup securityGroup;

  Network(Stack stack, ZoneSyncConfig config) {
    this.stack = stack;
    Deployment.Vpc v = config.deployment().vpc();
    // Imported without lookups (synth stays offline). Subnets are always selected explicitly, so
    // the VPC's own AZ and subnet lists are never read; fromVpcAttributes merely requires one AZ.
    this.vpc =
        Vpc.fromVpcAttributes(
            stack,
            "Vpc",
            VpcAttributes.builder().vpcId(v.id()).availabilityZones(List.of("not-used")).build());
    this.subnets = subnets("Subnet", v.subnetIds());
    this.securityGroup =
        SecurityGroup.Builder.create(stack, "FunctionSecurityGroup")
            .vpc(vpc)
            .allowAllOutbound(false)
            .description("zonesync function: DNS to the masters, HTTPS to AWS APIs")
            .build();
    for (SecurityGroupRules.Rule rule : SecurityGroupRules.of(config)) {
      IPeer peer = rule.cidr().contains(":") ? Peer.ipv6(rule.cidr()) : Peer.ipv4(rule.cidr());
      Port port = rule.protocol().equals("tcp") ? Port.tcp(rule.port()) : Port.udp(rule.port());
      securityGroup.addEgressRule(peer, port, rule.description());
    }
    if (!v.interfaceEndpoints().isEmpty()) {
      addInterfaceEndpoints(v);
    }
  }

  private void addInterfaceEndpoints(Deployment.Vpc v) {
    SecurityGroup endpointSg =
        SecurityGroup.Builder.create(stack, "EndpointSecurityGroup")
            .vpc(vpc)
            .allowAllOutbound(false)
            .description("zonesync interface endpoints: HTTPS from the zonesync function")
            .build();
    SubnetSelection endpointSubnets = subnets("EndpointSubnet", v.endpointSubnetIds());
    for (String service : v.interfaceEndpoints()) {
      InterfaceVpcEndpoint endpoint =
          InterfaceVpcEndpoint.Builder.create(stack, "Endpoint-" + service)
              .vpc(vpc)
              .service(
                  service.equals("ssm")
                      ? InterfaceVpcEndpointAwsService.SSM
                      : InterfaceVpcEndpointAwsService.SECRETS_MANAGER)
              .subnets(endpointSubnets)
              .securityGroups(List.of(endpointSg))
              .privateDnsEnabled(true)
              .open(false)
              .build();
      endpoint.getConnections().allowDefaultPortFrom(securityGroup, "HTTPS from zonesync");
    }
  }

  private SubnetSelection subnets(String prefix, List<String> ids) {
    List<ISubnet> list = new ArrayList<>();
    for (String id : ids) {
      ISubnet subnet = (ISubnet) stack.getNode().tryFindChild(prefix + id);
      if (subnet == null) {
        subnet = Subnet.fromSubnetId(stack, prefix + id, id);
        Annotations.of(subnet)
            .acknowledgeWarning(
                "@aws-cdk/aws-ec2:noSubnetRouteTableId",
                "Subnets are only placed into (Lambda VPC config, endpoints); nothing routes.");
      }
      list.add(subnet);
    }
    return SubnetSelection.builder().subnets(list).build();
  }

  IVpc vpc() {
    return vpc;
  }

  /** The function's subnets. */
  SubnetSelection subnets() {
    return subnets;
  }

  /** The function's security group. */
  SecurityGroup securityGroup() {
    return securityGroup;
  }
}
