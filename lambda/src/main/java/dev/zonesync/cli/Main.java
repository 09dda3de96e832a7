package dev.zonesync.cli;

import dev.zonesync.logging.LogConfig;
import picocli.CommandLine;

/**
 * {@code java -jar zonesync.jar sync|plan ...}. Selects the CLI logging (plain text on stderr,
 * level {@code ZONESYNC_LOG_LEVEL}, default warn) before anything logs.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    LogConfig.useText();
    int code = commandLine().execute(args);
    System.exit(code);
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new ZonesyncCommand());
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          cmd.getErr().println("zonesync: " + ex.getMessage());
          return ZonesyncCommand.EXIT_USAGE;
        });
    return cl;
  }
}
