package dev.zonesync.cli;

import dev.zonesync.app.EmfMetrics;
import dev.zonesync.app.Engines;
import dev.zonesync.app.ReportJson;
import dev.zonesync.config.ConfigException;
import dev.zonesync.config.Durations;
import dev.zonesync.config.UnknownZoneException;
import dev.zonesync.model.Deadline;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.PlanText;
import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.SyncOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zonesync sync}: the same engine as the Lambda function. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Sync zones into their hosted zones. Prints the JSON report on stdout and a plan summary on"
          + " stderr."
    })
public class SyncCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      description =
          "Configuration: a YAML/JSON file, ssm:<name> or ssm-path:<prefix>."
              + " Default: $ZONESYNC_CONFIG.")
  String config;

  @Option(
      names = {"-z", "--zone"},
      paramLabel = "NAME",
      description =
          "Zone to sync (repeatable): a configured zone or a catalog's recorded member. Default:"
              + " every configured zone and every catalog.")
  List<String> zones = new ArrayList<>();

  @Option(
      names = "--catalog",
      paramLabel = "NAME",
      description = "Catalog to sync with its members (repeatable).")
  List<String> catalogs = new ArrayList<>();

  @Option(names = "--dry-run", description = "Plan and report; change nothing.")
  boolean dryRun;

  @Option(
      names = "--force",
      description = "Sync even if the serial is unchanged, and override safety thresholds.")
  boolean force;

  @Option(
      names = "--full",
      description = "Always transfer the whole zone and reconcile the whole hosted zone.")
  boolean full;

  @Option(
      names = "--timeout",
      defaultValue = "15m",
      description =
          "Deadline for the whole run (default ${DEFAULT-VALUE}): no batch starts that"
              + " cannot finish before it.")
  String timeout;

  @Option(
      names = "--color",
      defaultValue = "auto",
      description = "Colour the summary: auto (a terminal and no NO_COLOR), always, never.")
  String color;

  @Option(
      names = {"-o", "--output"},
      description =
          "json: the JSON report on stdout and the summary on stderr (default of sync); text: the"
              + " summary on stdout only (default of plan).")
  String output;

  @Option(
      names = "--metrics",
      description =
          "Also print the CloudWatch metrics on stderr: the Embedded Metric Format documents the"
              + " Lambda function writes (the function-level document, dimension Function = "
              + EmfMetrics.CLI_FUNCTION_NAME
              + ", and one per zone configured metrics: detailed).")
  boolean metrics;

  @Option(
      names = "--again-on-stdin",
      hidden = true,
      description =
          "Keep the engine, as a warm Lambda container keeps it, and run again each time a line"
              + " arrives on stdin (one JSON report per line on stdout; for scripts/bench).")
  boolean againOnStdin;

  boolean dryRunForced() {
    return false;
  }

  /** What {@code --output} means when not given: machines run sync, people read plans. */
  String defaultOutput() {
    return "json";
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    String location =
        config != null ? config : System.getenv(dev.zonesync.contract.FunctionContract.CONFIG_ENV);
    Duration budget;
    try {
      budget = Durations.parse(timeout);
    } catch (IllegalArgumentException e) {
      err.println("zonesync: --timeout: " + e.getMessage());
      return ZonesyncCommand.EXIT_USAGE;
    }
    if (output == null) {
      output = defaultOutput();
    }
    if (!output.equals("json") && !output.equals("text")) {
      err.println("zonesync: --output must be json or text, got " + output);
      return ZonesyncCommand.EXIT_USAGE;
    }
    boolean summaryToStdout = output.equals("text");
    RunReport report;
    Engine engine;
    SyncOptions options = SyncOptions.of(force, dryRun || dryRunForced(), full);
    try {
      engine = Engines.load(location);
      engine.onProgress(new ProgressLine(err, Terminal.isTerminal()));
      report = run(engine, options, budget);
      if (againOnStdin) {
        java.io.BufferedReader in =
            new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
        while (true) {
          // each run's metrics before its report line: a reader of the report has them all
          printMetrics(engine, report, err);
          out.println(ReportJson.toJsonLine(report));
          out.flush();
          if (in.readLine() == null) {
            return report.ok() ? ZonesyncCommand.EXIT_OK : ZonesyncCommand.EXIT_ZONE_FAILED;
          }
          report = run(engine, options, budget);
        }
      }
    } catch (java.io.IOException e) {
      err.println("zonesync: stdin: " + e.getMessage());
      return ZonesyncCommand.EXIT_USAGE;
    } catch (UnknownZoneException e) {
      err.println("zonesync: --zone: " + e.getMessage());
      return ZonesyncCommand.EXIT_USAGE;
    } catch (ConfigException e) {
      err.println("zonesync: " + e.getMessage());
      return ZonesyncCommand.EXIT_USAGE;
    }
    String summary = new PlanText(useColor(summaryToStdout)).format(report);
    if (summaryToStdout) {
      out.print(summary);
    } else {
      out.println(ReportJson.toJson(report));
      err.print(summary);
    }
    out.flush();
    printMetrics(engine, report, err);
    err.flush();
    return report.ok() ? ZonesyncCommand.EXIT_OK : ZonesyncCommand.EXIT_ZONE_FAILED;
  }

  private long lastRunMs;

  /** One run of the engine, timed (the function-level document carries the duration). */
  private RunReport run(Engine engine, SyncOptions options, Duration budget) {
    long started = System.nanoTime();
    RunReport report = engine.run(zones, catalogs, options, Deadline.after(budget));
    lastRunMs = (System.nanoTime() - started) / 1_000_000;
    return report;
  }

  /** With {@code --metrics}: the documents the function would write for this run, on stderr. */
  private void printMetrics(Engine engine, RunReport report, PrintWriter err) {
    if (!metrics) {
      return;
    }
    for (String doc :
        EmfMetrics.documents(
            report,
            EmfMetrics.CLI_FUNCTION_NAME,
            EmfMetrics.detailedZones(engine.settings()),
            lastRunMs)) {
      err.println(doc);
    }
    err.flush();
  }

  private boolean useColor(boolean toStdout) {
    return switch (color) {
      case "always" -> true;
      case "never" -> false;
      default ->
          System.getenv("NO_COLOR") == null
              && !"dumb".equals(System.getenv("TERM"))
              && (toStdout ? Terminal.stdoutIsTerminal() : Terminal.isTerminal());
    };
  }
}
