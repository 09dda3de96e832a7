package dev.zonesync.cli;

import dev.zonesync.config.ConfigException;
import dev.zonesync.config.ConfigLoader;
import dev.zonesync.config.Settings;
import dev.zonesync.config.ZoneSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zonesync validate}: the engine's configuration check, offline, for operators and
 * pipelines. Reads no secret, contacts no master and no AWS API for a file.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a configuration the way the function loads it, offline. Exit 0 and a summary on"
          + " stdout (warnings, e.g. a deprecated TSIG algorithm, on stderr), or exit 2 with every"
          + " problem listed on stderr."
    })
public final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      description =
          "Configuration: a YAML/JSON file (or ssm:<name> / ssm-path:<prefix>, which read SSM)."
              + " Default: $ZONESYNC_CONFIG.")
  String config;

  private final Supplier<dev.zonesync.config.ParameterSource> parameters;

  public ValidateCommand() {
    this(dev.zonesync.aws.SsmParameterSource::new);
  }

  ValidateCommand(Supplier<dev.zonesync.config.ParameterSource> parameters) {
    this.parameters = parameters;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String location =
        config != null ? config : System.getenv(dev.zonesync.contract.FunctionContract.CONFIG_ENV);
    Settings settings;
    try {
      settings = new ConfigLoader(parameters).load(location);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      err.flush();
      return ZonesyncCommand.EXIT_USAGE;
    }
    out.println(location + ": valid, " + settings.zones().size() + " zone(s)");
    for (ZoneSettings z : settings.zones()) {
      out.println(
          "  "
              + z.name()
              + " -> hosted zone "
              + z.hostedZoneId()
              + (z.hostedZoneName().equals(z.name()) ? "" : " (" + z.hostedZoneName() + ")")
              + ", masters "
              + z.masters()
              + ", tsig "
              + (z.tsig() == null ? "none" : z.tsig().name().text()));
    }
    out.flush();
    // warnings do not fail the check: the masters may know only the old key until it is rotated
    for (ZoneSettings z : settings.zones()) {
      String weak = z.tsig() == null ? null : z.tsig().weakAlgorithm();
      if (weak != null) {
        err.println(
            "warning: zone "
                + z.name()
                + " uses TSIG key "
                + z.tsig().name().text()
                + " ("
                + z.tsig().algorithm()
                + "): "
                + weak);
      }
    }
    err.flush();
    return ZonesyncCommand.EXIT_OK;
  }
}
