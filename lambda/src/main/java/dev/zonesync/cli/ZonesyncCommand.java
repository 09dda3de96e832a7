package dev.zonesync.cli;

import picocli.CommandLine.Command;

/** Top-level command. */
@Command(
    name = "zonesync",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Mirror on-premises DNS zones into Route 53 private hosted zones.",
    subcommands = {
      SyncCommand.class,
      PlanCommand.class,
      ValidateCommand.class,
      CatalogCommand.class,
      CatalogZoneCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every zone UP_TO_DATE, APPLIED or DRY_RUN",
      "1:some zone FAILED, REJECTED or PARTIAL (see the report)",
      "2:invalid arguments, configuration or request (nothing ran)"
    })
public final class ZonesyncCommand implements Runnable {

  static final int EXIT_OK = 0;
  static final int EXIT_ZONE_FAILED = 1;
  static final int EXIT_USAGE = 2;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "name a command: sync, plan or validate");
  }
}
