package dev.zonesync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.model.MemberState.Decoded;
import dev.zonesync.model.MemberState.State;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The member state record: its text, how it is read back, its owner name, the caller reference. */
class MemberStateTest {

  static final DnsName CATALOG = DnsName.of("catalog.corp.example.");
  static final DnsName A = DnsName.of("a.corp.example.");
  static final DnsName NEW = DnsName.of("new-catalog.corp.example.");
  static final Instant T = Instant.ofEpochSecond(1796119200);

  static MemberState mirrored() {
    return new MemberState(
        A, "m1", "Z0123456789ABC", State.MIRRORED, 1, true, T, "internal", false, null);
  }

  static Stream<Arguments> written() {
    return Stream.of(
        Arguments.of(
            "mirrored, exposed, a group",
            mirrored(),
            "\"zsmember=1 member=a.corp.example. label=m1 state=mirrored gen=1 since=1796119200"
                + " exposed=1 reset=0 zone=Z0123456789ABC group=internal\""),
        Arguments.of(
            "to be created: no hosted zone yet, the catalog's defaults",
            MemberState.toCreate(A, "m1", 2, null, T),
            "\"zsmember=1 member=a.corp.example. label=m1 state=created gen=2 since=1796119200"
                + " exposed=0 reset=0\""),
        Arguments.of(
            "created after a label change: the next sync is a full one",
            new MemberState(A, "m2", "Z9", State.CREATED, 1, false, T, null, true, null),
            "\"zsmember=1 member=a.corp.example. label=m2 state=created gen=1 since=1796119200"
                + " exposed=0 reset=1 zone=Z9\""),
        Arguments.of(
            "mirrored and offered by coo",
            mirrored().withHandedTo(NEW),
            "\"zsmember=1 member=a.corp.example. label=m1 state=mirrored gen=1 since=1796119200"
                + " exposed=1 reset=0 zone=Z0123456789ABC group=internal"
                + " to=new-catalog.corp.example.\""),
        Arguments.of(
            "handed over",
            mirrored().handedOver(NEW, Instant.ofEpochSecond(1796200000)),
            "\"zsmember=1 member=a.corp.example. label=m1 state=handed-over gen=1"
                + " since=1796200000 exposed=1 reset=0 zone=Z0123456789ABC group=internal"
                + " to=new-catalog.corp.example.\""),
        Arguments.of(
            "quarantined",
            mirrored().in(State.QUARANTINED, Instant.ofEpochSecond(1796200000)),
            "\"zsmember=1 member=a.corp.example. label=m1 state=quarantined gen=1"
                + " since=1796200000 exposed=1 reset=0 zone=Z0123456789ABC group=internal\""),
        Arguments.of(
            "a group name with a space and a non-ASCII letter is %-encoded",
            mirrored().withGroup("ops team ü"),
            "\"zsmember=1 member=a.corp.example. label=m1 state=mirrored gen=1 since=1796119200"
                + " exposed=1 reset=0 zone=Z0123456789ABC group=ops%20team%20%C3%BC\""),
        Arguments.of(
            "a name's decimal escape: the TXT string escapes its backslash again",
            new MemberState(
                DnsName.of("b\\032c.corp.example."),
                "m\\032x",
                "Z9",
                State.MIRRORED,
                3,
                true,
                T,
                null,
                false,
                null),
            "\"zsmember=1 member=b\\\\032c.corp.example. label=m\\\\032x state=mirrored gen=3"
                + " since=1796119200 exposed=1 reset=0 zone=Z9\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("written")
  void toTxtValue_writesTheFormat_andParseReadsItBack(
      String what, MemberState state, String value) {
    assertThat(state.toTxtValue()).isEqualTo(value);
    assertThat(MemberState.parse(value)).isEqualTo(new Decoded.Read(state));
  }

  static final String BASE =
      "zsmember=1 member=a.corp.example. label=m1 state=mirrored gen=1 since=1796119200"
          + " exposed=1 reset=0 zone=Z0123456789ABC";

  static Stream<Arguments> read() {
    return Stream.of(
        Arguments.of(
            "a field of a later version is ignored",
            "\"" + BASE + " group=internal epoch=7\"",
            new Decoded.Read(mirrored())),
        Arguments.of(
            "fields in any order",
            "\"zsmember=1 group=internal zone=Z0123456789ABC reset=0 exposed=1 since=1796119200"
                + " gen=1 state=mirrored label=m1 member=a.corp.example.\"",
            new Decoded.Read(mirrored())),
        Arguments.of(
            "split into character-strings anywhere, even inside a field",
            "\"zsmember=1 member=a.corp.exa\" \"mple. label=m1 state=mirrored gen=1"
                + " since=1796119200 exposed=1 reset=0 zone=Z0123456789ABC group=internal\"",
            new Decoded.Read(mirrored())),
        Arguments.of(
            "a later format: neither read nor to be overwritten",
            "\"zsmember=2 whatever=else\"",
            new Decoded.Newer(2)),
        Arguments.of(
            "another TXT record",
            "\"v=spf1 -all\"",
            new Decoded.Invalid("not a zonesync member state: v=spf1 -all")),
        Arguments.of(
            "a malformed version",
            "\"zsmember=one " + BASE.substring(11) + "\"",
            new Decoded.Invalid(
                "malformed format version in: zsmember=one member=a.corp.example."
                    + " label=m1 state=mirrored gen=1 since=1796119200 exposed=1 reset=0"
                    + " zone=Z0123456789ABC")),
        Arguments.of(
            "a version before the first",
            "\"zsmember=0\"",
            new Decoded.Invalid("format version 0 is not 1")),
        Arguments.of(
            "a field of its own missing",
            "\"" + BASE.replace(" gen=1", "") + "\"",
            new Decoded.Invalid(
                "field gen missing in: zsmember=1 member=a.corp.example. label=m1 state=mirrored"
                    + " since=1796119200 exposed=1 reset=0 zone=Z0123456789ABC")),
        Arguments.of(
            "a flag that is not 0 or 1",
            "\"" + BASE.replace("exposed=1", "exposed=yes") + "\"",
            new Decoded.Invalid(
                "field exposed=yes is not 0 or 1 in: zsmember=1 member=a.corp.example. label=m1"
                    + " state=mirrored gen=1 since=1796119200 exposed=yes reset=0"
                    + " zone=Z0123456789ABC")),
        Arguments.of(
            "a field twice",
            "\"" + BASE + " gen=2\"",
            new Decoded.Invalid(
                "field gen appears twice in: zsmember=1 member=a.corp.example. label=m1"
                    + " state=mirrored gen=1 since=1796119200 exposed=1 reset=0"
                    + " zone=Z0123456789ABC gen=2")),
        Arguments.of(
            "an unknown state",
            "\"" + BASE.replace("mirrored", "gone") + "\"",
            new Decoded.Invalid(
                "unknown state 'gone' in: zsmember=1 member=a.corp.example. label=m1 state=gone"
                    + " gen=1 since=1796119200 exposed=1 reset=0 zone=Z0123456789ABC")),
        Arguments.of(
            "mirrored without its hosted zone",
            "\"" + BASE.replace(" zone=Z0123456789ABC", "") + "\"",
            new Decoded.Invalid(
                "member a.corp.example. is mirrored without a hosted zone ID in: zsmember=1"
                    + " member=a.corp.example. label=m1 state=mirrored gen=1 since=1796119200"
                    + " exposed=1 reset=0")),
        Arguments.of(
            "a generation of 0",
            "\"" + BASE.replace("gen=1", "gen=0") + "\"",
            new Decoded.Invalid(
                "member a.corp.example.: generation is at least 1, got 0 in: zsmember=1"
                    + " member=a.corp.example. label=m1 state=mirrored gen=0 since=1796119200"
                    + " exposed=1 reset=0 zone=Z0123456789ABC")),
        Arguments.of(
            "a negative time",
            "\"" + BASE.replace("since=1796119200", "since=-1") + "\"",
            new Decoded.Invalid(
                "field since=-1 is not a number in: zsmember=1 member=a.corp.example. label=m1"
                    + " state=mirrored gen=1 since=-1 exposed=1 reset=0 zone=Z0123456789ABC")),
        Arguments.of(
            "a group in another %-encoding than the one written",
            "\"" + BASE + " group=%69nternal\"",
            new Decoded.Invalid(
                "group '%69nternal' is not in canonical %-encoding in: zsmember=1"
                    + " member=a.corp.example. label=m1 state=mirrored gen=1 since=1796119200"
                    + " exposed=1 reset=0 zone=Z0123456789ABC group=%69nternal")),
        Arguments.of(
            "a truncated %-escape",
            "\"" + BASE + " group=a%2\"",
            new Decoded.Invalid(
                "truncated %-escape in 'a%2' in: zsmember=1 member=a.corp.example. label=m1"
                    + " state=mirrored gen=1 since=1796119200 exposed=1 reset=0"
                    + " zone=Z0123456789ABC group=a%2")),
        Arguments.of(
            "a space too many",
            "\"" + BASE.replace(" gen", "  gen") + "\"",
            new Decoded.Invalid(
                "field '' is not key=value in: zsmember=1 member=a.corp.example. label=m1"
                    + " state=mirrored  gen=1 since=1796119200 exposed=1 reset=0"
                    + " zone=Z0123456789ABC")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("read")
  void parse_isTolerantOfOthersFieldsAndStrictOnItsOwn(
      String what, String value, Decoded expected) {
    assertThat(MemberState.parse(value)).isEqualTo(expected);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "a hosted zone ID in lower case",
            (Runnable)
                () -> new MemberState(A, "m1", "z1", State.MIRRORED, 1, true, T, null, false, null),
            "member a.corp.example.: 'z1' is not a hosted zone ID"),
        Arguments.of(
            "a hosted zone ID with its path",
            (Runnable)
                () ->
                    new MemberState(
                        A, "m1", "/hostedzone/Z1", State.MIRRORED, 1, true, T, null, false, null),
            "member a.corp.example.: '/hostedzone/Z1' is not a hosted zone ID"),
        Arguments.of(
            "quarantined without a hosted zone",
            (Runnable)
                () ->
                    new MemberState(
                        A, "m1", null, State.QUARANTINED, 1, true, T, null, false, null),
            "member a.corp.example. is quarantined without a hosted zone ID"),
        Arguments.of(
            "handed over to nowhere",
            (Runnable)
                () ->
                    new MemberState(
                        A, "m1", "Z1", State.HANDED_OVER, 1, true, T, null, false, null),
            "member a.corp.example. is handed over without the catalog it went to"),
        Arguments.of(
            "quarantined and offered",
            (Runnable)
                () ->
                    new MemberState(A, "m1", "Z1", State.QUARANTINED, 1, true, T, null, false, NEW),
            "member a.corp.example. is quarantined but names a catalog it went to:"
                + " new-catalog.corp.example."),
        Arguments.of(
            "two labels for one",
            (Runnable)
                () ->
                    new MemberState(
                        A, "m1.m2", "Z1", State.MIRRORED, 1, true, T, null, false, null),
            "a member node label is one label, got 'm1.m2'"),
        Arguments.of(
            "a label in another text than the canonical one",
            (Runnable)
                () -> new MemberState(A, "M1", "Z1", State.MIRRORED, 1, true, T, null, false, null),
            "not a member node label in canonical text: 'M1'"),
        Arguments.of(
            "an empty group name",
            (Runnable)
                () -> new MemberState(A, "m1", "Z1", State.MIRRORED, 1, true, T, "", false, null),
            "member a.corp.example.: a group name has 1..255 octets: "),
        Arguments.of(
            "a group name longer than 255 octets",
            (Runnable)
                () ->
                    new MemberState(
                        A, "m1", "Z1", State.MIRRORED, 1, true, T, "é".repeat(128), false, null),
            "member a.corp.example.: a group name has 1..255 octets: " + "é".repeat(128)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void constructor_refusesWhatCouldNotBeWrittenOrMeant(String what, Runnable make, String message) {
    assertThatThrownBy(make::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void since_isKeptToTheSecond_asWritten() {
    MemberState s = MemberState.toCreate(A, "m1", 1, null, Instant.ofEpochSecond(5, 999));
    assertThat(s.since()).isEqualTo(Instant.ofEpochSecond(5));
  }

  @Test
  void afterCompleteSync_isMirroredExposedAndNoLongerReset() {
    MemberState created =
        new MemberState(A, "m2", "Z9", State.CREATED, 1, false, T, null, true, null);
    Instant later = Instant.ofEpochSecond(1796200000);

    assertThat(created.afterCompleteSync(later))
        .isEqualTo(
            new MemberState(A, "m2", "Z9", State.MIRRORED, 1, true, later, null, false, null));
    // a relabelled member was mirrored already: its state did not change, so neither does since
    MemberState relabelled = mirrored().withLabel("m2").withReset(true);
    assertThat(relabelled.afterCompleteSync(later)).isEqualTo(mirrored().withLabel("m2"));
  }

  @Test
  void nameFor_isUnderTheMemberNode_andLabelOfReadsItBack() {
    DnsName owner = MemberState.nameFor(CATALOG, "m1");

    assertThat(owner).isEqualTo(DnsName.of("_zonesync.m1.zones.catalog.corp.example."));
    assertThat(SyncMarker.isMarkerName(owner)).isTrue();
    assertThat(MemberState.labelOf(CATALOG, owner)).contains("m1");
    assertThat(mirrored().toRRset(CATALOG).name()).isEqualTo(owner);
    assertThat(mirrored().toRRset(CATALOG).ttl()).isEqualTo(300);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "_zonesync.catalog.corp.example.",
        "m1.zones.catalog.corp.example.",
        "_zonesync.zones.catalog.corp.example.",
        "_zonesync.x.m1.zones.catalog.corp.example.",
        "_zonesync.m1.zones.other.corp.example.",
        "group.m1.zones.catalog.corp.example."
      })
  void labelOf_anyOtherName_isNone(String name) {
    assertThat(MemberState.labelOf(CATALOG, DnsName.of(name))).isEqualTo(Optional.empty());
  }

  @Test
  void nameFor_whenTheOwnerWouldBeLongerThanADnsName_saysWhich() {
    DnsName longCatalog =
        DnsName.of(
            "c".repeat(63)
                + "."
                + "d".repeat(63)
                + "."
                + "e".repeat(63)
                + "."
                + "f".repeat(43)
                + ".");

    assertThatThrownBy(() -> MemberState.nameFor(longCatalog, "m1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no state record name for label m1 in catalog ccc");
  }

  /**
   * Every field at its longest, in the octets that need the most characters: names of 255 octets
   * and a label of 63 that are all {@code \\DDD} escapes (five characters each once the TXT string
   * escapes the backslash), a group of 255 octets that are all {@code %XX}.
   */
  @Test
  void toTxtValue_ofTheLongestFields_staysWithinRoute53sLimit() {
    DnsName longest =
        DnsName.of(
            "\\000".repeat(63)
                + "."
                + "\\000".repeat(63)
                + "."
                + "\\000".repeat(63)
                + "."
                + "\\000".repeat(61)
                + ".");
    MemberState state =
        new MemberState(
            longest,
            "\\000".repeat(63),
            "Z".repeat(32),
            State.HANDED_OVER,
            Integer.MAX_VALUE,
            true,
            Instant.MAX,
            " ".repeat(255),
            true,
            longest);

    String value = state.toTxtValue();

    assertThat(Rdata.written(RrType.TXT, value).length())
        .isGreaterThan(3700)
        .isLessThanOrEqualTo(MemberState.MAX_VALUE_CHARS);
    assertThat(MemberState.parse(value)).isEqualTo(new Decoded.Read(state));
  }

  // ---- the caller reference ----

  static Stream<Arguments> callerReferences() {
    return Stream.of(
        Arguments.of(CATALOG, A, "m1", 1, "zonesync/a.corp.example./g1/18f31984b55c49ab7d258b0d"),
        Arguments.of(CATALOG, A, "m1", 2, "zonesync/a.corp.example./g2/b64c0808ac4922ab5468e9c7"),
        Arguments.of(CATALOG, A, "m2", 1, "zonesync/a.corp.example./g1/8e04c2d2b734691274e7f16f"),
        Arguments.of(
            DnsName.of("other-catalog.corp.example."),
            A,
            "m1",
            1,
            "zonesync/a.corp.example./g1/0d61fb7b7b2cae3787684c50"),
        // 135 characters of member name: cut to fit 128 in all, the hash of the whole kept
        Arguments.of(
            CATALOG,
            DnsName.of("x".repeat(60) + "." + "y".repeat(60) + ".corp.example."),
            "m1",
            1,
            "zonesync/" + "x".repeat(60) + "." + "y".repeat(29) + "~/g1/4fc41ca71221f7f57aa617a0"));
  }

  /** Expected hashes: the first 24 hex digits of SHA-256("catalog\nmember\nlabel\ngeneration"). */
  @ParameterizedTest(name = "{1} {2} g{3} in {0}")
  @MethodSource("callerReferences")
  void callerReference_isReadableAndChangesWithCatalogMemberLabelAndGeneration(
      DnsName catalog, DnsName member, String label, int generation, String expected) {
    String ref = MemberState.callerReference(catalog, member, label, generation);

    assertThat(ref).isEqualTo(expected);
    assertThat(ref.length()).isLessThanOrEqualTo(128);
  }

  @Test
  void callerReference_ofTheLongestMemberName_fitsRoute53() {
    DnsName longest =
        DnsName.of(
            "\\000".repeat(63)
                + "."
                + "\\000".repeat(63)
                + "."
                + "\\000".repeat(63)
                + "."
                + "\\000".repeat(61)
                + ".");

    String ref = MemberState.callerReference(CATALOG, longest, "m1", Integer.MAX_VALUE);

    assertThat(ref).hasSize(128).startsWith("zonesync/\\000").contains("~/g2147483647/");
  }
}
