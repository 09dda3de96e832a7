package dev.zonesync.plan;

import java.util.List;

/**
 * One ChangeResourceRecordSets request.
 *
 * @param values ResourceRecord elements, UPSERT counted twice
 * @param chars characters of all Value elements, UPSERT counted twice
 * @param commit true for the last batch, which carries the SOA serial / marker
 */
public record Batch(List<Change> changes, int values, int chars, boolean commit) {
  public Batch {
    changes = List.copyOf(changes);
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("empty batch");
    }
  }
}
