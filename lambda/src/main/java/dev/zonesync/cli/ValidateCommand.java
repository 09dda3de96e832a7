package dev.zonesync.cli;

import dev.zonesync.config.CatalogSettings;
import dev.zonesync.config.ConfigException;
import dev.zonesync.config.ConfigLoader;
import dev.zonesync.config.Settings;
import dev.zonesync.config.TsigKeySpec;
import dev.zonesync.config.VpcRef;
import dev.zonesync.config.ZoneSettings;
import dev.zonesync.plan.CutPolicy;
import java.io.PrintWriter;
import java.util.TreeSet;
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
    out.println(
        location
            + ": valid, "
            + settings.zones().size()
            + " zone(s)"
            + (settings.catalogs().isEmpty()
                ? ""
                : ", " + settings.catalogs().size() + " catalog(s)"));
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
              + tsig(z.tsig())
              + cuts(z.rules().cuts()));
    }
    for (CatalogSettings c : settings.catalogs()) {
      out.println(
          "  "
              + c.name()
              + " -> hosted zone "
              + c.hostedZoneId()
              + ", masters "
              + c.masters()
              + ", tsig "
              + tsig(c.tsig())
              + ", allow "
              + c.allow()
              + ", "
              + (c.create() ? "create in " + vpc(c.createIn()) : "create nothing")
              + ", expose to "
              + exposure(c.exposeTo())
              + (c.groups().isEmpty() ? "" : ", groups " + c.groups().keySet()));
    }
    out.flush();
    // warnings do not fail the check: the masters may know only the old key until it is rotated
    for (ZoneSettings z : settings.zones()) {
      warnIfWeak(err, "zone " + z.name(), z.tsig());
    }
    for (CatalogSettings c : settings.catalogs()) {
      warnIfWeak(err, "catalog " + c.name(), c.tsig());
      c.groups()
          .forEach((g, t) -> warnIfWeak(err, "catalog " + c.name() + " group " + g, t.tsig()));
    }
    err.flush();
    return ZonesyncCommand.EXIT_OK;
  }

  private static void warnIfWeak(PrintWriter err, String who, TsigKeySpec key) {
    String weak = key == null ? null : key.weakAlgorithm();
    if (weak != null) {
      err.println(
          "warning: "
              + who
              + " uses TSIG key "
              + key.name().text()
              + " ("
              + key.algorithm()
              + "): "
              + weak);
    }
  }

  private static String tsig(TsigKeySpec key) {
    return key == null ? "none" : key.name().text();
  }

  /** The zone-cut keys, only when the zone sets one (most zones skip their cuts). */
  private static String cuts(CutPolicy cuts) {
    StringBuilder sb = new StringBuilder();
    if (cuts.delegate()) {
      sb.append(", zoneCuts delegate");
    }
    if (!cuts.delegations().isEmpty()) {
      sb.append(", delegations ").append(new TreeSet<>(cuts.delegations()));
    }
    if (!cuts.resolvedElsewhere().isEmpty()) {
      sb.append(", resolvedElsewhere ").append(new TreeSet<>(cuts.resolvedElsewhere()));
    }
    return sb.toString();
  }

  private static String vpc(VpcRef v) {
    return v.id() + " (" + v.region() + ")";
  }

  private static String exposure(CatalogSettings.Exposure e) {
    return switch (e) {
      case CatalogSettings.ToVpcs v ->
          String.join(", ", v.vpcs().stream().map(ValidateCommand::vpc).toList());
      case CatalogSettings.ToProfile p -> "profile " + p.profileId();
      case CatalogSettings.Nowhere n -> "nowhere";
    };
  }
}
