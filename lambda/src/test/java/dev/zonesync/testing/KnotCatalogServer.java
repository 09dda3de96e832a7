package dev.zonesync.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Knot DNS ({@code knotd}, Debian package {@code knot}) generating an RFC 9432 catalog zone ({@code
 * catalog-role: generate}) of the zones configured with {@code catalog-role: member}. The catalog's
 * members change the Knot way: the configuration file is rewritten and {@code knotc reload} makes
 * Knot add or drop them in the catalog (a zone leaves the catalog when it leaves the
 * configuration). Knot answers queries for a catalog zone only over TCP and signed with the
 * transfer key (over UDP: REFUSED), so the catalog's serial is read that way here.
 *
 * <p>Members change in a control transaction ({@code knotc zone-begin … zone-commit}), journaled,
 * so Knot serves IXFR. A member's transfers can be refused ({@link #refuseTransfers}): a {@code
 * notify}-only ACL for the key, so its signed SOA query is still answered but its transfers are
 * refused (NOTAUTH/BADKEY).
 */
public final class KnotCatalogServer extends DnsMaster {

  private static final java.nio.file.Path KNOTD = java.nio.file.Path.of("/usr/sbin/knotd");
  private static final java.nio.file.Path KNOTC = java.nio.file.Path.of("/usr/sbin/knotc");

  private final String catalog;

  /** Every member zone this server may hold, by origin: its zone file text. */
  private final Map<String, String> texts = new LinkedHashMap<>();

  /** Members configured (served and listed in the catalog), in configuration order. */
  private final Set<String> members = new LinkedHashSet<>();

  private final Set<String> refused = new LinkedHashSet<>();

  private KnotCatalogServer(Key key, String catalog, List<Zone> configured) {
    super("knot-catalog", KnotServer.INSTALL_HINT, key, configured);
    this.catalog = NamedServer.absolute(catalog);
  }

  /**
   * Starts Knot with the catalog and {@code members} in it.
   *
   * @param spare zones it may be given later ({@link #setMembers}), not configured yet
   */
  public static KnotCatalogServer start(
      Key key, String catalog, List<Zone> members, Zone... spare) {
    require(KNOTD, KnotServer.INSTALL_HINT);
    require(KNOTC, KnotServer.INSTALL_HINT);
    KnotCatalogServer s = new KnotCatalogServer(key, catalog, members);
    for (Zone z : members) {
      s.texts.put(z.origin(), z.text());
      s.members.add(z.origin());
    }
    for (Zone z : spare) {
      s.texts.put(z.origin(), z.text());
    }
    s.start();
    s.awaitCatalog(-1);
    return s;
  }

  @Override
  protected void prepare(int port) throws IOException {
    java.nio.file.Files.createDirectories(dir.resolve("db"));
    for (Map.Entry<String, String> z : texts.entrySet()) {
      write(z.getKey() + "zone", z.getValue());
    }
    write("knot.conf", config(port));
  }

  private String config(int port) {
    StringBuilder c = new StringBuilder();
    c.append("server:\n    rundir: \"")
        .append(dir)
        .append("\"\n    listen: 127.0.0.1@")
        .append(port)
        .append('\n')
        .append("log:\n  - target: stdout\n    any: info\n")
        .append("database:\n    storage: \"")
        .append(dir.resolve("db"))
        .append("\"\n")
        .append("key:\n  - id: ")
        .append(key.name())
        .append("\n    algorithm: ")
        .append(key.algorithm())
        .append("\n    secret: ")
        .append(key.secret())
        .append('\n')
        .append("acl:\n  - id: transfer\n    key: ")
        .append(key.name())
        .append("\n    action: transfer\n")
        // the key may only notify this zone: Knot still answers its signed SOA query, and refuses
        // its transfers (NOTAUTH, BADKEY)
        .append("  - id: refuse\n    key: ")
        .append(key.name())
        .append("\n    action: notify\n")
        .append("control:\n    listen: \"")
        .append(dir.resolve("knot.sock"))
        .append("\"\n")
        .append("template:\n  - id: default\n    storage: \"")
        .append(dir)
        .append("\"\n    file: \"%s.zone\"\n")
        .append("    zonefile-sync: -1\n    journal-content: changes\n    acl: transfer\n")
        .append("zone:\n  - domain: ")
        .append(catalog)
        .append("\n    catalog-role: generate\n");
    for (String m : members) {
      c.append("  - domain: ")
          .append(m)
          .append("\n    catalog-role: member\n    catalog-zone: ")
          .append(catalog)
          .append('\n');
      if (refused.contains(m)) {
        c.append("    acl: refuse\n");
      }
    }
    return c.toString();
  }

  @Override
  protected List<String> command() {
    return List.of(KNOTD.toString(), "-c", dir.resolve("knot.conf").toString());
  }

  /**
   * The catalog lists (and Knot serves) exactly {@code zones} from now on: knot.conf rewritten,
   * {@code knotc reload}; returns the catalog's new serial once Knot serves it.
   */
  public long setMembers(String... zones) {
    long before = catalogSerial();
    Set<String> next = new LinkedHashSet<>();
    for (String z : zones) {
      String origin = NamedServer.absolute(z);
      if (!texts.containsKey(origin)) {
        throw new IllegalArgumentException(origin + " has no zone file here: pass it as spare");
      }
      next.add(origin);
    }
    members.clear();
    members.addAll(next);
    reload();
    return awaitCatalog(before);
  }

  /** Refuses (or allows again) the transfer key's AXFR/IXFR of {@code zone}: reload, no serial. */
  public void refuseTransfers(String zone, boolean refuse) {
    String origin = NamedServer.absolute(zone);
    if (refuse) {
      refused.add(origin);
    } else {
      refused.remove(origin);
    }
    reload();
  }

  private void reload() {
    try {
      write("knot.conf", config(port));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    knotc("reload");
  }

  /**
   * One transaction on a member: each edit is {@code "set <owner> <ttl> <type> <rdata>"} or {@code
   * "unset <owner> <type> <rdata>"}; Knot increments the serial. Returns the new serial once
   * served.
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
    awaitSerial(zone, before + 1);
    return before + 1;
  }

  /** The catalog's SOA serial, asked over TCP with the transfer key (as Knot requires). */
  public long catalogSerial() {
    try {
      SimpleResolver r = new SimpleResolver(TestProcesses.LOOPBACK);
      r.setPort(port);
      r.setTCP(true);
      r.setTimeout(Duration.ofSeconds(2));
      r.setTSIGKey(new TSIG(key.algorithm(), key.name(), key.secret()));
      Message resp =
          r.send(Message.newQuery(Record.newRecord(Name.fromString(catalog), Type.SOA, DClass.IN)));
      if (resp.getRcode() != Rcode.NOERROR) {
        throw new IllegalStateException(
            "catalog SOA query answered " + Rcode.string(resp.getRcode()));
      }
      for (Record rec : resp.getSection(Section.ANSWER)) {
        if (rec instanceof SOARecord soa) {
          return soa.getSerial();
        }
      }
      throw new IllegalStateException("no SOA in the catalog's answer");
    } catch (IOException e) {
      throw new IllegalStateException("catalog SOA query failed: " + e.getMessage(), e);
    }
  }

  /** Waits until the catalog is served at a serial other than {@code before}; returns it. */
  private long awaitCatalog(long before) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        long s = catalogSerial();
        if (s != before) {
          return s;
        }
        last = "still at serial " + s;
      } catch (IllegalStateException e) {
        last = e.getMessage();
      }
      TestProcesses.sleep(20);
    }
    throw new IllegalStateException(
        "Knot does not serve a new catalog " + catalog + " (" + last + ")\n" + log());
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
