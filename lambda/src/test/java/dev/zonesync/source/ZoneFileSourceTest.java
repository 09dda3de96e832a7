package dev.zonesync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.Samples;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Escaping;
import dev.zonesync.model.RRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.ZoneSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneFileSourceTest {

  private static final DnsName ZONE = DnsName.of("corp.example.");

  private static Map<String, RRset> sampleSets() {
    ZoneSnapshot s = new ZoneFileSource(ZONE, Samples.sample("corp.example.zone")).read();
    return s.rrsets().stream()
        .collect(Collectors.toMap(r -> r.name().text() + " " + r.type(), Function.identity()));
  }

  @Test
  void read_convertsSampleZoneToCanonicalValues() {
    Map<String, RRset> sets = sampleSets();
    assertThat(sets.get("www.corp.example. AAAA").values())
        .containsExactly("2001:db8::10", "2001:db8::11");
    assertThat(sets.get("intranet.corp.example. CNAME").values())
        .containsExactly("www.corp.example.");
    assertThat(sets.get("*.apps.corp.example. A").values())
        .containsExactly("192.0.2.80", "192.0.2.81");
    assertThat(sets.get("quoted.corp.example. TXT").values())
        .containsExactly("\"say \\\"hello\\\"; path C:\\\\temp\\\\zonesync; done\"");
    assertThat(sets.get("long.corp.example. TXT").values().get(0))
        .startsWith("\"v=DKIM1;")
        .contains("\" \"alw7");
    assertThat(sets.get("host1.corp.example. SSHFP").values().get(0))
        .isEqualTo("4 2 5c0a7e84b9c3da17e3f6a2b1d08c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3");
    assertThat(sets.get("corp.example. HTTPS").values())
        .containsExactly("1 . alpn=h2,h3 port=8443");
    assertThat(sets.get("mixedcase.corp.example. A")).isNotNull();
    assertThat(sets.get("odd\\064name.corp.example. TXT")).isNotNull();
    assertThat(sets.get("spaced\\032name.corp.example. TXT")).isNotNull();
    assertThat(sets.get("mail2.corp.example. A").ttl()).isEqualTo(600);
    assertThat(sets.get("legacy.corp.example. HINFO").type().isRoute53Supported()).isFalse();
  }

  @Test
  void everySupportedValue_survivesTheRoute53RoundTrip() {
    for (RRset r : sampleSets().values()) {
      if (!r.type().isRoute53Supported()) {
        continue;
      }
      for (String v : r.values()) {
        String onTheWire = Rdata.render(r.type(), v, Escaping.OCTAL);
        assertThat(onTheWire).as("%s %s", r.name(), r.type()).hasSameSizeAs(v);
        assertThat(Rdata.canonicalize(r.type(), onTheWire, Escaping.OCTAL))
            .as("%s %s %s", r.name(), r.type(), onTheWire)
            .isEqualTo(v);
      }
      assertThat(DnsName.parse(r.name().format(Escaping.OCTAL), Escaping.OCTAL))
          .isEqualTo(r.name());
    }
  }

  @Test
  void read_keepsSerialAndLineage() {
    ZoneSnapshot s = new ZoneFileSource(ZONE, Samples.sample("corp.example.zone")).read();
    assertThat(s.soa().serial().value()).isEqualTo(2026112201L);
    assertThat(s.soa().mname()).isEqualTo(DnsName.of("ns1.corp.example."));
    assertThat(s.rrsets()).noneMatch(r -> r.type().equals(RrType.SOA));
  }

  @Test
  void read_whenNoApexNs_refusesTheZone(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("z");
    Files.writeString(
        f, "$ORIGIN corp.example.\n@ 300 IN SOA ns1 host 1 2 3 4 5\nwww 300 IN A 192.0.2.1\n");
    assertThatThrownBy(() -> new ZoneFileSource(ZONE, f).read())
        .isInstanceOf(TransferVerificationException.class)
        .hasMessageContaining("no NS records at the zone apex");
  }

  @Test
  void read_whenNoSoa_refusesTheZone(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("z");
    Files.writeString(f, "$ORIGIN corp.example.\n@ 300 IN NS ns1\n");
    assertThatThrownBy(() -> new ZoneFileSource(ZONE, f).read())
        .isInstanceOf(TransferVerificationException.class)
        .hasMessageContaining("no SOA record");
  }

  @Test
  void read_whenNameOutsideZone_refusesTheZone(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("z");
    Files.writeString(
        f,
        "$ORIGIN corp.example.\n@ 300 IN SOA ns1 host 1 2 3 4 5\n@ 300 IN NS ns1\n"
            + "evil.other.example. 300 IN A 192.0.2.1\n");
    assertThatThrownBy(() -> new ZoneFileSource(ZONE, f).read())
        .isInstanceOf(TransferVerificationException.class)
        .hasMessageContaining("evil.other.example.")
        .hasMessageContaining("outside the zone");
  }
}
