package dev.zonesync.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.config.VpcRef;
import dev.zonesync.plan.NamePattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The catalogs' IAM statements as values: the condition values in the forms AWS documents, and what
 * the record-name condition admits, checked with a matcher written here from IAM's and Route 53's
 * documented rules (not the plan's code).
 */
class CatalogPolicyPlanTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          corp.example.        | corp.example,*.corp.example
          *.corp.example.      | *.corp.example
          a*.corp.example.     | a*.corp.example,*.a*.corp.example
          lab?.corp.example.   | lab?.corp.example,*.lab?.corp.example
          Corp.Example         | corp.example,*.corp.example
          a\\043b.corp.example. | a\\053b.corp.example,*.a\\053b.corp.example
          """)
  void recordNamePatterns_coverTheMembersApexAndEveryNameBelow(String allow, String patterns) {
    assertThat(CatalogPolicyPlan.recordNamePatterns(NamePattern.parse(allow)))
        .containsExactlyElementsOf(Arrays.asList(patterns.split(",")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          corp.example.   | corp.example
          *.corp.example. | *.corp.example
          """)
  void hostedZoneDomainPattern_isTheGlobWithoutItsTrailingDot(String allow, String pattern) {
    assertThat(CatalogPolicyPlan.hostedZoneDomainPattern(NamePattern.parse(allow)))
        .isEqualTo(pattern);
  }

  @Test
  void vpcValue_isVpcIdAndVpcRegionAsRoute53VpcsSpellsThem() {
    assertThat(CatalogPolicyPlan.vpcValue(new VpcRef("vpc-0123456789abcdef0", "eu-west-1")))
        .isEqualTo("VPCId=vpc-0123456789abcdef0,VPCRegion=eu-west-1");
  }

  // ---- what the record-name condition admits, by an independent reading of the rules ----------

  /**
   * A record name as Route 53 puts it in {@code
   * route53:ChangeResourceRecordSetsNormalizedRecordNames} (its Developer Guide): lower case, no
   * trailing dot, every character other than a-z, 0-9, '-', '_' and '.' as a backslash and three
   * octal digits.
   */
  static String routeNormalized(String presentation) {
    String n = presentation.toLowerCase(Locale.ROOT);
    if (n.endsWith(".")) {
      n = n.substring(0, n.length() - 1);
    }
    StringBuilder b = new StringBuilder();
    for (byte x : n.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.') {
        b.append(c);
      } else {
        b.append('\\').append(Integer.toOctalString(c | 0x200).substring(1));
      }
    }
    return b.toString();
  }

  /** IAM's StringLike: {@code *} any run of characters, {@code ?} exactly one, else literal. */
  static boolean stringLike(String pattern, String value) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(
          switch (c) {
            case '*' -> ".*";
            case '?' -> ".";
            default -> Pattern.quote(String.valueOf(c));
          });
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(value).matches();
  }

  /** ForAllValues:StringLike over a request's record names. */
  static boolean allowed(List<String> patterns, List<String> recordNames) {
    return recordNames.stream()
        .map(CatalogPolicyPlanTest::routeNormalized)
        .allMatch(n -> patterns.stream().anyMatch(p -> stringLike(p, n)));
  }

  @Test
  void recordNames_ofFiveThousandMembersUnderOneAllowPattern_areAllAdmittedByOneFixedStatement() {
    List<String> patterns =
        CatalogPolicyPlan.recordNamePatterns(NamePattern.parse("*.corp.example."));
    assertThat(patterns).containsExactly("*.corp.example");
    List<String> requests = new ArrayList<>();
    int members = 5000;
    for (int i = 0; i < members; i++) {
      // members one and two labels below corp.example., as a catalog lists them
      String apex =
          i % 2 == 0 ? "m" + i + ".corp.example." : "s" + i + ".site" + i + ".corp.example.";
      // what one member's requests name: the apex (SOA, NS, A), zonesync's marker, a wildcard, a
      // name below, a name with a byte Route 53 escapes, an upper-case name from the master
      List<String> names =
          List.of(
              apex,
              "_zonesync." + apex,
              "*." + apex,
              "host.dept." + apex,
              "a+b." + apex,
              "WWW." + apex.toUpperCase(Locale.ROOT));
      assertThat(allowed(patterns, names)).as(apex).isTrue();
      requests.add(apex);
    }
    assertThat(requests).hasSize(members);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "corp.example.", // the parent of *.corp.example., not a member it admits
    "evilcorp.example.",
    "corp.example.com.",
    "x.corp.example.org.",
    "x.corp-example.",
    "amazonaws.com.",
  })
  void recordNames_outsideAllow_areNotAdmitted(String name) {
    List<String> patterns =
        CatalogPolicyPlan.recordNamePatterns(NamePattern.parse("*.corp.example."));
    assertThat(allowed(patterns, List.of(name))).isFalse();
    // one outside name makes the whole request refused, whatever else it names
    assertThat(allowed(patterns, List.of("m1.corp.example.", name))).isFalse();
  }

  @Test
  void recordNames_ofALiteralAllowPattern_coverItsApexAndBelowOnly() {
    List<String> patterns = CatalogPolicyPlan.recordNamePatterns(NamePattern.parse("lab.example."));
    assertThat(allowed(patterns, List.of("lab.example.", "*.lab.example.", "a.b.lab.example.")))
        .isTrue();
    assertThat(allowed(patterns, List.of("xlab.example."))).isFalse();
    assertThat(allowed(patterns, List.of("example."))).isFalse();
  }

  // ---- the plan ---------------------------------------------------------------------------------

  @Test
  void of_whenNoCatalog_isEmptyAndTakesNoCharacters() {
    CatalogPolicyPlan plan = CatalogPolicyPlan.of(List.of(), "111122223333");
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.characters()).isZero();
  }

  @Test
  void parse_whenTheAllowPatternsOutgrowOneManagedPolicy_failsNamingCatalogsAndWhatToDo() {
    // 5 catalogs of 60 literal patterns (each catalog entry stays within one SSM parameter)
    StringBuilder catalogs = new StringBuilder();
    for (int c = 0; c < 5; c++) {
      catalogs
          .append("  - name: catalog")
          .append(c)
          .append(".corp.example.\n    hostedZoneId: ZCATALOG")
          .append(c)
          .append("\n    masters: [10.10.0.53]\n    tsig: none\n    allow: [");
      for (int i = 0; i < 60; i++) {
        catalogs
            .append(i == 0 ? "" : ", ")
            .append("site")
            .append(c * 100 + i)
            .append(".corp.example.");
      }
      catalogs.append("]\n");
    }
    String yaml =
        """
        version: 1
        catalogs:
        CATALOGS
        deployment:
          account: "111122223333"
          region: eu-west-1
          vpc: {id: vpc-0123456789abcdef0, subnetIds: [subnet-0123456789abcdef0]}
        """
            .replace("CATALOGS", catalogs.toString().stripTrailing());
    assertThatThrownBy(() -> ZoneSyncConfig.parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("catalogs: the catalogs' IAM statements take ")
        .hasMessageContaining("more than the 6144 of one managed policy")
        .hasMessageContaining("Use fewer, broader allow patterns");
  }
}
