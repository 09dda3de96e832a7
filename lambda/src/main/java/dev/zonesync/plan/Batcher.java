package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Packs a plan into as few ChangeResourceRecordSets requests as the limits allow (design.md
 * invariant 5): every request within {@link BatchLimits}; all changes of one name in one request
 * (so an RRset never spans requests and A→CNAME swaps are atomic); deletes first inside a request;
 * the serial commit in the last request. Pure.
 *
 * <p>Packing fills one request at a time from two largest-first queues of name groups — those that
 * mostly use characters and those that mostly use value slots — taking from whichever resource the
 * request has used less, and topping up with the smallest groups when the largest no longer fit.
 * Linear after sorting; close to the lower bound for mixed zones, where plain first-fit leaves
 * TXT-filled requests with unused value slots.
 */
public final class Batcher {

  private Batcher() {}

  public static List<Batch> batch(Plan plan, BatchLimits limits) {
    if (plan.isEmpty()) {
      return List.of();
    }
    Set<DnsName> commitNames = new HashSet<>();
    for (Change c : plan.commit()) {
      commitNames.add(c.name());
    }
    Group commitGroup = new Group();
    commitGroup.addAll(plan.commit());
    List<Group> groups = new ArrayList<>();
    List<Change> changes = plan.changes();
    int i = 0;
    while (i < changes.size()) {
      DnsName name = changes.get(i).name();
      Group g = commitNames.contains(name) ? commitGroup : new Group();
      while (i < changes.size() && changes.get(i).name().equals(name)) {
        g.add(changes.get(i++));
      }
      if (g != commitGroup) {
        groups.add(g);
      }
    }
    if (!limits.fits(commitGroup.values, commitGroup.chars, commitGroup.changes.size())) {
      throw new IllegalStateException(
          "the serial commit and the changes at its names exceed one request's limits; raise"
              + " batch limits or split the zone");
    }
    for (Group g : groups) {
      if (!limits.fits(g.values, g.chars, g.changes.size())) {
        throw new IllegalStateException(
            "changes at " + g.changes.get(0).name() + " exceed one request (planner bug)");
      }
    }
    // Two queues, largest first: groups that mostly use characters, and groups that mostly use
    // value (or change) slots. Each request is filled from whichever resource it has used less,
    // so character-heavy TXT sets share requests with value-heavy address sets.
    Deque<Group> charHeavy = new ArrayDeque<>();
    Deque<Group> countHeavy = new ArrayDeque<>();
    groups.sort(Comparator.comparingDouble((Group g) -> g.size(limits)).reversed());
    for (Group g : groups) {
      (g.charFraction(limits) >= g.countFraction(limits) ? charHeavy : countHeavy).addLast(g);
    }
    List<Group> bins = new ArrayList<>();
    Group filling = commitGroup.changes.isEmpty() ? new Group() : commitGroup;
    while (!charHeavy.isEmpty() || !countHeavy.isEmpty()) {
      boolean wantChars = filling.charFraction(limits) <= filling.countFraction(limits);
      Group g = takeFitting(wantChars ? charHeavy : countHeavy, filling, limits);
      if (g == null) {
        g = takeFitting(wantChars ? countHeavy : charHeavy, filling, limits);
      }
      if (g == null) {
        bins.add(filling);
        filling = new Group();
        continue;
      }
      filling.merge(g);
    }
    if (!filling.changes.isEmpty()) {
      bins.add(filling);
    }

    List<Batch> batches = new ArrayList<>(bins.size());
    Batch commitBatch = null;
    for (Group bin : bins) {
      List<Change> ordered = new ArrayList<>(bin.changes);
      ordered.sort(Comparator.comparingInt(Change::order).thenComparing(Planner.CHANGE_ORDER));
      Batch b = new Batch(ordered, (int) bin.values, (int) bin.chars, bin == commitGroup);
      if (bin == commitGroup) {
        commitBatch = b;
      } else {
        batches.add(b);
      }
    }
    // requests that free names and quota first
    batches.sort(Comparator.comparing((Batch b) -> b.changes().get(0).order() != 0));
    if (commitBatch != null) {
      batches.add(commitBatch);
    }
    return batches;
  }

  /** The fewest requests any packing needs: total size over capacity, per dimension. */
  public static int lowerBound(Plan plan, BatchLimits limits) {
    long values = 0;
    long chars = 0;
    long count = 0;
    for (List<Change> list : List.of(plan.changes(), plan.commit())) {
      for (Change c : list) {
        values += c.wireValues();
        chars += c.wireChars();
        count++;
      }
    }
    if (count == 0) {
      return 0;
    }
    long lb =
        Math.max(
            ceilDiv(values, limits.maxValues()),
            Math.max(ceilDiv(chars, limits.maxValueChars()), ceilDiv(count, limits.maxChanges())));
    return (int) Math.max(1, lb);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** The largest group that still fits, else the smallest if it fits, else null. */
  private static Group takeFitting(Deque<Group> queue, Group bin, BatchLimits limits) {
    if (queue.isEmpty()) {
      return null;
    }
    if (bin.fits(queue.peekFirst(), limits)) {
      return queue.pollFirst();
    }
    if (bin.fits(queue.peekLast(), limits)) {
      return queue.pollLast();
    }
    return null;
  }

  private static final class Group {
    final List<Change> changes = new ArrayList<>(2);
    long values;
    long chars;

    void add(Change c) {
      changes.add(c);
      values += c.wireValues();
      chars += c.wireChars();
    }

    void addAll(List<Change> cs) {
      cs.forEach(this::add);
    }

    void merge(Group g) {
      changes.addAll(g.changes);
      values += g.values;
      chars += g.chars;
    }

    boolean fits(Group g, BatchLimits l) {
      return l.fits(values + g.values, chars + g.chars, changes.size() + g.changes.size());
    }

    double charFraction(BatchLimits l) {
      return (double) chars / l.maxValueChars();
    }

    double countFraction(BatchLimits l) {
      return Math.max((double) values / l.maxValues(), (double) changes.size() / l.maxChanges());
    }

    double size(BatchLimits l) {
      return Math.max(charFraction(l), countFraction(l));
    }
  }
}
