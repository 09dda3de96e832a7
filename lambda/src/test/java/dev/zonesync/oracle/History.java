package dev.zonesync.oracle;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A generated history: the master's first version (as additions to an empty zone), then steps.
 * Every choice is a small number read modulo what exists when the step is interpreted, so a history
 * shrinks into another meaningful history.
 */
record History(List<Op> initial, List<Step> steps) {

  History {
    initial = List.copyOf(initial);
    steps = List.copyOf(steps);
  }

  /** What one master operation does; {@code a} and {@code b} pick targets and values. */
  enum OpKind {
    ADD,
    DELETE,
    VALUES,
    TTL,
    TTL_THEN_DELETE,
    SWAP,
    WILDCARD_ADD,
    WILDCARD_REMOVE,
    DELETE_COVERED,
    ESCAPED_TXT,
    BULK
  }

  record Op(OpKind kind, int a, int b) {
    @Override
    public String toString() {
      return kind + "(" + a + "," + b + ")";
    }
  }

  /** One step between or during runs. */
  sealed interface Step {}

  /** The master publishes one or more versions (several: one multi-version IXFR). */
  record MasterChange(List<List<Op>> versions) implements Step {
    MasterChange {
      versions = versions.stream().map(List::copyOf).toList();
    }

    @Override
    public String toString() {
      return "master"
          + versions.stream()
              .map(v -> v.stream().map(Op::toString).collect(Collectors.joining(" ", "[", "]")))
              .collect(Collectors.joining(""));
    }
  }

  /** The shapes of hand-made drift in Route 53. */
  enum Shape {
    VALUE_MISSING,
    EXTRA_VALUE,
    OTHER_TTL,
    RRSET_ABSENT,
    RRSET_PRESENT,
    MANY_HANDMADE
  }

  /**
   * Drift made by hand in Route 53, bypassing validation.
   *
   * @param atNextTouched at an RRset the next master change touches (else at one it does not)
   */
  record Drift(Shape shape, boolean atNextTouched, int pick) implements Step {
    @Override
    public String toString() {
      return "drift(" + shape + (atNextTouched ? ", touched" : ", untouched") + ", " + pick + ")";
    }
  }

  /** How a run is asked for. */
  enum Mode {
    NORMAL,
    DRY_RUN,
    FORCE,
    FULL
  }

  /**
   * A run by engine 0 or 1 (two warm containers over the same hosted zone).
   *
   * @param loseResponse 0, or the n-th change request of the run whose response is lost
   * @param serverError lose it as a 500 instead of a read timeout
   */
  record Run(int engine, Mode mode, int loseResponse, boolean serverError) implements Step {
    @Override
    public String toString() {
      return "run(engine "
          + engine
          + ", "
          + mode
          + (loseResponse == 0
              ? ""
              : ", lose response of change #" + loseResponse + (serverError ? " as 500" : ""))
          + ")";
    }
  }

  /** The clock moves past the zone's next full-reconcile slot. */
  record FullDue() implements Step {
    @Override
    public String toString() {
      return "clock(+24h: full reconcile due)";
    }
  }

  /** The master's journal no longer reaches back: the next IXFR is answered with the whole zone. */
  record JournalLost() implements Step {
    @Override
    public String toString() {
      return "journalLost";
    }
  }

  /** The master's next RRset query fails. */
  record QueryFails() implements Step {
    @Override
    public String toString() {
      return "queryFails";
    }
  }

  /** The master's next IXFR fails (the engine falls back to AXFR). */
  record IxfrFails() implements Step {
    @Override
    public String toString() {
      return "ixfrFails";
    }
  }

  @Override
  public String toString() {
    return "History{initial="
        + initial.size()
        + " ops "
        + initial
        + ",\n  steps=\n    "
        + steps.stream().map(Step::toString).collect(Collectors.joining("\n    "))
        + "}";
  }
}
