package dev.zonesync.sync.port;

import java.util.List;

/** What Route 53 did with one request sent as a whole (it applies all of it or none). */
public sealed interface AtomicOutcome {

  /** Every change applied. */
  record Applied() implements AtomicOutcome {}

  /**
   * Refused as invalid (InvalidChangeBatch): nothing applied.
   *
   * @param messages the service's reasons, one per refused change
   */
  record Refused(List<String> messages) implements AtomicOutcome {
    public Refused {
      messages = List.copyOf(messages);
    }
  }

  /** The deadline left no time to send it; nothing sent. */
  record NotSent(String reason) implements AtomicOutcome {}
}
