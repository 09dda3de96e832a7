package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.infra.config.SecurityGroupRules;
import dev.zonesync.infra.config.SecurityGroupRules.Rule;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The function's egress rules, computed from the config. */
class SecurityGroupRulesTest {

  private static List<String> rules(String yaml) {
    return SecurityGroupRules.of(ZoneSyncConfig.parse(yaml)).stream()
        .map(r -> r.protocol() + " " + r.cidr() + " " + r.port())
        .toList();
  }

  @Test
  void rules_whenMastersShared_listEachAddressOnce() {
    assertThat(rules(TestConfigs.MINIMAL))
        .containsExactly(
            "tcp 0.0.0.0/0 443",
            "tcp 10.10.0.53/32 53",
            "udp 10.10.0.53/32 53",
            "tcp 10.20.0.53/32 53",
            "udp 10.20.0.53/32 53");
  }

  @Test
  void rules_whenPortsIpv6AndHostnames_useEachMastersPortAndAddresses() {
    String yaml =
        TestConfigs.MINIMAL
            .replace(
                "masters: [10.10.0.53]",
                "masters: [\"10.10.0.54:5353\", \"[2001:db8::53]\", ns1.corp.example.]")
            .replace(
                "  vpc:\n",
                "  securityGroup:\n"
                    + "    httpsEgressCidrs: [10.0.0.0/16]\n"
                    + "    masterCidrs: {ns1.corp.example: [10.30.0.0/29, 10.31.0.53/32]}\n"
                    + "  vpc:\n");
    assertThat(rules(yaml))
        .containsExactly(
            "tcp 10.0.0.0/16 443",
            "tcp 10.10.0.53/32 53",
            "udp 10.10.0.53/32 53",
            "tcp 10.20.0.53/32 53",
            "udp 10.20.0.53/32 53",
            "tcp 10.10.0.54/32 5353",
            "udp 10.10.0.54/32 5353",
            "tcp 2001:db8:0:0:0:0:0:53/128 53",
            "udp 2001:db8:0:0:0:0:0:53/128 53",
            "tcp 10.30.0.0/29 53",
            "udp 10.30.0.0/29 53",
            "tcp 10.31.0.53/32 53",
            "udp 10.31.0.53/32 53");
  }

  @Test
  void rules_whenMastersInsideDnsEgressCidrs_needNoRuleOfTheirOwn() {
    String yaml =
        TestConfigs.MINIMAL
            .replace(
                "masters: [10.10.0.53]", "masters: [10.10.0.53, \"10.10.9.9:5353\", 192.0.2.53]")
            .replace("  vpc:\n", "  securityGroup:\n    dnsEgressCidrs: [10.0.0.0/8]\n  vpc:\n");
    assertThat(rules(yaml))
        .containsExactly(
            "tcp 0.0.0.0/0 443",
            "tcp 10.0.0.0/8 53",
            "udp 10.0.0.0/8 53",
            "tcp 10.10.9.9/32 5353",
            "udp 10.10.9.9/32 5353",
            "tcp 192.0.2.53/32 53",
            "udp 192.0.2.53/32 53");
  }

  @Test
  void rules_describeWhatTheyAreFor() {
    assertThat(SecurityGroupRules.of(ZoneSyncConfig.parse(TestConfigs.MINIMAL)))
        .extracting(Rule::description)
        .allSatisfy(d -> assertThat(d).isNotBlank().hasSizeLessThan(256));
  }
}
