package dev.zonesync.route53;

/**
 * What happened to a run's batches.
 *
 * @param applied batches Route 53 accepted, in order
 * @param total batches planned
 * @param error why the run stopped early, or null when every batch was applied
 * @param deadlineReached the run stopped between batches because the next one might not finish
 */
public record ApplyResult(int applied, int total, String error, boolean deadlineReached) {

  public boolean complete() {
    return applied == total && error == null;
  }
}
