package dev.zonesync.oracle;

import dev.zonesync.oracle.History.Drift;
import dev.zonesync.oracle.History.FullDue;
import dev.zonesync.oracle.History.MasterChange;
import dev.zonesync.oracle.History.Mode;
import dev.zonesync.oracle.History.Op;
import dev.zonesync.oracle.History.OpKind;
import dev.zonesync.oracle.History.QueryFails;
import dev.zonesync.oracle.History.Run;
import dev.zonesync.oracle.History.Shape;
import dev.zonesync.oracle.History.Step;
import dev.zonesync.route53.FakeRoute53.DeleteMatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The differential oracle (docs/development.md, "The differential oracle"): every shortcut ends
 * where the full path ends. Generated histories — master changes of every shape (several versions
 * per IXFR too), drift made by hand in Route 53, runs by two warm engines with every option and
 * lost responses, full reconciles falling due, a lost journal, failing master queries — are played
 * against the engine over an in-process Route 53 that validates as Route 53 does; after every run
 * Route 53 must be the oracle's own mirror of the master, but for drift no change has touched.
 *
 * <p>The {@code fixed_*} examples are small hand-written histories, one per engine fault the
 * property found (all fixed since), to re-run each one quickly.
 */
class OracleTest {

  private static final Map<String, Map<String, Integer>> SHAPES = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> TRIES = new ConcurrentHashMap<>();

  @Provide
  Arbitrary<History> histories() {
    return Histories.histories();
  }

  @Property(seed = "20261201", tries = 300, shrinking = ShrinkingMode.BOUNDED)
  void shortcut_afterAnyHistory_endsWhereFullReconcileEnds_textDeletes(
      @ForAll("histories") History history) {
    play(history, DeleteMatch.TEXT);
  }

  @Property(seed = "20261202", tries = 300, shrinking = ShrinkingMode.BOUNDED)
  void shortcut_afterAnyHistory_endsWhereFullReconcileEnds_dataDeletes(
      @ForAll("histories") History history) {
    play(history, DeleteMatch.DATA);
  }

  /**
   * {@code -Doracle.survey=true}: a diagnostic run that plays every try instead of stopping at the
   * first failure, and lists in the report which rules broke how often, each with its smallest
   * history. Off by default: the properties then fail on the first broken rule, shrunk.
   */
  private static final boolean SURVEY = Boolean.getBoolean("oracle.survey");

  /** Per property and first broken rule: tries, and the smallest failing history's message. */
  private static final Map<String, Map<String, Found>> FOUND = new ConcurrentHashMap<>();

  private record Found(int tries, int size, String message) {}

  private static void play(History history, DeleteMatch model) {
    OracleRun run = new OracleRun(history, model);
    String property = "DELETE model " + model;
    try {
      run.play();
    } catch (AssertionError e) {
      if (!SURVEY) {
        throw e;
      }
      int size = history.steps().size() * 1000 + history.initial().size();
      Map<String, Found> found = FOUND.computeIfAbsent(property, k -> new TreeMap<>());
      synchronized (found) {
        found.merge(
            run.failureKinds().get(0),
            new Found(1, size, e.getMessage()),
            (a, b) ->
                new Found(
                    a.tries() + 1,
                    Math.min(a.size(), b.size()),
                    b.size() < a.size() ? b.message() : a.message()));
      }
    } finally {
      TRIES.computeIfAbsent(property, k -> new AtomicInteger()).incrementAndGet();
      Map<String, Integer> counts = SHAPES.computeIfAbsent(property, k -> new TreeMap<>());
      synchronized (counts) {
        for (String l : new TreeSet<>(run.labels())) {
          counts.merge(l, 1, Integer::sum);
        }
      }
      for (String l : run.labels()) {
        Statistics.label("shapes").collect(l);
      }
    }
  }

  // ---- one small history per fault the property found ----

  private static Op op(OpKind k, int a, int b) {
    return new Op(k, a, b);
  }

  private static MasterChange master(Op... ops) {
    return new MasterChange(List.of(List.of(ops)));
  }

  private static Run normal() {
    return new Run(0, Mode.NORMAL, 0, false);
  }

  private static void example(DeleteMatch model, List<Op> initial, Step... steps) {
    new OracleRun(new History(initial, List.of(steps)), model).play();
  }

  /**
   * A TXT value with UTF-8 bytes changes again: the predicted DELETE must match Route 53's text.
   */
  @Example
  void fixed_escapedTxtChangedTwice_staysOptimistic() {
    example(
        DeleteMatch.TEXT,
        List.of(op(OpKind.ADD, 0, 0)),
        master(op(OpKind.ESCAPED_TXT, 2, 0)),
        normal(),
        master(op(OpKind.ESCAPED_TXT, 3, 0)),
        normal());
  }

  /** The same under the data model of DELETE: a decimal escape is not Route 53's octal. */
  @Example
  void fixed_escapedTxtChangedTwice_staysOptimisticUnderDataDeletes() {
    example(
        DeleteMatch.DATA,
        List.of(op(OpKind.ADD, 0, 0)),
        master(op(OpKind.ESCAPED_TXT, 2, 0)),
        normal(),
        master(op(OpKind.ESCAPED_TXT, 3, 0)),
        normal());
  }

  /** A TTL changed in one version and the RRset deleted in the next: one IXFR, no drift. */
  @Example
  void fixed_ttlChangedThenDeletedInOneIxfr_isNoDrift() {
    example(
        DeleteMatch.TEXT,
        List.of(op(OpKind.ADD, 0, 0)),
        master(op(OpKind.TTL_THEN_DELETE, 3, 0)),
        normal());
  }

  /** A name a wildcard covers is deleted: the wildcard's answer is not the deleted RRset's. */
  @Example
  void fixed_coveredNameDeleted_isNoDrift() {
    example(
        DeleteMatch.TEXT,
        List.of(op(OpKind.ADD, 0, 0)),
        master(op(OpKind.DELETE_COVERED, 0, 0)),
        normal());
  }

  /**
   * A value added by hand at an RRset the master then adds a value to, while the master cannot be
   * queried: the read path must still end at the master's RRset.
   */
  @Example
  void fixed_readPathKeepsAHandAddedValueAtATouchedRRset() {
    example(
        DeleteMatch.TEXT,
        List.of(op(OpKind.ADD, 0, 0)),
        new Drift(Shape.EXTRA_VALUE, true, 0),
        master(op(OpKind.VALUES, 3, 1)),
        new QueryFails(),
        normal());
  }

  /**
   * The same read path with a value missing by hand at an RRset the master adds a value to: the
   * value the differences do not mention must come back.
   */
  @Example
  void fixed_readPathLeavesOutAValueRemovedByHandAtATouchedRRset() {
    example(
        DeleteMatch.TEXT,
        List.of(op(OpKind.ADD, 0, 0)),
        new Drift(Shape.VALUE_MISSING, true, 0),
        master(op(OpKind.VALUES, 3, 1)),
        new QueryFails(),
        normal());
  }

  /**
   * Many hand-made RRsets make the due full reconcile exceed the delete threshold: the master's
   * changes must still arrive.
   */
  @Example
  void fixed_rejectedFullReconcile_blocksTheMastersChanges() {
    List<Op> initial = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      initial.add(op(OpKind.ADD, i, 1));
    }
    example(
        DeleteMatch.TEXT,
        initial,
        new Drift(Shape.MANY_HANDMADE, false, 0),
        new FullDue(),
        master(op(OpKind.ADD, 5, 5)),
        normal());
  }

  /**
   * When the master answers an IXFR with the whole zone (its journal lost; PowerDNS and Windows
   * always do) there is no incremental path to go on with: hand-made RRsets past the safety
   * thresholds look exactly like a master that lost that much of its zone, so the run is REJECTED
   * and changes nothing until a person forces it (README, "Safety thresholds"); then it converges.
   */
  @Example
  void wholeZoneAnswerRejectedForHandMadeRecords_changesNothingUntilForced() {
    List<Op> initial = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      initial.add(op(OpKind.ADD, i, 1));
    }
    example(
        DeleteMatch.TEXT,
        initial,
        new Drift(Shape.MANY_HANDMADE, false, 0),
        master(op(OpKind.ADD, 5, 5)),
        new History.JournalLost(),
        normal());
  }

  /** A CNAME replaced by an A record: Route 53 validates each change of the request in order. */
  @Example
  void fixed_cnameToASwap_isAcceptedChangeByChange() {
    example(
        DeleteMatch.TEXT, List.of(op(OpKind.ADD, 3, 0)), master(op(OpKind.SWAP, 1, 0)), normal());
  }

  // ---- the report ----

  @AfterContainer
  static void writeReport() throws IOException {
    if (TRIES.isEmpty()) {
      return;
    }
    StringBuilder md = new StringBuilder("# Differential oracle: shapes exercised\n\n");
    List<String> properties = new ArrayList<>(new TreeSet<>(TRIES.keySet()));
    md.append("Tries: ");
    for (String p : properties) {
      md.append(p).append(" ").append(TRIES.get(p)).append("; ");
    }
    md.append(
        SURVEY
            ? "(survey: every try played)"
            : "(calls of the property: a failing property's count includes its shrinking steps)");
    md.append("\n\nHistories (tries) in which each shape occurred at least once:\n\n| shape |");
    for (String p : properties) {
      md.append(' ').append(p).append(" |");
    }
    md.append("\n|---|");
    properties.forEach(p -> md.append("---:|"));
    md.append('\n');
    TreeSet<String> all = new TreeSet<>();
    SHAPES.values().forEach(m -> all.addAll(m.keySet()));
    for (String s : all) {
      md.append("| ").append(s.replace("|", "\\|")).append(" |");
      for (String p : properties) {
        md.append(' ').append(SHAPES.getOrDefault(p, Map.of()).getOrDefault(s, 0)).append(" |");
      }
      md.append('\n');
    }
    if (SURVEY) {
      md.append("\n## Survey: the first rule each failing try broke\n");
      for (String p : properties) {
        Map<String, Found> found = FOUND.getOrDefault(p, Map.of());
        int failing = found.values().stream().mapToInt(Found::tries).sum();
        md.append("\n### ")
            .append(p)
            .append(": ")
            .append(failing)
            .append(" of ")
            .append(TRIES.get(p))
            .append(" tries failed\n\n| first broken rule | tries |\n|---|---:|\n");
        found.forEach(
            (k, f) ->
                md.append("| ")
                    .append(k.replace("|", "\\|"))
                    .append(" | ")
                    .append(f.tries())
                    .append(" |\n"));
        found.forEach(
            (k, f) ->
                md.append("\n#### ")
                    .append(k)
                    .append(" (smallest history)\n\n```\n")
                    .append(f.message())
                    .append("\n```\n"));
      }
    }
    Path out = Path.of("target", "oracle-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md);
  }
}
