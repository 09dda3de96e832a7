package dev.zonesync.cli;

import picocli.CommandLine.Command;

/**
 * {@code zonesync plan} = {@code zonesync sync --dry-run}, printing the human summary on stdout
 * unless {@code --output json}.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Show what sync would change, and change nothing (sync --dry-run). Prints the summary;"
          + " --output json for the JSON report."
    })
public final class PlanCommand extends SyncCommand {
  @Override
  boolean dryRunForced() {
    return true;
  }

  @Override
  String defaultOutput() {
    return "text";
  }
}
