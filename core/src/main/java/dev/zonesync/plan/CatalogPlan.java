package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.MemberState;
import java.util.List;
import java.util.Objects;

/**
 * What one run does with a catalog's members: a decision per member, the state records to write and
 * to delete, the members to sync. Built by {@link CatalogPlanner}.
 *
 * @param catalog the catalog
 * @param outcome whether the reading was applied
 * @param reason why it was not (broken, rejected), or what {@code force} overrode; empty otherwise
 * @param decisions one per member listed or recorded, ordered by member name
 * @param writes the state records to write (new or changed), ordered by member name; one whose
 *     hosted zone ID is null belongs to a member whose zone is to be created first (with {@link
 *     MemberState#callerReference}), the ID then filled in
 * @param deletes the member node labels whose state records are to be deleted, ordered
 */
public record CatalogPlan(
    DnsName catalog,
    Outcome outcome,
    String reason,
    List<MemberDecision> decisions,
    List<MemberState> writes,
    List<String> deletes) {

  /** Whether the reading was applied. */
  public enum Outcome {
    /**
     * The reading was valid and within the shrink threshold (or forced): decided member by member.
     */
    APPLIED,
    /**
     * The catalog is broken (RFC 9432 §5.1): nothing changes, the recorded members keep syncing.
     */
    BROKEN,
    /** The reading removes too many members: nothing changes, the recorded members keep syncing. */
    REJECTED
  }

  public CatalogPlan {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    decisions = List.copyOf(decisions);
    writes = List.copyOf(writes);
    deletes = List.copyOf(deletes);
    if (outcome != Outcome.APPLIED && (!writes.isEmpty() || !deletes.isEmpty())) {
      throw new IllegalArgumentException(
          "a "
              + outcome
              + " catalog plan changes nothing, yet writes "
              + writes.size()
              + " and deletes "
              + deletes.size()
              + " state records");
    }
  }

  /** The members to sync this run, each with its state (hosted zone, group, full or not). */
  public List<MemberState> toSync() {
    return decisions.stream().filter(MemberDecision::sync).map(MemberDecision::state).toList();
  }
}
