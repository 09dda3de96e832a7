package dev.zonesync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.model.DnsName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which member names a catalog may bring: the allow patterns and the names no one may mirror. */
class CatalogNameRulesTest {

  static final DnsName CATALOG = DnsName.of("catalog.corp.example.");
  static final List<NamePattern> ALLOW =
      List.of(
          NamePattern.parse("corp.example."),
          NamePattern.parse("*.corp.example."),
          NamePattern.parse("10.in-addr.arpa."),
          NamePattern.parse("*.amazonaws.com."),
          NamePattern.parse("*.co.uk."));

  /** Member name, why it is refused (empty: allowed). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      emptyValue = "",
      value = {
        "corp.example.               |",
        "a.corp.example.             |",
        "x.y.corp.example.           |",
        "10.in-addr.arpa.            |",
        "acme.co.uk.                 |",
        // a suffix's letters are not a label boundary
        "evilcorp.example.           | evilcorp.example. is outside allow [corp.example., *.corp.example., 10.in-addr.arpa., *.amazonaws.com., *.co.uk.]",
        "corp.example.com.           | corp.example.com. is outside allow [corp.example., *.corp.example., 10.in-addr.arpa., *.amazonaws.com., *.co.uk.]",
        "11.in-addr.arpa.            | 11.in-addr.arpa. is outside allow [corp.example., *.corp.example., 10.in-addr.arpa., *.amazonaws.com., *.co.uk.]",
        // the names no allow pattern can admit
        ".                           | . is the root: a private zone for it would black-hole it in every associated VPC; zonesync never creates one from a catalog (list it under zones: if it is really yours)",
        "com.                        | com. is a top-level domain: a private zone for it would black-hole it in every associated VPC; zonesync never creates one from a catalog (list it under zones: if it is really yours)",
        "internal.                   | internal. is a top-level domain: a private zone for it would black-hole it in every associated VPC; zonesync never creates one from a catalog (list it under zones: if it is really yours)",
        "amazonaws.com.              | amazonaws.com. lies in AWS's namespace amazonaws.com.: a private zone there would hide AWS endpoints from every associated VPC",
        "s3.eu-west-1.amazonaws.com. | s3.eu-west-1.amazonaws.com. lies in AWS's namespace amazonaws.com.: a private zone there would hide AWS endpoints from every associated VPC",
        "amazonaws.com.cn.           | amazonaws.com.cn. lies in AWS's namespace amazonaws.com.cn.: a private zone there would hide AWS endpoints from every associated VPC",
        "lambda-url.on.aws.          | lambda-url.on.aws. lies in AWS's namespace aws.: a private zone there would hide AWS endpoints from every associated VPC",
        "co.uk.                      | co.uk. is at or above the public suffix co.uk.: no deployment can own it, and a private zone for it would black-hole it in every associated VPC",
        "com.au.                     | com.au. is at or above the public suffix com.au.: no deployment can own it, and a private zone for it would black-hole it in every associated VPC",
        "in-addr.arpa.               | in-addr.arpa. is at or above the public suffix in-addr.arpa.: no deployment can own it, and a private zone for it would black-hole it in every associated VPC",
        "ip6.arpa.                   | ip6.arpa. is at or above the public suffix ip6.arpa.: no deployment can own it, and a private zone for it would black-hole it in every associated VPC",
        // a registry label under a generic TLD is an ordinary name
        "co.example.                 | co.example. is outside allow [corp.example., *.corp.example., 10.in-addr.arpa., *.amazonaws.com., *.co.uk.]",
        "*.corp.example.             | Route 53 cannot create a hosted zone named *.corp.example. (a wildcard label, or octets outside printable ASCII)",
        "a.*.corp.example.           | Route 53 cannot create a hosted zone named a.*.corp.example. (a wildcard label, or octets outside printable ASCII)",
        "a\\009b.corp.example.       | Route 53 cannot create a hosted zone named a\\009b.corp.example. (a wildcard label, or octets outside printable ASCII)",
        "sub.catalog.corp.example.   | sub.catalog.corp.example. lies inside the catalog zone catalog.corp.example.",
      })
  void refusal_followsTheRulesInOrder(String member, String why) {
    assertThat(CatalogNameRules.refusal(CATALOG, DnsName.of(member), ALLOW))
        .isEqualTo(Optional.ofNullable(why));
  }

  /** An allow pattern, and why it is refused (empty: accepted). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      emptyValue = "",
      value = {
        "corp.example.         |",
        "corp.example          |",
        "*.corp.example.       |",
        "?.corp.example.       |",
        "ab*.corp.example.     |",
        "10.in-addr.arpa.      |",
        "com.                  |",
        "*corp.example.        | allow pattern *corp.example.: a wildcard must end at a label boundary ('*.corp.example.', not '*corp.example.', which also admits 'evilcorp.example.')",
        "a*b.corp.example.     | allow pattern a*b.corp.example.: a wildcard must end at a label boundary ('*.corp.example.', not '*corp.example.', which also admits 'evilcorp.example.')",
        "*.com.                | allow pattern *.com.: a wildcard needs at least two labels after it (it would admit all of com.)",
        "*                     | allow pattern *.: a wildcard needs at least two labels after it (it would admit all of .)",
        "*.*.corp.example.     |",
        "corp.example./TXT     | allow pattern corp.example./TXT names a type: allow patterns are names only",
      })
  void requireAllowPattern_refusesPatternsThatAdmitMoreThanTheySay(String spec, String why) {
    NamePattern pattern = NamePattern.parse(spec);
    if (why == null) {
      assertThat(CatalogNameRules.requireAllowPattern(pattern)).isEqualTo(pattern);
    } else {
      assertThatThrownBy(() -> CatalogNameRules.requireAllowPattern(pattern))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(why);
    }
  }
}
