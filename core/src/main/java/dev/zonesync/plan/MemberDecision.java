package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.MemberState;
import java.util.Objects;

/**
 * What a catalog run does with one member, and why.
 *
 * @param member the member zone
 * @param label its member node label in this reading, or the recorded one when it is not listed
 * @param action what happens
 * @param reason for the report, stable for the same inputs
 * @param state the member's state after this run (what the state record holds, or is to hold), or
 *     null when no record is kept for it
 * @param sync whether the member is synced this run (then {@code state} says into which hosted
 *     zone, with which group, and whether in full)
 */
public record MemberDecision(
    DnsName member,
    String label,
    MemberAction action,
    String reason,
    MemberState state,
    boolean sync) {

  public MemberDecision {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    if (sync && state == null) {
      throw new IllegalArgumentException("member " + member + " synced without a state");
    }
    if (state != null && !state.member().equals(member)) {
      throw new IllegalArgumentException(
          "decision for " + member + " carries the state of " + state.member());
    }
  }
}
