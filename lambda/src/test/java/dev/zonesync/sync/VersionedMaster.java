package dev.zonesync.sync;

import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetDelta;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.Serial;
import dev.zonesync.model.ZoneDelta;
import dev.zonesync.model.ZoneSnapshot;
import dev.zonesync.source.ZoneFileSource;
import dev.zonesync.sync.port.IxfrOutcome;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.Transfer;
import dev.zonesync.sync.port.TransferException;
import dev.zonesync.sync.port.ZoneSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A master with a journal, for the engine's unit tests: zone versions written as master-file text,
 * IXFR as a real server streams it over several versions (each version's deletions, then its
 * additions, record by record), and single-RRset answers from the latest version. Counts what it
 * was asked, so tests see which path a run took on the master's side too.
 */
final class VersionedMaster implements ZoneSource {

  private final DnsName zone;
  private final Path dir;
  private final List<ZoneSnapshot> versions = new ArrayList<>();
  private final Master master = new Master("192.0.2.53", 53);

  int axfrs;
  int ixfrs;
  int queries;

  /** When true, asking for single RRsets fails (a master that does not answer queries). */
  boolean refuseQueries;

  VersionedMaster(DnsName zone, Path dir) {
    this.zone = zone;
    this.dir = dir;
  }

  /** Adds a version from master-file text (its SOA gives the serial). */
  VersionedMaster version(String zoneText) {
    try {
      Path f = Files.createTempFile(dir, "v", ".zone");
      Files.writeString(f, zoneText);
      versions.add(new ZoneFileSource(zone, f).read());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  ZoneSnapshot latest() {
    return versions.get(versions.size() - 1);
  }

  @Override
  public SourceSerial serial(Deadline deadline) {
    return new SourceSerial(latest().soa().serial(), latest().soa().mname(), master);
  }

  @Override
  public Transfer axfr(SourceSerial preferred, Deadline deadline) {
    axfrs++;
    ZoneSnapshot s = latest();
    return new Transfer(s, master, 1, 0, s.recordCount(), Duration.ZERO);
  }

  @Override
  public IxfrOutcome ixfr(SourceSerial current, Serial from, Deadline deadline) {
    ixfrs++;
    int start = -1;
    for (int i = 0; i < versions.size(); i++) {
      if (versions.get(i).soa().serial().equals(from)) {
        start = i;
      }
    }
    if (start < 0) {
      return new IxfrOutcome.WholeZone(axfr(current, deadline));
    }
    if (start == versions.size() - 1) {
      return new IxfrOutcome.UpToDate(from, master);
    }
    Map<RRsetKey, RRsetDelta.Builder> builders = new LinkedHashMap<>();
    for (int i = start; i + 1 < versions.size(); i++) {
      ZoneSnapshot a = versions.get(i);
      ZoneSnapshot b = versions.get(i + 1);
      Set<RRsetKey> keys = new HashSet<>();
      a.rrsets().forEach(r -> keys.add(r.key()));
      b.rrsets().forEach(r -> keys.add(r.key()));
      // RFC 1995: the version's deletions first, then its additions
      for (RRsetKey k : new TreeSet<>(keys)) {
        RRset was = a.get(k);
        RRset now = b.get(k);
        boolean ttlChanged = was != null && now != null && was.ttl() != now.ttl();
        if (was != null) {
          for (String v : was.values()) {
            if (ttlChanged || now == null || !now.values().contains(v)) {
              builders.computeIfAbsent(k, x -> new RRsetDelta.Builder()).delete(v, was.ttl());
            }
          }
        }
      }
      for (RRsetKey k : new TreeSet<>(keys)) {
        RRset was = a.get(k);
        RRset now = b.get(k);
        boolean ttlChanged = was != null && now != null && was.ttl() != now.ttl();
        if (now != null) {
          for (String v : now.values()) {
            if (ttlChanged || was == null || !was.values().contains(v)) {
              builders.computeIfAbsent(k, x -> new RRsetDelta.Builder()).add(v, now.ttl());
            }
          }
        }
      }
    }
    Map<RRsetKey, RRsetDelta> net = new HashMap<>();
    builders.forEach(
        (k, b) -> {
          RRsetDelta d = b.build();
          if (!d.isEmpty()) {
            net.put(k, d);
          }
        });
    ZoneDelta delta = new ZoneDelta(zone, from, latest().soa(), net);
    return new IxfrOutcome.Incremental(delta, master, 1, net.size(), Duration.ZERO);
  }

  @Override
  public Map<RRsetKey, RRset> rrsets(
      SourceSerial at, Set<RRsetKey> keys, Set<RRsetKey> mayBeGone, Deadline deadline) {
    if (refuseQueries) {
      throw new TransferException("master " + master + ": queries refused (test)");
    }
    queries += keys.size();
    Map<RRsetKey, RRset> out = new HashMap<>();
    for (RRsetKey k : keys) {
      RRset r = latest().get(k);
      if (r != null) {
        out.put(k, r);
      }
    }
    return out;
  }
}
