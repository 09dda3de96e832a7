package dev.zonesync.plan;

import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRsetDelta;
import dev.zonesync.model.RRsetKey;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether one RRset's incremental change lands on a Route 53 state it cannot be trusted on
 * (drift), with RFC 1995's set semantics: adding a value the RRset already holds, or deleting one
 * it does not hold, changes nothing — NSD 4.6's {@code create-ixfr}, for one, re-adds unchanged
 * apex RRsets in its differences. Such a delta is drift only when the RRset it leaves in Route 53
 * may differ from the master's.
 *
 * <p>The delta proves what the master's RRset holds after the change (every value it adds or
 * re-adds, none it deletes, the TTL of its additions), not what it held before. Values Route 53
 * holds that the delta does not mention are kept on the premise of every incremental sync: Route 53
 * held the master's RRset before. The delta itself can refute that premise — it deletes values
 * Route 53 lacks, or deletes with another TTL than Route 53's. Then the result is trusted only if
 * the delta alone determines it: no unmentioned value survives, and the TTL is the additions' (or
 * nothing is left). Pure.
 */
public final class DeltaDrift {

  private DeltaDrift() {}

  /**
   * @param hosted the RRset Route 53 holds under zonesync's ownership, or null
   * @return why the result cannot be trusted (drift), or null when it equals the master's
   */
  public static String check(RRsetKey key, RRsetDelta delta, HostedRRset hosted, TtlPolicy ttl) {
    Set<String> held = hosted == null ? Set.of() : Set.copyOf(hosted.values());
    Set<String> missing = new TreeSet<>(delta.expectedBefore());
    missing.removeAll(held);
    boolean ttlDiffers =
        hosted != null
            && delta.removedTtl() >= 0
            && !held.isEmpty()
            && hosted.ttl() != ttl.apply(delta.removedTtl());
    if (missing.isEmpty() && !ttlDiffers) {
      return null; // Route 53 held what the master deleted from: the usual case
    }
    Set<String> unmentioned = new TreeSet<>(held);
    unmentioned.removeAll(delta.removed());
    unmentioned.removeAll(delta.kept());
    unmentioned.removeAll(delta.added());
    if (unmentioned.isEmpty()) {
      return null; // the delta alone says what the RRset is now (or that it is gone)
    }
    String refuted =
        !missing.isEmpty()
            ? (hosted == null
                ? "Route 53 lacks " + key + ", from which the master's changes delete " + missing
                : "Route 53's " + key + " lacks " + missing + " which the master's changes delete")
            : "Route 53's "
                + key
                + " has TTL "
                + hosted.ttl()
                + ", the master's changes expect "
                + ttl.apply(delta.removedTtl());
    return refuted
        + ", and holds "
        + unmentioned
        + " which they do not mention: it may differ from the master's";
  }
}
