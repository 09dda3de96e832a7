package dev.zonesync.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * NSD ({@code nsd}, Debian package {@code nsd}) as a primary that provides transfers to one TSIG
 * key only. Zones are changed the NSD way: a new zone file and {@code nsd-control reload}; with
 * {@code store-ixfr} and {@code create-ixfr} NSD (4.6+) computes the difference and serves IXFR.
 */
public final class NsdServer extends DnsMaster {

  public static final String INSTALL_HINT = "apt-get install -y nsd";
  private static final Path NSD = Path.of("/usr/sbin/nsd");
  private static final Path NSD_CONTROL = Path.of("/usr/sbin/nsd-control");

  private NsdServer(Key key, List<Zone> zones) {
    super("nsd", INSTALL_HINT, key, zones);
  }

  public static NsdServer start(Key key, Zone... zones) {
    require(NSD, INSTALL_HINT);
    require(NSD_CONTROL, INSTALL_HINT);
    NsdServer s = new NsdServer(key, List.of(zones));
    s.start();
    return s;
  }

  @Override
  protected void prepare(int port) throws IOException {
    StringBuilder c = new StringBuilder();
    c.append("server:\n")
        .append("    ip-address: 127.0.0.1@")
        .append(port)
        .append('\n')
        .append("    port: ")
        .append(port)
        .append('\n')
        .append("    do-ip6: no\n    reuseport: no\n    server-count: 1\n")
        .append("    username: \"\"\n    chroot: \"\"\n    database: \"\"\n")
        .append("    zonesdir: \"")
        .append(dir)
        .append("\"\n")
        .append("    zonelistfile: \"")
        .append(dir.resolve("zone.list"))
        .append("\"\n")
        .append("    pidfile: \"")
        .append(dir.resolve("nsd.pid"))
        .append("\"\n")
        .append("    xfrdfile: \"")
        .append(dir.resolve("xfrd.state"))
        .append("\"\n")
        .append("    xfrdir: \"")
        .append(dir)
        .append("\"\n")
        .append("    verbosity: 1\n")
        .append("remote-control:\n    control-enable: yes\n")
        .append("    control-interface: ")
        .append(dir.resolve("nsd.ctl"))
        .append('\n')
        .append("key:\n    name: ")
        .append(key.name())
        .append('\n')
        .append("    algorithm: ")
        .append(key.algorithm())
        .append('\n')
        .append("    secret: \"")
        .append(key.secret())
        .append("\"\n");
    for (Zone z : zones.values()) {
      write(z.origin() + "zone", z.text());
      c.append("zone:\n    name: ")
          .append(z.origin())
          .append('\n')
          .append("    zonefile: ")
          .append(z.origin())
          .append("zone\n")
          .append("    provide-xfr: 127.0.0.1 ")
          .append(key.name())
          .append('\n')
          .append("    store-ixfr: yes\n    create-ixfr: yes\n");
    }
    write("nsd.conf", c.toString());
  }

  @Override
  protected List<String> command() {
    return List.of(NSD.toString(), "-d", "-c", dir.resolve("nsd.conf").toString());
  }

  /** Writes the zone file and reloads it; returns once the new serial is served. */
  public void replaceZone(String origin, String text) {
    String zone = NamedServer.absolute(origin);
    try {
      write(zone + "zone", text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    tool(List.of(NSD_CONTROL.toString(), "-c", dir.resolve("nsd.conf").toString(), "reload", zone));
    awaitSerial(zone, ZoneFiles.serialOf(text));
  }
}
