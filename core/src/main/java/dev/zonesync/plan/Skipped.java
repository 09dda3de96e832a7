package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.RrType;
import java.util.Objects;

/** A source RRset that the plan leaves out, and why. */
public record Skipped(DnsName name, RrType type, SkipReason reason, String detail) {
  public Skipped {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(reason, "reason");
    detail = detail == null || detail.isBlank() ? reason.description() : detail;
  }

  public static Skipped of(DnsName name, RrType type, SkipReason reason) {
    return new Skipped(name, type, reason, null);
  }
}
