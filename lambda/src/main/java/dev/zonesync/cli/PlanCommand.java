package dev.zonesync.cli;

import picocli.CommandLine.Command;

/** {@code zonesync plan} = {@code zonesync sync --dry-run}. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {"Show what sync would change, and change nothing (sync --dry-run)."})
public final class PlanCommand extends SyncCommand {
  @Override
  boolean dryRunForced() {
    return true;
  }
}
