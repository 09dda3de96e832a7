package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Packs a plan into as few ChangeResourceRecordSets requests as the limits allow
 * (docs/architecture.md, invariant 5): every request within {@link BatchLimits}; all data changes
 * of one name in one request (so an RRset never spans requests and A→CNAME swaps are atomic);
 * deletes first inside a request; the serial commit in the last request, with the apex's data
 * changes when they fit. Pure.
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
    List<Change> changes = plan.changes();
    Set<DnsName> commitNames = new HashSet<>();
    for (Change c : plan.commit()) {
      commitNames.add(c.name());
    }
    // 1. name groups as ranges of the plan's changes (a name's changes are adjacent); changes at
    // the commit's names travel with the commit
    int n = changes.size();
    Groups g = new Groups(n);
    List<int[]> atCommitNames = new ArrayList<>(1);
    Bin commitBin = new Bin();
    for (Change c : plan.commit()) {
      commitBin.addChange(c);
    }
    int i = 0;
    while (i < n) {
      DnsName name = changes.get(i).name();
      int from = i;
      long values = 0;
      long chars = 0;
      while (i < n && changes.get(i).name().equals(name)) {
        values += changes.get(i).wireValues();
        chars += changes.get(i).wireChars();
        i++;
      }
      if (commitNames.contains(name)) {
        atCommitNames.add(new int[] {from, i});
      } else {
        if (!limits.fits(values, chars, i - from)) {
          throw new IllegalStateException(
              "changes at " + name + " exceed one request (planner bug)");
        }
        g.add(from, i, values, chars);
      }
    }
    if (!limits.fits(commitBin.values, commitBin.chars, commitBin.count)) {
      throw new IllegalStateException(
          "the serial commit alone ("
              + commitBin.values
              + " values, "
              + commitBin.chars
              + " characters) exceeds the batch limits; raise batch.maxValueChars");
    }
    // the apex's data changes go with the SOA when they fit, else in a request of their own
    for (int[] range : atCommitNames) {
      long values = 0;
      long chars = 0;
      for (int k = range[0]; k < range[1]; k++) {
        values += changes.get(k).wireValues();
        chars += changes.get(k).wireChars();
      }
      if (limits.fits(
          commitBin.values + values,
          commitBin.chars + chars,
          commitBin.count + range[1] - range[0])) {
        for (int k = range[0]; k < range[1]; k++) {
          commitBin.addChange(changes.get(k));
        }
      } else {
        g.add(range[0], range[1], values, chars);
      }
    }
    // 2. two queues, largest first: groups that mostly use characters, and groups that mostly use
    // value (or change) slots. Each request is filled from whichever resource it has used less, so
    // character-heavy TXT sets share requests with value-heavy address sets.
    int[][] queues = g.sortedQueues(limits);
    int[] charHeavy = queues[0];
    int[] countHeavy = queues[1];
    int[] head = {0, 0};
    int[] tail = {charHeavy.length - 1, countHeavy.length - 1};
    List<Bin> bins = new ArrayList<>();
    Bin filling = commitBin.count == 0 ? new Bin() : commitBin;
    while (head[0] <= tail[0] || head[1] <= tail[1]) {
      boolean wantChars = filling.charFraction(limits) <= filling.countFraction(limits);
      int q = wantChars ? 0 : 1;
      int taken = take(queues[q], head, tail, q, g, filling, limits);
      if (taken < 0) {
        taken = take(queues[1 - q], head, tail, 1 - q, g, filling, limits);
      }
      if (taken < 0) {
        bins.add(filling);
        filling = new Bin();
        continue;
      }
      filling.addGroup(taken, g);
    }
    if (filling.count > 0) {
      bins.add(filling);
    }

    // 3. requests: deletes, then updates, then creates; the commit request last
    List<Batch> batches = new ArrayList<>(bins.size());
    Batch commitBatch = null;
    for (Bin bin : bins) {
      List<Change> all = bin.changes(changes, g);
      List<Change> ordered = new ArrayList<>(all.size());
      for (int order = 0; order <= 2; order++) {
        for (Change c : all) {
          if (c.order() == order) {
            ordered.add(c);
          }
        }
      }
      Batch b = new Batch(ordered, (int) bin.values, (int) bin.chars, bin == commitBin);
      if (bin == commitBin) {
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

  /** The largest group of queue {@code q} that still fits, else its smallest if that fits. */
  private static int take(
      int[] queue, int[] head, int[] tail, int q, Groups g, Bin bin, BatchLimits limits) {
    if (head[q] > tail[q]) {
      return -1;
    }
    int first = queue[head[q]];
    if (bin.fits(first, g, limits)) {
      head[q]++;
      return first;
    }
    int last = queue[tail[q]];
    if (bin.fits(last, g, limits)) {
      tail[q]--;
      return last;
    }
    return -1;
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

  /** Name groups as primitive columns: a million of them cost a few arrays, not objects. */
  private static final class Groups {
    int size;
    int[] from;
    int[] to;
    long[] values;
    long[] chars;

    Groups(int capacity) {
      from = new int[capacity];
      to = new int[capacity];
      values = new long[capacity];
      chars = new long[capacity];
    }

    void add(int f, int t, long v, long c) {
      from[size] = f;
      to[size] = t;
      values[size] = v;
      chars[size] = c;
      size++;
    }

    /**
     * Group indices, largest first, split into character-heavy and count-heavy queues. The sort key
     * packs the size (quantised, descending) above the index so a primitive sort does it.
     */
    int[][] sortedQueues(BatchLimits l) {
      long[] keys = new long[size];
      int chars = 0;
      for (int i = 0; i < size; i++) {
        double cf = (double) this.chars[i] / l.maxValueChars();
        double vf =
            Math.max(
                (double) values[i] / l.maxValues(), (double) (to[i] - from[i]) / l.maxChanges());
        double sz = Math.min(1.0, Math.max(cf, vf));
        long rank = (long) ((1.0 - sz) * (1L << 30));
        boolean charHeavy = cf >= vf;
        if (charHeavy) {
          chars++;
        }
        keys[i] = (rank << 32) | ((long) (charHeavy ? 1 : 0) << 31) | i;
      }
      java.util.Arrays.sort(keys);
      int[] charQ = new int[chars];
      int[] countQ = new int[size - chars];
      int ci = 0;
      int ni = 0;
      for (long k : keys) {
        int idx = (int) (k & 0x7fffffffL);
        if (((k >>> 31) & 1) == 1) {
          charQ[ci++] = idx;
        } else {
          countQ[ni++] = idx;
        }
      }
      return new int[][] {charQ, countQ};
    }
  }

  /** One request being filled: group indices plus the commit's own changes. */
  private static final class Bin {
    final List<Change> own = new ArrayList<>(2);
    int[] groups = new int[64];
    int groupCount;
    long values;
    long chars;
    long count;

    void addChange(Change c) {
      own.add(c);
      values += c.wireValues();
      chars += c.wireChars();
      count++;
    }

    boolean fits(int gi, Groups g, BatchLimits l) {
      return l.fits(values + g.values[gi], chars + g.chars[gi], count + g.to[gi] - g.from[gi]);
    }

    void addGroup(int gi, Groups g) {
      if (groupCount == groups.length) {
        groups = java.util.Arrays.copyOf(groups, groupCount * 2);
      }
      groups[groupCount++] = gi;
      values += g.values[gi];
      chars += g.chars[gi];
      count += g.to[gi] - g.from[gi];
    }

    List<Change> changes(List<Change> all, Groups g) {
      List<Change> out = new ArrayList<>((int) count);
      out.addAll(own);
      for (int k = 0; k < groupCount; k++) {
        int gi = groups[k];
        out.addAll(all.subList(g.from[gi], g.to[gi]));
      }
      return out;
    }

    double charFraction(BatchLimits l) {
      return (double) chars / l.maxValueChars();
    }

    double countFraction(BatchLimits l) {
      return Math.max((double) values / l.maxValues(), (double) count / l.maxChanges());
    }
  }
}
