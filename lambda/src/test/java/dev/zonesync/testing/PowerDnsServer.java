package dev.zonesync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * PowerDNS Authoritative ({@code pdns_server}, Debian packages {@code pdns-server} and {@code
 * pdns-backend-sqlite3}) on its SQLite backend, transfers allowed to one TSIG key only (no address
 * is allowed). Zones are changed the PowerDNS way, with {@code pdnsutil}. PowerDNS answers IXFR
 * with the whole zone. Caches are off so a change is served at once.
 */
public final class PowerDnsServer extends DnsMaster {

  public static final String INSTALL_HINT =
      "apt-get install -y pdns-server pdns-backend-sqlite3 sqlite3";
  private static final Path PDNS = Path.of("/usr/sbin/pdns_server");
  private static final Path PDNSUTIL = Path.of("/usr/bin/pdnsutil");
  private static final Path SQLITE = Path.of("/usr/bin/sqlite3");
  private static final Path SCHEMA =
      Path.of("/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql");

  private final String extraConfig;

  private PowerDnsServer(Key key, String extraConfig, List<Zone> zones) {
    super("pdns", INSTALL_HINT, key, zones);
    this.extraConfig = extraConfig;
  }

  public static PowerDnsServer start(Key key, Zone... zones) {
    return start(key, "", zones);
  }

  /**
   * As {@link #start(Key, Zone...)}, with more lines of {@code pdns.conf} (e.g. {@code
   * xfr-cycle-interval=1}, so a producer catalog's serial follows its members within a second).
   */
  public static PowerDnsServer start(Key key, String extraConfig, Zone... zones) {
    require(PDNS, INSTALL_HINT);
    require(PDNSUTIL, INSTALL_HINT);
    require(SQLITE, INSTALL_HINT);
    if (!Files.isRegularFile(SCHEMA)) {
      throw new IllegalStateException(SCHEMA + " is missing; install it: " + INSTALL_HINT);
    }
    PowerDnsServer s = new PowerDnsServer(key, extraConfig, List.of(zones));
    s.start();
    return s;
  }

  @Override
  protected void prepare(int port) throws IOException {
    write(
        "pdns.conf",
        "launch=gsqlite3\n"
            + "gsqlite3-database="
            + dir.resolve("pdns.sqlite3")
            + "\nlocal-address=127.0.0.1:"
            + port
            + "\nsocket-dir="
            + dir
            + "\ndaemon=no\nguardian=no\ndisable-syslog=yes\nloglevel=4\nprimary=yes\n"
            + "disable-axfr=no\n"
            // an address nobody has: only the TSIG key authorises a transfer
            + "allow-axfr-ips=192.0.2.255/32\n"
            + "cache-ttl=0\nquery-cache-ttl=0\nnegquery-cache-ttl=0\n"
            + "webserver=no\napi=no\n"
            + extraConfig);
    if (Files.exists(dir.resolve("pdns.sqlite3"))) {
      return; // a retry on another port: the database is ready
    }
    tool(List.of("sh", "-c", SQLITE + " " + dir.resolve("pdns.sqlite3") + " < " + SCHEMA));
    pdnsutil("import-tsig-key", key.name(), key.algorithm(), key.secret());
    for (Zone z : zones.values()) {
      write(z.origin() + "zone", z.text());
      pdnsutil("load-zone", z.origin(), dir.resolve(z.origin() + "zone").toString());
      pdnsutil("activate-tsig-key", z.origin(), key.name(), "primary");
    }
  }

  @Override
  protected List<String> command() {
    return List.of(PDNS.toString(), "--config-dir=" + dir);
  }

  /** {@code pdnsutil replace-rrset} for each RRset, then {@code increase-serial}. */
  public long replaceRrsets(String origin, List<List<String>> rrsets) {
    String zone = NamedServer.absolute(origin);
    long before = soaSerial(zone);
    for (List<String> r : rrsets) {
      List<String> args = new ArrayList<>(List.of("replace-rrset", zone));
      args.addAll(r);
      pdnsutil(args.toArray(String[]::new));
    }
    pdnsutil("increase-serial", zone);
    awaitSerial(zone, before + 1);
    return before + 1;
  }

  public String pdnsutil(String... args) {
    List<String> argv = new ArrayList<>(List.of(PDNSUTIL.toString(), "--config-dir=" + dir));
    argv.addAll(List.of(args));
    return tool(argv);
  }
}
