package dev.zonesync.cli;

import picocli.CommandLine;

/**
 * {@code java -jar zonesync.jar sync|plan ...}. Selects the CLI logging configuration (plain text
 * on stderr) before anything logs.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "log4j2-cli.xml");
    }
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
