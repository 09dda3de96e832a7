package dev.zonesync.config;

import java.time.Duration;

/** The {@code execution} block: how one invocation runs its zones. */
final class ExecutionBlock {

  private ExecutionBlock() {}

  static ExecutionSettings settings(ConfigFile.ExecutionOptions o, Problems problems) {
    if (o == null) {
      return ExecutionSettings.DEFAULT;
    }
    Duration every = ExecutionSettings.DEFAULT.unchangedCheckEvery();
    if (o.unchangedCheckEvery() != null) {
      try {
        every = Durations.parse(o.unchangedCheckEvery());
      } catch (IllegalArgumentException e) {
        problems.add("execution.unchangedCheckEvery: " + e.getMessage());
        return ExecutionSettings.DEFAULT;
      }
    }
    try {
      return new ExecutionSettings(
          o.concurrency() == null ? ExecutionSettings.DEFAULT_CONCURRENCY : o.concurrency(), every);
    } catch (IllegalArgumentException e) {
      // the record's own checks name the field (execution.<key>) and the range
      problems.add(e.getMessage());
      return ExecutionSettings.DEFAULT;
    }
  }
}
