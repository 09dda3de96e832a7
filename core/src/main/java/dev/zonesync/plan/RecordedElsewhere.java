package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.MemberState;
import java.util.Objects;

/**
 * A member's state as another catalog this deployment consumes recorded it: how the planner tells a
 * name clash (RFC 9432 §5.2) from a migration by {@code coo} (§4.4.1, §5.5).
 *
 * @param catalog the other catalog
 * @param state what it recorded
 */
public record RecordedElsewhere(DnsName catalog, MemberState state) {
  public RecordedElsewhere {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(state, "state");
  }
}
