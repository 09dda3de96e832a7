package dev.zonesync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Knot DNS ({@code knotd}, Debian package {@code knot}) as a primary with a TSIG-only transfer ACL.
 * Zones are changed the Knot way, in a control transaction ({@code knotc zone-begin}, {@code
 * zone-set}/{@code zone-unset}, {@code zone-commit}); Knot bumps the serial and journals the
 * change, so it serves IXFR.
 */
public final class KnotServer extends DnsMaster {

  public static final String INSTALL_HINT = "apt-get install -y knot knot-dnsutils";
  private static final Path KNOTD = Path.of("/usr/sbin/knotd");
  private static final Path KNOTC = Path.of("/usr/sbin/knotc");

  private KnotServer(Key key, List<Zone> zones) {
    super("knot", INSTALL_HINT, key, zones);
  }

  public static KnotServer start(Key key, Zone... zones) {
    require(KNOTD, INSTALL_HINT);
    require(KNOTC, INSTALL_HINT);
    KnotServer s = new KnotServer(key, List.of(zones));
    s.start();
    return s;
  }

  @Override
  protected void prepare(int port) throws IOException {
    Files.createDirectories(dir.resolve("db"));
    StringBuilder c = new StringBuilder();
    c.append("server:\n")
        .append("    rundir: \"")
        .append(dir)
        .append("\"\n")
        .append("    listen: 127.0.0.1@")
        .append(port)
        .append('\n')
        .append("log:\n  - target: stdout\n    any: info\n")
        .append("database:\n    storage: \"")
        .append(dir.resolve("db"))
        .append("\"\n")
        .append("key:\n  - id: ")
        .append(key.name())
        .append('\n')
        .append("    algorithm: ")
        .append(key.algorithm())
        .append('\n')
        .append("    secret: ")
        .append(key.secret())
        .append('\n')
        .append("acl:\n  - id: transfer\n    key: ")
        .append(key.name())
        .append("\n    action: transfer\n")
        .append("control:\n    listen: \"")
        .append(dir.resolve("knot.sock"))
        .append("\"\n")
        .append("template:\n  - id: default\n")
        .append("    storage: \"")
        .append(dir)
        .append("\"\n")
        .append("    file: \"%s.zone\"\n")
        // the zone file stays as written; changes live in the journal (and make IXFR possible)
        .append("    zonefile-sync: -1\n    journal-content: changes\n    acl: transfer\n")
        .append("zone:\n");
    for (Zone z : zones.values()) {
      write(z.origin() + "zone", z.text());
      c.append("  - domain: ").append(z.origin()).append('\n');
    }
    write("knot.conf", c.toString());
  }

  @Override
  protected List<String> command() {
    return List.of(KNOTD.toString(), "-c", dir.resolve("knot.conf").toString());
  }

  /**
   * One transaction: each edit is {@code "set <owner> <ttl> <type> <rdata>"} or {@code "unset
   * <owner> <type> <rdata>"} (owner relative to the zone). Knot increments the serial on commit;
   * returns once the new serial is served.
   */
  public long transaction(String origin, String... edits) {
    String zone = NamedServer.absolute(origin);
    long before = soaSerial(zone);
    knotc("zone-begin", zone);
    try {
      for (String e : edits) {
        String[] f = e.trim().split("\\s+", 2);
        List<String> argv = new ArrayList<>(List.of("zone-" + f[0], zone));
        argv.addAll(List.of(f[1].split("\\s+")));
        knotc(argv.toArray(String[]::new));
      }
      knotc("zone-commit", zone);
    } catch (IllegalStateException e) {
      knotc("zone-abort", zone);
      throw e;
    }
    long after = before + 1;
    awaitSerial(zone, after);
    return after;
  }

  private String knotc(String... args) {
    List<String> argv =
        new ArrayList<>(List.of(KNOTC.toString(), "-s", dir.resolve("knot.sock").toString()));
    argv.addAll(List.of(args));
    String out = tool(argv);
    if (out.contains("error:")) {
      throw new IllegalStateException("knotc " + String.join(" ", args) + ": " + out);
    }
    return out;
  }
}
