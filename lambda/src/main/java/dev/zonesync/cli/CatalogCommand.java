package dev.zonesync.cli;

import dev.zonesync.app.Engines;
import dev.zonesync.config.ConfigException;
import dev.zonesync.config.Durations;
import dev.zonesync.config.UnknownZoneException;
import dev.zonesync.model.Deadline;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.PlanText;
import dev.zonesync.sync.RunReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zonesync catalog}: each consumed catalog and what a run would do with its members, for
 * people. Reads the catalogs (from their masters) and their state records (from Route 53); never
 * writes, creates or syncs anything.
 */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = {
      "Show each catalog's members as a run would decide them now (read only: nothing is created,"
          + " written or synced). Exit 0, or 1 when a catalog is broken, rejected or unreadable."
    })
public final class CatalogCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      description =
          "Configuration: a YAML/JSON file, ssm:<name> or ssm-path:<prefix>."
              + " Default: $ZONESYNC_CONFIG.")
  String config;

  @Option(
      names = "--catalog",
      paramLabel = "NAME",
      description = "Catalog to show (repeatable). Default: every catalog.")
  List<String> catalogs = new ArrayList<>();

  @Option(names = "--timeout", description = "How long reading may take (default 2m).")
  String timeout = "2m";

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String location =
        config != null ? config : System.getenv(dev.zonesync.contract.FunctionContract.CONFIG_ENV);
    RunReport report;
    try {
      Duration budget = Durations.parse(timeout);
      Engine engine = Engines.load(location);
      if (engine.settings().catalogs().isEmpty()) {
        err.println("zonesync: the configuration consumes no catalog (catalogs: is empty)");
        return ZonesyncCommand.EXIT_USAGE;
      }
      report = engine.describeCatalogs(catalogs, Deadline.after(budget));
    } catch (UnknownZoneException e) {
      err.println("zonesync: --catalog: " + e.getMessage());
      return ZonesyncCommand.EXIT_USAGE;
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("zonesync: " + e.getMessage());
      return ZonesyncCommand.EXIT_USAGE;
    }
    out.print(new PlanText(Terminal.isTerminal()).format(report));
    out.flush();
    return report.ok() ? ZonesyncCommand.EXIT_OK : ZonesyncCommand.EXIT_ZONE_FAILED;
  }
}
