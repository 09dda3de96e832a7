package dev.zonesync.model;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The net effect of an incremental transfer on one RRset.
 *
 * @param removed values that existed before and are gone after (canonical)
 * @param kept values that existed before, were deleted and re-added (e.g. a TTL change)
 * @param added values that did not exist before
 * @param removedTtl TTL the deletions carried (what the RRset had before), or -1 if none
 * @param newTtl TTL of the added or re-added records, or -1 if none were added
 */
public record RRsetDelta(
    Set<String> removed, Set<String> kept, Set<String> added, long removedTtl, long newTtl) {

  public RRsetDelta {
    removed = Set.copyOf(removed);
    kept = Set.copyOf(kept);
    added = Set.copyOf(added);
  }

  public boolean isEmpty() {
    return removed.isEmpty() && kept.isEmpty() && added.isEmpty();
  }

  /** Values the RRset must have held before the delta: everything it deleted. */
  public Set<String> expectedBefore() {
    Set<String> s = new java.util.HashSet<>(removed);
    s.addAll(kept);
    return s;
  }

  /** Builds the delta of one RRset while the transfer streams. */
  public static final class Builder {
    private enum State {
      REMOVED,
      ADDED,
      READDED
    }

    private final Map<String, State> states = new java.util.LinkedHashMap<>();
    private long removedTtl = -1;
    private long newTtl = -1;

    public void delete(String value, long ttl) {
      State s = states.get(value);
      if (s == null) {
        // a value the RRset held before the differences: its TTL is the RRset's before. A deletion
        // of a value a later version added or re-added carries that version's TTL instead, which
        // in a multi-version IXFR is not what the RRset had at the start.
        removedTtl = ttl;
      }
      if (s == null || s == State.READDED) {
        states.put(value, State.REMOVED);
      } else if (s == State.ADDED) {
        states.remove(value);
      }
      // deleting an already deleted value again is a no-op
    }

    public void add(String value, long ttl) {
      newTtl = ttl;
      State s = states.get(value);
      states.put(value, s == State.REMOVED || s == State.READDED ? State.READDED : State.ADDED);
    }

    public RRsetDelta build() {
      Set<String> removed = new java.util.HashSet<>();
      Set<String> kept = new java.util.HashSet<>();
      Set<String> added = new java.util.HashSet<>();
      states.forEach(
          (v, s) -> {
            switch (s) {
              case REMOVED -> removed.add(v);
              case READDED -> kept.add(v);
              case ADDED -> added.add(v);
            }
          });
      boolean anyAdded = !kept.isEmpty() || !added.isEmpty();
      return new RRsetDelta(removed, kept, added, removedTtl, anyAdded ? newTtl : -1);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RRsetDelta d
        && d.removed.equals(removed)
        && d.kept.equals(kept)
        && d.added.equals(added)
        && d.removedTtl == removedTtl
        && d.newTtl == newTtl;
  }

  @Override
  public int hashCode() {
    return Objects.hash(removed, kept, added, removedTtl, newTtl);
  }
}
