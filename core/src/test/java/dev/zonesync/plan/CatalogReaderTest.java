package dev.zonesync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.model.CatalogMember;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Escaping;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.Soa;
import dev.zonesync.model.ZoneSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalog reader as tables: catalog records in, members (or why the catalog is broken) out.
 * Records are {@code "<name relative to the catalog> <TYPE> <value>"}, {@code @} for the apex.
 */
class CatalogReaderTest {

  static final DnsName CATALOG = DnsName.of("catalog.corp.example.");

  static final String VERSION = "version TXT \"2\"";

  /** A snapshot of the catalog holding these records (same name and type: one RRset). */
  static ZoneSnapshot catalog(String... records) {
    return ZoneSnapshot.adopt(CATALOG, soa(), index(records));
  }

  static Soa soa() {
    return new Soa(
        DnsName.of("ns1.corp.example."), DnsName.of("hostmaster.corp.example."), Serial.of(1), 0);
  }

  static Map<RRsetKey, RRset> index(String... records) {
    Map<RRsetKey, List<String>> values = new LinkedHashMap<>();
    for (String record : records) {
      String[] p = record.split(" ", 3);
      DnsName name = p[0].equals("@") ? CATALOG : DnsName.of(p[0] + "." + CATALOG.text());
      RrType type = RrType.fromName(p[1]);
      values
          .computeIfAbsent(new RRsetKey(name, type), k -> new ArrayList<>())
          .add(Rdata.canonicalize(type, p[2], Escaping.DECIMAL));
    }
    Map<RRsetKey, RRset> byKey = new HashMap<>();
    values.forEach((k, v) -> byKey.put(k, RRset.of(k.name(), k.type(), 0, v)));
    return byKey;
  }

  /** A member as the expected column writes it: {@code zone@label [groups] coo=target}. */
  static String show(CatalogMember m) {
    return m.zone()
        + "@"
        + m.label()
        + (m.groups().isEmpty() ? "" : " " + m.groups())
        + (m.coo() == null ? "" : " coo=" + m.coo());
  }

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of(
            "one member",
            new String[] {"@ NS invalid.", VERSION, "m1.zones PTR example.com."},
            List.of("example.com.@m1")),
        Arguments.of(
            "members ordered by name, whatever their labels",
            new String[] {
              VERSION, "a.zones PTR z.corp.example.", "b.zones PTR a.corp.example.",
            },
            List.of("a.corp.example.@b", "z.corp.example.@a")),
        Arguments.of("no members is a valid, empty catalog", new String[] {VERSION}, List.of()),
        Arguments.of(
            "groups (in the RRset's order) and coo",
            new String[] {
              VERSION,
              "m1.zones PTR a.corp.example.",
              "group.m1.zones TXT \"operator-y\"",
              "group.m1.zones TXT \"internal\"",
              "coo.m1.zones PTR new-catalog.corp.example.",
            },
            List.of("a.corp.example.@m1 [internal, operator-y] coo=new-catalog.corp.example.")),
        Arguments.of(
            "a group value of several character-strings is one name",
            new String[] {
              VERSION, "m1.zones PTR a.corp.example.", "group.m1.zones TXT \"inter\" \"nal\"",
            },
            List.of("a.corp.example.@m1 [internal]")),
        Arguments.of(
            "member names compare case-insensitively: they read lower-cased",
            new String[] {VERSION, "m1.zones PTR Example.COM."},
            List.of("example.com.@m1")),
        Arguments.of(
            "what a consumer must ignore (RFC 9432 §3, §4.3, §4.5)",
            new String[] {
              "@ NS ns1.corp.example.",
              VERSION,
              "serial.ext TXT \"7\"",
              "m1.zones PTR a.corp.example.",
              "m1.zones TXT \"not a property\"",
              "serial.m1.zones TXT \"unknown property\"",
              "flag.knot.ext.m1.zones TXT \"custom\"",
              "coo.m1.zones TXT \"a known property with another type\"",
              "group.m1.zones PTR other.example.",
              "a.b.m1.zones PTR deeper.example.",
              "group.orphan.zones TXT \"properties without a member node\"",
              "coo.orphan.zones PTR other-catalog.example.",
              "zones PTR not-a-member.example.",
              "zones TXT \"the zones node itself\"",
              "elsewhere PTR not-below-zones.example.",
            },
            List.of("a.corp.example.@m1")),
        Arguments.of(
            "zonesync's own records: the catalog's marker and the members' state records",
            new String[] {
              VERSION,
              "m1.zones PTR a.corp.example.",
              "_zonesync TXT \"zonesync=1 serial=1 lineage=ns1.corp.example. rrsets=3\"",
              "_zonesync.m1.zones TXT \"zsmember=1 member=a.corp.example. label=m1\"",
              "_zonesync.m9.zones PTR stale.corp.example.",
              "_zonesync.zones PTR not-a-member.corp.example.",
            },
            List.of("a.corp.example.@m1")),
        Arguments.of(
            "BIND's SHA-1 labels and escaped octets are labels like any other",
            new String[] {
              VERSION,
              "6dc1d1d6d3e7fbb3e0e1c8b1f6b0a1cbd3b8a4c6.zones PTR a.corp.example.",
              "m\\032x.zones PTR b\\032c.corp.example.",
            },
            List.of(
                "a.corp.example.@6dc1d1d6d3e7fbb3e0e1c8b1f6b0a1cbd3b8a4c6",
                "b\\032c.corp.example.@m\\032x")),
        Arguments.of(
            "the catalog itself and names inside it are members like others (the planner declines"
                + " them)",
            new String[] {
              VERSION,
              "m1.zones PTR catalog.corp.example.",
              "m2.zones PTR sub.catalog.corp.example.",
            },
            List.of("catalog.corp.example.@m1", "sub.catalog.corp.example.@m2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void read_ofAValidCatalog_listsItsMembers(String what, String[] records, List<String> members) {
    CatalogReading reading = CatalogReader.read(CATALOG, catalog(records));

    assertThat(reading).isInstanceOf(CatalogReading.Valid.class);
    CatalogReading.Valid valid = (CatalogReading.Valid) reading;
    assertThat(valid.version()).isEqualTo(2);
    assertThat(valid.members().stream().map(CatalogReaderTest::show).toList())
        .containsExactlyElementsOf(members);
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        Arguments.of(
            "no version property",
            new String[] {"m1.zones PTR a.corp.example."},
            "no version property: version.catalog.corp.example. has no TXT record (RFC 9432"
                + " §4.3.1); is this a catalog zone?"),
        Arguments.of(
            "a version of another type only",
            new String[] {"version PTR two.example.", "m1.zones PTR a.corp.example."},
            "no version property: version.catalog.corp.example. has no TXT record (RFC 9432"
                + " §4.3.1); is this a catalog zone?"),
        Arguments.of(
            "two version records, one of them right",
            new String[] {VERSION, "version TXT \"1\""},
            "version.catalog.corp.example. TXT holds 2 records [\"1\", \"2\"]: RFC 9432 §4.3.1"
                + " requires exactly one"),
        Arguments.of(
            "version 1 (BIND 9.11's draft schema)",
            new String[] {"version TXT \"1\""},
            "version.catalog.corp.example. TXT is \"1\", not \"2\": zonesync reads catalog schema"
                + " version 2 (RFC 9432 §4.3.1)"),
        Arguments.of(
            "a version that only looks like 2",
            new String[] {"version TXT \"02\""},
            "version.catalog.corp.example. TXT is \"02\", not \"2\": zonesync reads catalog"
                + " schema version 2 (RFC 9432 §4.3.1)"),
        Arguments.of(
            "a version of two character-strings",
            new String[] {"version TXT \"2\" \"\""},
            "version.catalog.corp.example. TXT is \"2\" \"\", not \"2\": zonesync reads catalog"
                + " schema version 2 (RFC 9432 §4.3.1)"),
        Arguments.of(
            "a member node with two PTRs",
            new String[] {
              VERSION, "m1.zones PTR a.corp.example.", "m1.zones PTR b.corp.example.",
            },
            "m1.zones.catalog.corp.example. PTR holds 2 records: a member node has exactly one"
                + " (RFC 9432 §4.2)"),
        Arguments.of(
            "one member under two labels",
            new String[] {
              VERSION, "m1.zones PTR a.corp.example.", "m2.zones PTR A.Corp.Example.",
            },
            "member a.corp.example. is listed under two labels, m1 and m2 (RFC 9432 §4.2)"),
        Arguments.of(
            "a coo property of two PTRs",
            new String[] {
              VERSION,
              "m1.zones PTR a.corp.example.",
              "coo.m1.zones PTR one.example.",
              "coo.m1.zones PTR two.example.",
            },
            "coo.m1.zones.catalog.corp.example. PTR holds 2 records: the coo property is a single"
                + " PTR (RFC 9432 §4.4.1)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void read_ofABrokenCatalog_saysWhy(String what, String[] records, String reason) {
    assertThat(CatalogReader.read(CATALOG, catalog(records)))
        .isEqualTo(new CatalogReading.Broken(reason));
  }

  static Stream<Arguments> unreadable() {
    return Stream.of(
        Arguments.of(
            "version",
            "version.catalog.corp.example. TXT could not be read (RFC 9432 §4.3.1): bad rdata"),
        Arguments.of(
            "m2.zones",
            "m2.zones.catalog.corp.example. PTR could not be read (RFC 9432 §4.3): bad rdata"),
        Arguments.of(
            "coo.m1.zones",
            "coo.m1.zones.catalog.corp.example. PTR could not be read (RFC 9432 §4.3): bad"
                + " rdata"));
  }

  /** The source keeps RRsets it could not convert aside: at a known property, a broken catalog. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadable")
  void read_whenAKnownPropertyCouldNotBeRead_isBroken(String owner, String reason) {
    Map<RRsetKey, RRset> byKey = index("m1.zones PTR a.corp.example.");
    if (!owner.equals("version")) {
      byKey.putAll(index(VERSION));
    }
    RrType type = owner.equals("version") ? RrType.TXT : RrType.PTR;
    RRsetKey bad = new RRsetKey(DnsName.of(owner + "." + CATALOG.text()), type);

    ZoneSnapshot zone = ZoneSnapshot.adopt(CATALOG, soa(), byKey, Map.of(bad, "bad rdata"));

    assertThat(CatalogReader.read(CATALOG, zone)).isEqualTo(new CatalogReading.Broken(reason));
  }

  @Test
  void read_ignoresUnreadableRecordsItWouldIgnoreAnyway() {
    Map<RRsetKey, RRset> byKey = index(VERSION, "m1.zones PTR a.corp.example.");
    Map<RRsetKey, String> bad =
        Stream.of("serial.ext", "flag.ext.m1.zones", "m1.zones")
            .collect(
                Collectors.toMap(
                    n -> new RRsetKey(DnsName.of(n + "." + CATALOG.text()), RrType.fromName("LOC")),
                    n -> "bad rdata"));

    CatalogReading reading =
        CatalogReader.read(CATALOG, ZoneSnapshot.adopt(CATALOG, soa(), byKey, bad));

    assertThat(reading).isInstanceOf(CatalogReading.Valid.class);
  }

  @Test
  void read_ofAnotherZonesSnapshot_isAProgrammingError() {
    ZoneSnapshot other = new ZoneSnapshot(DnsName.of("corp.example."), soa(), List.of());

    assertThatThrownBy(() -> CatalogReader.read(CATALOG, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("snapshot of corp.example. given as catalog catalog.corp.example.");
  }
}
