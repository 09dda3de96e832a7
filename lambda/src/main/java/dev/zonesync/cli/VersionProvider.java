package dev.zonesync.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"zonesync " + (v == null ? "dev" : v)};
  }
}
