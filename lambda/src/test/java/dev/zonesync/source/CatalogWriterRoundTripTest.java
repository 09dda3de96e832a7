package dev.zonesync.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.CatalogMember;
import dev.zonesync.model.DnsName;
import dev.zonesync.plan.CatalogReader;
import dev.zonesync.plan.CatalogReading;
import dev.zonesync.plan.CatalogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What {@code zonesync catalog-zone} writes, read back as a transfer of it would be: the zone-file
 * reader (dnsjava) and the RFC 9432 reader, both written apart from the writer, find every member
 * with its groups and a label that depends on its name only.
 */
class CatalogWriterRoundTripTest {

  private static final DnsName CATALOG = DnsName.of("catalog.corp.example.");

  @Property(tries = 200)
  void writtenCatalog_readsBackAsItsMembersAndGroups(
      @ForAll("members") List<String> names, @ForAll("groups") List<String> groups)
      throws IOException {
    Map<DnsName, Set<String>> expected = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      expected.put(DnsName.of(names.get(i)), Set.copyOf(i % 3 == 0 ? groups : List.of()));
    }
    List<CatalogWriter.Entry> entries =
        expected.entrySet().stream()
            .map(e -> new CatalogWriter.Entry(e.getKey(), List.copyOf(e.getValue())))
            .toList();
    Path file = Files.createTempFile("catalog", ".zone");
    try {
      Files.writeString(file, CatalogWriter.write(CATALOG, 2026120701L, entries));

      CatalogReading reading =
          CatalogReader.read(CATALOG, new ZoneFileSource(CATALOG, file).read());

      assertThat(reading).isInstanceOf(CatalogReading.Valid.class);
      Map<DnsName, Set<String>> read = new LinkedHashMap<>();
      for (CatalogMember m : ((CatalogReading.Valid) reading).members()) {
        read.put(m.zone(), Set.copyOf(m.groups())); // an RRset has no order
        assertThat(m.label()).isEqualTo(CatalogWriter.label(m.zone()));
      }
      assertThat(read).containsExactlyInAnyOrderEntriesOf(expected);
    } finally {
      Files.delete(file);
    }
  }

  @Provide
  Arbitrary<List<String>> members() {
    Arbitrary<String> label =
        Arbitraries.strings()
            .withChars("abcdefghijklmnopqrstuvwxyz0123456789-_")
            .ofMinLength(1)
            .ofMaxLength(20);
    return label
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(ls -> String.join(".", ls) + ".corp.example.")
        .list()
        .ofMaxSize(30)
        .uniqueElements();
  }

  @Provide
  Arbitrary<List<String>> groups() {
    return Arbitraries.strings()
        .withCharRange('!', '~')
        .ofMinLength(1)
        .ofMaxLength(40)
        .list()
        .ofMaxSize(3)
        .uniqueElements();
  }
}
