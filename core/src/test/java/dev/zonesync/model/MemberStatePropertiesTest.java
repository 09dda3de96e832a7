package dev.zonesync.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.MemberState.Decoded;
import dev.zonesync.model.MemberState.State;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Any member state survives its record: written, read back from the canonical value and from the
 * text Route 53 returns (octal escapes), within Route 53's 4000 characters.
 */
class MemberStatePropertiesTest {

  @Property(tries = 500)
  void aStateSurvivesItsRecord(@ForAll("states") MemberState state) {
    String value = state.toTxtValue();

    assertThat(MemberState.parse(value)).isEqualTo(new Decoded.Read(state));
    String asRoute53HoldsIt = Rdata.written(RrType.TXT, value);
    assertThat(asRoute53HoldsIt.length()).isLessThanOrEqualTo(MemberState.MAX_VALUE_CHARS);
    assertThat(Rdata.canonicalize(RrType.TXT, asRoute53HoldsIt, Escaping.OCTAL)).isEqualTo(value);
  }

  /** An octet, biased to those that need escaping in a name, a TXT string or a group field. */
  private static Arbitrary<Byte> interestingByte() {
    return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of("abcxyz0189-_".chars().boxed().toList())),
            Tuple.of(3, Arbitraries.of(".\"\\ ;=%*@$\t".chars().boxed().toList())),
            Tuple.of(2, Arbitraries.integers().between(0, 255)))
        .map(Integer::byteValue);
  }

  private static Arbitrary<byte[]> label(int max) {
    return interestingByte()
        .list()
        .ofMinSize(1)
        .ofMaxSize(max)
        .map(
            l -> {
              byte[] b = new byte[l.size()];
              for (int i = 0; i < b.length; i++) {
                b[i] = l.get(i);
              }
              return b;
            });
  }

  private static Arbitrary<DnsName> names() {
    return label(63)
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .filter(labels -> labels.stream().mapToInt(b -> b.length + 1).sum() + 1 <= 255)
        .map(labels -> DnsName.fromLabels(new ArrayList<>(labels)));
  }

  private static Arbitrary<String> labels() {
    return label(63)
        .map(b -> DnsName.fromLabels(List.of(b)).text())
        .map(t -> t.substring(0, t.length() - 1));
  }

  private static Arbitrary<String> groups() {
    return Arbitraries.strings()
        .all()
        .ofMinLength(1)
        .ofMaxLength(120)
        .filter(g -> g.getBytes(StandardCharsets.UTF_8).length <= MemberState.MAX_GROUP_OCTETS)
        // a lone surrogate does not survive UTF-8, and no configuration can hold one
        .filter(
            g -> new String(g.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(g));
  }

  private static Arbitrary<String> hostedZoneIds() {
    return Arbitraries.strings()
        .withCharRange('A', 'Z')
        .withCharRange('0', '9')
        .ofMinLength(1)
        .ofMaxLength(32);
  }

  @Provide
  Arbitrary<MemberState> states() {
    Arbitrary<State> state = Arbitraries.of(State.class);
    Arbitrary<String> id = hostedZoneIds().injectNull(0.1);
    Arbitrary<Integer> generation = Arbitraries.integers().between(1, Integer.MAX_VALUE);
    Arbitrary<Instant> since =
        Arbitraries.longs().between(0, Instant.MAX.getEpochSecond()).map(Instant::ofEpochSecond);
    Arbitrary<String> group = groups().injectNull(0.3);
    Arbitrary<DnsName> handedTo = names().injectNull(0.5);
    return Combinators.combine(
            names(), labels(), id, state, generation, Arbitraries.of(true, false), since, group)
        .as(
            (member, label, zone, s, gen, exposed, when, g) ->
                Tuple.of(member, label, zone, s, gen, exposed, when, g))
        .flatMap(
            t ->
                Combinators.combine(Arbitraries.of(true, false), handedTo, names())
                    .as(
                        (reset, to, handedOverTo) -> {
                          State s = t.get4();
                          String zone = s == State.CREATED || t.get3() != null ? t.get3() : "Z1";
                          DnsName target =
                              switch (s) {
                                case QUARANTINED -> null;
                                case HANDED_OVER -> handedOverTo;
                                case CREATED, MIRRORED -> to;
                              };
                          return new MemberState(
                              t.get1(), t.get2(), zone, s, t.get5(), t.get6(), t.get7(), t.get8(),
                              reset, target);
                        }));
  }
}
