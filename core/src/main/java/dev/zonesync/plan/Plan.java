package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Serial;
import java.util.List;
import java.util.Objects;

/**
 * The difference between a source zone and its hosted zone, and the commit that marks the hosted
 * zone as holding {@code targetSerial}.
 *
 * @param changes data changes; all changes of one name are adjacent, deletes first (the batcher
 *     keeps each name's changes in one request)
 * @param commit SOA serial and marker changes, applied in the last batch only (may be empty when
 *     the hosted zone already carries the marker)
 * @param managedCurrent RRsets in the hosted zone that zonesync owns for this source zone (the
 *     safety thresholds' denominator)
 */
public record Plan(
    DnsName zone,
    Serial targetSerial,
    List<Change> changes,
    List<Change> commit,
    List<Skipped> skipped,
    int managedCurrent,
    int desiredManaged) {

  public Plan {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(targetSerial, "targetSerial");
    changes = List.copyOf(changes);
    commit = List.copyOf(commit);
    skipped = List.copyOf(skipped);
  }

  public long creates() {
    return changes.stream().filter(c -> c instanceof Change.Create).count();
  }

  public long updates() {
    return changes.stream().filter(c -> c instanceof Change.Update).count();
  }

  public long deletes() {
    return changes.stream().filter(c -> c instanceof Change.Delete).count();
  }

  public boolean isEmpty() {
    return changes.isEmpty() && commit.isEmpty();
  }
}
