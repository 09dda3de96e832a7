package dev.zonesync.cli;

import dev.zonesync.model.DnsName;
import dev.zonesync.plan.CatalogWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zonesync catalog-zone}: an RFC 9432 catalog zone from a list of zones, for masters that
 * cannot produce one (README, "Masters without catalogs"). Offline: reads the list, prints the
 * zone.
 */
@Command(
    name = "catalog-zone",
    mixinStandardHelpOptions = true,
    description = {
      "Print an RFC 9432 catalog zone (master-file text) listing the zones in --members, for a"
          + " primary to serve (masters that cannot produce a catalog: Windows DNS, Infoblox)."
          + " Offline. Exit 0, or 2 for a bad list."
    })
public final class CatalogZoneCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "CATALOG",
      description = "The catalog zone's name, e.g. catalog.corp.example.")
  String name;

  @Option(
      names = "--members",
      paramLabel = "FILE",
      description =
          "The member zones, one per line: the name, then its RFC 9432 groups; '#' starts a"
              + " comment. '-' or absent: standard input.")
  String members = "-";

  @Option(
      names = "--serial",
      paramLabel = "N",
      description =
          "The SOA serial. Default: the current Unix time in seconds, which grows from one"
              + " generation to the next.")
  Long serial;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DnsName catalog;
    try {
      catalog = DnsName.of(name);
    } catch (IllegalArgumentException e) {
      err.println("zonesync: --name: " + e.getMessage());
      return ZonesyncCommand.EXIT_USAGE;
    }
    try {
      String text =
          members.equals("-")
              ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(Path.of(members));
      long s = serial != null ? serial : System.currentTimeMillis() / 1000;
      out.print(CatalogWriter.write(catalog, s, CatalogWriter.members(text)));
      out.flush();
      return ZonesyncCommand.EXIT_OK;
    } catch (IOException e) {
      err.println("zonesync: --members " + members + ": cannot read it: " + e.getMessage());
      return ZonesyncCommand.EXIT_USAGE;
    } catch (IllegalArgumentException e) {
      err.println(
          "zonesync: "
              + (members.equals("-") ? "standard input" : members)
              + ": "
              + e.getMessage());
      return ZonesyncCommand.EXIT_USAGE;
    }
  }
}
