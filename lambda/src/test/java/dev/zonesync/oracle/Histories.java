package dev.zonesync.oracle;

import dev.zonesync.oracle.History.Drift;
import dev.zonesync.oracle.History.FullDue;
import dev.zonesync.oracle.History.IxfrFails;
import dev.zonesync.oracle.History.JournalLost;
import dev.zonesync.oracle.History.MasterChange;
import dev.zonesync.oracle.History.Mode;
import dev.zonesync.oracle.History.Op;
import dev.zonesync.oracle.History.OpKind;
import dev.zonesync.oracle.History.QueryFails;
import dev.zonesync.oracle.History.Run;
import dev.zonesync.oracle.History.Shape;
import dev.zonesync.oracle.History.Step;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/** The oracle's generated histories (jqwik). */
final class Histories {

  private Histories() {}

  private static Arbitrary<Integer> pick() {
    return Arbitraries.integers().between(0, 9999);
  }

  /** The master's first version: 1–146 additions next to a wildcard and two names it covers. */
  static Arbitrary<List<Op>> initial() {
    return Combinators.combine(pick(), pick())
        .as((a, b) -> new Op(OpKind.ADD, a, b))
        .list()
        .ofMinSize(1)
        .ofMaxSize(146)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  static Arbitrary<Op> op() {
    Arbitrary<OpKind> kind =
        Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.just(OpKind.ADD)),
            Tuple.of(10, Arbitraries.just(OpKind.DELETE)),
            Tuple.of(14, Arbitraries.just(OpKind.VALUES)),
            Tuple.of(10, Arbitraries.just(OpKind.TTL)),
            Tuple.of(6, Arbitraries.just(OpKind.TTL_THEN_DELETE)),
            Tuple.of(8, Arbitraries.just(OpKind.SWAP)),
            Tuple.of(4, Arbitraries.just(OpKind.WILDCARD_ADD)),
            Tuple.of(4, Arbitraries.just(OpKind.WILDCARD_REMOVE)),
            Tuple.of(7, Arbitraries.just(OpKind.DELETE_COVERED)),
            Tuple.of(10, Arbitraries.just(OpKind.ESCAPED_TXT)),
            Tuple.of(2, Arbitraries.just(OpKind.BULK)));
    return Combinators.combine(kind, pick(), pick()).as(Op::new);
  }

  /** One version is one IXFR step; several make a multi-version IXFR. */
  static Arbitrary<Step> masterChange() {
    Arbitrary<List<Op>> version = op().list().ofMinSize(1).ofMaxSize(4);
    return Arbitraries.frequencyOf(
            Tuple.of(7, version.list().ofSize(1)),
            Tuple.of(3, version.list().ofMinSize(2).ofMaxSize(3)))
        .map(MasterChange::new);
  }

  static Arbitrary<Step> drift() {
    Arbitrary<Shape> shape =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(Shape.VALUE_MISSING)),
            Tuple.of(3, Arbitraries.just(Shape.EXTRA_VALUE)),
            Tuple.of(3, Arbitraries.just(Shape.OTHER_TTL)),
            Tuple.of(3, Arbitraries.just(Shape.RRSET_ABSENT)),
            Tuple.of(3, Arbitraries.just(Shape.RRSET_PRESENT)),
            Tuple.of(3, Arbitraries.just(Shape.MANY_HANDMADE)));
    return Combinators.combine(shape, Arbitraries.of(true, false), pick()).as(Drift::new);
  }

  static Arbitrary<Step> run() {
    Arbitrary<Mode> mode =
        Arbitraries.frequencyOf(
            Tuple.of(70, Arbitraries.just(Mode.NORMAL)),
            Tuple.of(10, Arbitraries.just(Mode.DRY_RUN)),
            Tuple.of(8, Arbitraries.just(Mode.FORCE)),
            Tuple.of(12, Arbitraries.just(Mode.FULL)));
    Arbitrary<Integer> lose =
        Arbitraries.frequencyOf(
            Tuple.of(85, Arbitraries.just(0)), Tuple.of(15, Arbitraries.integers().between(1, 3)));
    return Combinators.combine(
            Arbitraries.integers().between(0, OracleRun.ENGINES - 1),
            mode,
            lose,
            Arbitraries.of(false, true))
        .as(Run::new);
  }

  static Arbitrary<Step> step() {
    return Arbitraries.frequencyOf(
        Tuple.of(34, masterChange()),
        Tuple.of(16, drift()),
        Tuple.of(36, run()),
        Tuple.of(5, Arbitraries.just(new FullDue())),
        Tuple.of(5, Arbitraries.just(new JournalLost())),
        Tuple.of(3, Arbitraries.just(new QueryFails())),
        Tuple.of(3, Arbitraries.just(new IxfrFails())));
  }

  static Arbitrary<History> histories() {
    return Combinators.combine(initial(), step().list().ofMinSize(3).ofMaxSize(8)).as(History::new);
  }
}
