package dev.zonesync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsNameTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "WWW.Corp.Example.|www.corp.example.",
        "www.corp.example|www.corp.example.",
        "*.apps.corp.example.|*.apps.corp.example.",
        "_ldap._tcp.corp.example.|_ldap._tcp.corp.example.",
        "odd\\@name.corp.example.|odd\\064name.corp.example.",
        "spaced\\032name.corp.example.|spaced\\032name.corp.example.",
        "dot\\.inside.corp.example.|dot\\046inside.corp.example.",
        "a*b.corp.example.|a\\042b.corp.example.",
        ".|."
      })
  void of_whenPresentationName_givesCanonicalText(String input, String canonical) {
    assertThat(DnsName.of(input).text()).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\\052.corp.example.|*.corp.example.",
        "a\\052b.corp.example.|a\\042b.corp.example.",
        "odd\\100name.corp.example.|odd\\064name.corp.example.",
        "x\\056y.corp.example|x\\046y.corp.example."
      })
  void parse_whenRoute53OctalEscapes_decodesThem(String route53, String canonical) {
    assertThat(DnsName.parse(route53, Escaping.OCTAL).text()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "*.apps.corp.example.|*.apps.corp.example.",
        "a\\042b.corp.example.|a\\052b.corp.example.",
        "odd\\064name.corp.example.|odd\\100name.corp.example.",
        "plain.corp.example.|plain.corp.example."
      })
  void format_octal_writesRoute53Escapes(String canonical, String route53) {
    DnsName n = new DnsName(canonical);
    assertThat(n.format(Escaping.OCTAL)).isEqualTo(route53);
    assertThat(DnsName.parse(route53, Escaping.OCTAL)).isEqualTo(n);
    assertThat(route53).hasSameSizeAs(canonical);
  }

  @Test
  void wildcardAndEscapedStar_areDifferentNames() {
    assertThat(DnsName.of("*.x.")).isEqualTo(DnsName.parse("\\052.x.", Escaping.OCTAL));
    assertThat(DnsName.of("*.x.").isWildcard()).isTrue();
    assertThat(DnsName.of("a*.x.").isWildcard()).isFalse();
  }

  @Test
  void isSubdomainOf_respectsLabelBoundaries() {
    DnsName zone = DnsName.of("example.com.");
    assertThat(DnsName.of("www.example.com.").isSubdomainOf(zone)).isTrue();
    assertThat(DnsName.of("example.com.").isSubdomainOf(zone)).isTrue();
    assertThat(DnsName.of("badexample.com.").isSubdomainOf(zone)).isFalse();
    assertThat(DnsName.of("x\\.example.com.").isSubdomainOf(zone)).isFalse();
    assertThat(DnsName.of("anything.").isSubdomainOf(DnsName.ROOT)).isTrue();
  }

  @Test
  void parentAndLabelCount_walkUpTheTree() {
    DnsName n = DnsName.of("a.b.example.");
    assertThat(n.labelCount()).isEqualTo(3);
    assertThat(n.parent()).isEqualTo(DnsName.of("b.example."));
    assertThat(n.parent().parent().parent()).isEqualTo(DnsName.ROOT);
    assertThat(DnsName.ROOT.parent()).isEqualTo(DnsName.ROOT);
  }

  @Test
  void compareTo_usesCanonicalDnsOrder() {
    assertThat(DnsName.of("example.")).isLessThan(DnsName.of("a.example."));
    assertThat(DnsName.of("a.b.example.")).isLessThan(DnsName.of("z.example."));
    assertThat(DnsName.of("a.example.")).isLessThan(DnsName.of("yljkjljk.a.example."));
  }

  @Test
  void labels_roundTripThroughFromLabels() {
    DnsName n = DnsName.of("odd\\@name.*.x\\000y.example.");
    assertThat(DnsName.fromLabels(n.labels())).isEqualTo(n);
  }

  @Test
  void constructor_whenNotCanonical_refuses() {
    assertThatThrownBy(() -> new DnsName("WWW.example.")).hasMessageContaining("canonical");
    assertThatThrownBy(() -> new DnsName("www.example")).hasMessageContaining("canonical");
    assertThatThrownBy(() -> new DnsName("a\\052.example."))
        .as("\\052 is 52 decimal = '4', must be written plain")
        .hasMessageContaining("canonical");
  }

  @Test
  void parse_whenLabelTooLongOrEmpty_refuses() {
    assertThatThrownBy(() -> DnsName.of("a".repeat(64) + ".example."))
        .hasMessageContaining("label length 64");
    assertThatThrownBy(() -> DnsName.of("a..example.")).hasMessageContaining("empty label");
    assertThatThrownBy(() -> DnsName.parse("a\\9.example.", Escaping.OCTAL))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
