package dev.zonesync.infra.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function's egress rules, computed from the config: DNS (TCP and UDP) to every master's
 * address and port (zones', catalogs' and catalog groups'), HTTPS to {@code
 * deployment.securityGroup.httpsEgressCidrs}. Masters inside one of {@code dnsEgressCidrs} on port
 * 53 need no rule of their own; hostname masters use their {@code masterCidrs}. Pure: unit-tested
 * without a synth; {@link DeploymentRules} checks their number against {@code maxEgressRules}.
 */
public final class SecurityGroupRules {

  /** One egress rule: protocol {@code tcp} or {@code udp}, a CIDR and a port. */
  public record Rule(String protocol, String cidr, int port, String description) {}

  private SecurityGroupRules() {}

  /** The egress rules in a stable order (config order), without duplicates. */
  public static List<Rule> of(ZoneSyncConfig config) {
    Deployment.SecurityGroup sg = config.deployment().securityGroup();
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (String cidr : sg.httpsEgressCidrs()) {
      add(rules, new Rule("tcp", cidr, 443, "HTTPS to the Route 53, SSM and Secrets Manager APIs"));
    }
    for (String cidr : sg.dnsEgressCidrs()) {
      addDns(rules, cidr, 53, "DNS to masters in " + cidr);
    }
    List<Master> masters = new java.util.ArrayList<>();
    config.zones().forEach(z -> masters.addAll(z.masters()));
    // a catalog's members are transferred from its masters, or from their group's
    config.catalogs().forEach(c -> masters.addAll(c.masters().values()));
    for (Master m : masters) {
      List<String> cidrs =
          switch (m.kind()) {
            case IPV4 -> List.of(m.host() + "/32");
            case IPV6 -> List.of(m.host() + "/128");
            case HOSTNAME -> sg.masterCidrs().get(m.host());
          };
      for (String cidr : cidrs) {
        if (m.port() == 53 && coveredBy(cidr, sg.dnsEgressCidrs())) {
          continue;
        }
        addDns(rules, cidr, m.port(), "DNS to master " + m.host());
      }
    }
    return List.copyOf(rules.values());
  }

  private static void addDns(Map<String, Rule> rules, String cidr, int port, String description) {
    add(rules, new Rule("tcp", cidr, port, description + " (zone transfers, TCP)"));
    add(rules, new Rule("udp", cidr, port, description + " (SOA queries, UDP)"));
  }

  private static void add(Map<String, Rule> rules, Rule rule) {
    rules.putIfAbsent(rule.protocol() + " " + rule.cidr() + " " + rule.port(), rule);
  }

  /** Whether {@code cidr} lies entirely inside one of {@code networks}. */
  static boolean coveredBy(String cidr, List<String> networks) {
    for (String n : networks) {
      if (contains(n, cidr)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(String network, String cidr) {
    try {
      String[] n = network.split("/");
      String[] c = cidr.split("/");
      byte[] na = InetAddress.getByName(n[0]).getAddress();
      byte[] ca = InetAddress.getByName(c[0]).getAddress();
      int np = Integer.parseInt(n[1]);
      int cp = Integer.parseInt(c[1]);
      if (na.length != ca.length || cp < np) {
        return false;
      }
      int bits = na.length * 8;
      BigInteger mask =
          BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(np).not();
      BigInteger all = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
      mask = mask.and(all);
      return new BigInteger(1, na).and(mask).equals(new BigInteger(1, ca).and(mask));
    } catch (UnknownHostException | RuntimeException e) {
      return false;
    }
  }
}
