package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonesync.infra.config.PolicySizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * samples/zonesync-catalog.yaml with 10 and with 1,000 zones: the catalog adds the same two alarms,
 * two queries and one policy whatever the zone count, and nothing it adds grows with its members
 * (no member appears in the template: they exist only at run time).
 */
class CatalogScaleTest {

  private static Synth ten;
  private static Synth thousand;

  @BeforeAll
  static void synthesize() {
    ten = Synth.of(sampleWith(10));
    thousand = Synth.of(sampleWith(1000));
    for (Synth s : List.of(ten, thousand)) {
      System.out.printf(
          "catalog sample with %d zones: synth %d ms; %s; CatalogAccess as deployed in aws: %d"
              + " characters%n",
          s.config.zones().size(),
          s.synthMillis,
          PolicySizes.of(s.config).describe(),
          deployedCharacters(s));
    }
  }

  /** The catalog sample with {@code zones} zones, the added ones in corp.example.'s hosted zone. */
  static String sampleWith(int zones) {
    String sample = CatalogStackTest.sampleYaml();
    StringBuilder more = new StringBuilder();
    for (int i = 1; i < zones; i++) {
      more.append(
          String.format(
              "  - {name: z%04d.corp.example., hostedZoneId: Z0123456789ABCDEFGHIJ,"
                  + " hostedZoneName: corp.example., masters: [10.10.0.53], tsig:"
                  + " zonesync-transfer.}%n",
              i));
    }
    String marker = "\ncatalogs:\n";
    assertThat(sample).contains(marker);
    return sample.replace(marker, "\n" + more + marker);
  }

  /** The CatalogAccess policy as IAM would store it in the aws partition: compact, no spaces. */
  static int deployedCharacters(Synth s) {
    for (var e : iterable(s.json.path("Resources").fields())) {
      if (e.getKey().startsWith("CatalogAccess")) {
        JsonNode doc = Policies.deepFlatten(e.getValue().path("Properties").path("PolicyDocument"));
        return doc.toString().replace("${AWS::Partition}", "aws").length();
      }
    }
    throw new AssertionError("no CatalogAccess policy");
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }

  @Test
  void alarmsQueriesAndCatalogPolicy_ofTenAndOfAThousandZones_areTheSame() {
    assertThat(ten.config.zones()).hasSize(10);
    assertThat(thousand.config.zones()).hasSize(1000);
    // the deployment's 12, the catalogs' 2, the sample's corp.example. has no detailed metrics
    assertThat(Alarms.byName(ten).keySet())
        .hasSize(14)
        .contains("zonesync catalogs failed", "zonesync quarantine age")
        .isEqualTo(Alarms.byName(thousand).keySet());
    assertThat(queryNames(thousand)).hasSize(11).isEqualTo(queryNames(ten));
    assertThat(catalogAccess(thousand)).isEqualTo(catalogAccess(ten));
  }

  @Test
  void catalogPolicy_isWellBelowIamsLimit_andTheRoleKeepsRoomForZones() {
    int size = deployedCharacters(thousand);
    // measured on the template: the plan's estimate bounds it
    assertThat(size)
        .isLessThan(2000)
        .isLessThanOrEqualTo(
            PolicySizes.of(thousand.config).policies().stream()
                .filter(p -> p.name().equals("CatalogAccess"))
                .findFirst()
                .orElseThrow()
                .characters());
    assertThat(PolicySizes.of(thousand.config).policies())
        .extracting(PolicySizes.Entry::name)
        .containsExactly("ScopedAccess0", "CatalogAccess");
  }

  private static List<String> queryNames(Synth s) {
    return s.resources("AWS::Logs::QueryDefinition").values().stream()
        .map(q -> q.path("Properties").path("Name").asText())
        .sorted()
        .toList();
  }

  private static JsonNode catalogAccess(Synth s) {
    List<JsonNode> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : iterable(s.json.path("Resources").fields())) {
      if (e.getKey().startsWith("CatalogAccess")) {
        out.add(e.getValue().path("Properties").path("PolicyDocument"));
      }
    }
    assertThat(out).hasSize(1);
    return out.get(0);
  }
}
