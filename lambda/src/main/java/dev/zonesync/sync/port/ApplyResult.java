package dev.zonesync.sync.port;

import java.util.List;

/**
 * What happened to a run's batches.
 *
 * @param applied batches Route 53 accepted in full, in order
 * @param total batches planned
 * @param error why the run stopped early or did not commit, or null when every change was applied
 *     and the serial committed
 * @param deadlineReached the run stopped between batches because the next one might not finish
 * @param rejected RRsets Route 53 refused (InvalidChangeBatch), isolated so the rest could apply
 * @param committed the serial commit was applied
 * @param accepted requests Route 53 accepted, whole batches and the single names of isolated ones
 */
public record ApplyResult(
    int applied,
    int total,
    String error,
    boolean deadlineReached,
    List<Rejected> rejected,
    boolean committed,
    int accepted) {

  public ApplyResult {
    rejected = List.copyOf(rejected);
  }

  /** One name's changes that Route 53 refused, with its message. */
  public record Rejected(String name, List<String> changes, String message) {}

  public boolean complete() {
    return error == null;
  }
}
