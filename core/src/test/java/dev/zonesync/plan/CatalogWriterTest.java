package dev.zonesync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.model.DnsName;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogWriterTest {

  private static final DnsName CATALOG = DnsName.of("catalog.corp.example.");

  @ParameterizedTest
  @CsvSource({
    "a.corp.example.,   100b703e90d1fe4194c461a2fd5c9a1987f903e2",
    "A.CORP.EXAMPLE.,   100b703e90d1fe4194c461a2fd5c9a1987f903e2",
    "b.corp.example.,   d16b5cac180cc35d017b5d53ad89a9de73f1c863",
  })
  void label_isTheSha1OfTheLowerCaseWireForm(String zone, String label) {
    assertThat(CatalogWriter.label(DnsName.of(zone))).isEqualTo(label);
  }

  @Test
  void members_readsNamesGroupsCommentsAndBlankLines() {
    List<CatalogWriter.Entry> m =
        CatalogWriter.members("# zones\n\na.corp.example\n  b.corp.example. lab  x # two groups\n");

    assertThat(m)
        .containsExactly(
            new CatalogWriter.Entry(DnsName.of("a.corp.example."), List.of()),
            new CatalogWriter.Entry(DnsName.of("b.corp.example."), List.of("lab", "x")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a.corp.example.\\nbad..name.     | line 2: empty label",
        "a.corp.example. lab lab          | line 1: member a.corp.example.: a group is listed twice",
      })
  void members_whenALineIsWrong_namesTheLine(String text, String message) {
    assertThatThrownBy(() -> CatalogWriter.members(text.replace("\\n", "\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource({
    "a.corp.example.,               listed twice",
    "catalog.corp.example.,         cannot be a member of catalog",
    "x.zones.catalog.corp.example., cannot be a member of catalog",
  })
  void write_refusesAMemberTheCatalogCannotHold(String second, String message) {
    List<CatalogWriter.Entry> m =
        List.of(
            new CatalogWriter.Entry(DnsName.of("a.corp.example."), List.of()),
            new CatalogWriter.Entry(DnsName.of(second), List.of()));

    assertThatThrownBy(() -> CatalogWriter.write(CATALOG, 1, m))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource({"-1", "4294967296"})
  void write_refusesASerialOutside32Bits(long serial) {
    assertThatThrownBy(() -> CatalogWriter.write(CATALOG, serial, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("serial " + serial);
  }
}
