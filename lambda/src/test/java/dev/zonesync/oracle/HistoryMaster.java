package dev.zonesync.oracle;

import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetDelta;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.Soa;
import dev.zonesync.model.ZoneDelta;
import dev.zonesync.model.ZoneSnapshot;
import dev.zonesync.oracle.ZoneVersion.Data;
import dev.zonesync.oracle.ZoneVersion.Key;
import dev.zonesync.sync.port.IxfrOutcome;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.Transfer;
import dev.zonesync.sync.port.TransferException;
import dev.zonesync.sync.port.ZoneSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A master with history, answering as the DNS source adapter does: the SOA of its latest published
 * version, that version whole (AXFR), the differences from an older one (IXFR: for each version
 * step its deletions then its additions, record by record, folded per RRset as the transfer client
 * folds them), and single RRsets as an authoritative server answers queries — a name that does not
 * exist but is covered by a wildcard answers with the wildcard's records (RFC 4592), which the port
 * reports as absent only for the keys the caller says may be gone.
 */
final class HistoryMaster implements ZoneSource {

  static final Master MASTER = new Master("192.0.2.53", 53);

  private final List<ZoneVersion> versions;
  private int latest;
  private int journalStart;
  private boolean ixfrFails;
  private boolean queryFails;
  private final Map<String, Integer> calls = new LinkedHashMap<>();

  HistoryMaster(List<ZoneVersion> versions) {
    this.versions = List.copyOf(versions);
  }

  /** Makes versions up to this index visible (the serial moves only between runs). */
  void publish(int upTo) {
    latest = upTo;
  }

  ZoneVersion latest() {
    return versions.get(latest);
  }

  int latestIndex() {
    return latest;
  }

  /** The version with this serial, or null. */
  ZoneVersion version(long serial) {
    for (ZoneVersion v : versions) {
      if (v.serial() == serial) {
        return v;
      }
    }
    return null;
  }

  int indexOf(long serial) {
    for (int i = 0; i < versions.size(); i++) {
      if (versions.get(i).serial() == serial) {
        return i;
      }
    }
    return -1;
  }

  /** The journal no longer reaches before the latest version. */
  void loseJournal() {
    journalStart = latest;
  }

  void failNextIxfr() {
    ixfrFails = true;
  }

  void failNextQuery() {
    queryFails = true;
  }

  /** A one-shot failure waits for the next IXFR or RRset query. */
  boolean failurePending() {
    return ixfrFails || queryFails;
  }

  /** Forgets pending one-shot failures. */
  void heal() {
    ixfrFails = false;
    queryFails = false;
  }

  Map<String, Integer> calls() {
    return calls;
  }

  @Override
  public SourceSerial serial(Deadline deadline) {
    calls.merge("SOA", 1, Integer::sum);
    return new SourceSerial(Serial.of(latest().serial()), DnsName.of(latest().mname()), MASTER);
  }

  @Override
  public Transfer axfr(SourceSerial preferred, Deadline deadline) {
    calls.merge("AXFR", 1, Integer::sum);
    return transfer();
  }

  private Transfer transfer() {
    ZoneSnapshot s = snapshot(latest());
    return new Transfer(s, MASTER, 1, 0, s.recordCount() + 1L, Duration.ZERO);
  }

  static ZoneSnapshot snapshot(ZoneVersion v) {
    List<RRset> sets = new ArrayList<>();
    v.rrsets().forEach((k, d) -> sets.add(rrset(k, d)));
    return new ZoneSnapshot(DnsName.of(ZoneVersion.ZONE), soa(v), sets);
  }

  private static Soa soa(ZoneVersion v) {
    return new Soa(
        DnsName.of(v.mname()),
        DnsName.of("hostmaster." + ZoneVersion.ZONE),
        Serial.of(v.serial()),
        3600);
  }

  private static RRset rrset(Key k, Data d) {
    return RRset.of(
        DnsName.of(k.owner()), RrType.fromName(k.type()), d.ttl(), List.copyOf(d.values()));
  }

  @Override
  public IxfrOutcome ixfr(SourceSerial current, Serial from, Deadline deadline) {
    calls.merge("IXFR", 1, Integer::sum);
    if (ixfrFails) {
      ixfrFails = false;
      throw new TransferException("zone oracle.example. from master " + MASTER + ": IXFR refused");
    }
    if (current.serial().value() != latest().serial()) {
      throw new TransferException("the master's serial moved during the run");
    }
    int start = indexOf(from.value());
    if (start == latest) {
      return new IxfrOutcome.UpToDate(from, MASTER);
    }
    if (start < 0 || start > latest || start < journalStart) {
      return new IxfrOutcome.WholeZone(transfer());
    }
    Map<RRsetKey, RRsetDelta.Builder> deltas = new HashMap<>();
    long records = 0;
    for (int i = start; i < latest; i++) {
      ZoneVersion a = versions.get(i);
      ZoneVersion b = versions.get(i + 1);
      // RFC 1995: the old SOA, what this step deleted, the new SOA, what it added
      for (Map.Entry<Key, Data> e : a.rrsets().entrySet()) {
        Data after = b.rrsets().get(e.getKey());
        for (String v : e.getValue().values()) {
          if (after == null || after.ttl() != e.getValue().ttl() || !after.values().contains(v)) {
            builder(deltas, e.getKey()).delete(v, e.getValue().ttl());
            records++;
          }
        }
      }
      for (Map.Entry<Key, Data> e : b.rrsets().entrySet()) {
        Data before = a.rrsets().get(e.getKey());
        for (String v : e.getValue().values()) {
          if (before == null
              || before.ttl() != e.getValue().ttl()
              || !before.values().contains(v)) {
            builder(deltas, e.getKey()).add(v, e.getValue().ttl());
            records++;
          }
        }
      }
    }
    Map<RRsetKey, RRsetDelta> out = new HashMap<>();
    deltas.forEach(
        (k, b) -> {
          RRsetDelta d = b.build();
          if (!d.isEmpty()) {
            out.put(k, d);
          }
        });
    ZoneDelta delta = new ZoneDelta(DnsName.of(ZoneVersion.ZONE), from, soa(latest()), out);
    return new IxfrOutcome.Incremental(delta, MASTER, 1, records, Duration.ZERO);
  }

  private static RRsetDelta.Builder builder(Map<RRsetKey, RRsetDelta.Builder> m, Key k) {
    return m.computeIfAbsent(
        new RRsetKey(DnsName.of(k.owner()), RrType.fromName(k.type())),
        x -> new RRsetDelta.Builder());
  }

  @Override
  public Map<RRsetKey, RRset> rrsets(
      SourceSerial at, Set<RRsetKey> keys, Set<RRsetKey> mayBeGone, Deadline deadline) {
    calls.merge("RRset queries", keys.size(), Integer::sum);
    if (queryFails) {
      queryFails = false;
      throw new TransferException("zone oracle.example., master " + MASTER + ": query timed out");
    }
    if (at.serial().value() != latest().serial()) {
      throw new TransferException("serial moved while querying the changed RRsets");
    }
    Map<RRsetKey, RRset> out = new HashMap<>();
    for (RRsetKey key : new TreeSet<>(keys)) {
      Answer a = answer(latest(), key.name().text(), key.type().mnemonic());
      if (a == null || (a.synthesised() && mayBeGone.contains(key))) {
        continue; // NODATA, NXDOMAIN, or a wildcard's answer for a name that may be gone
      }
      out.put(
          key, RRset.of(key.name(), key.type(), a.data().ttl(), List.copyOf(a.data().values())));
    }
    return out;
  }

  /** What an authoritative server answers for one name and type. */
  record Answer(Data data, boolean synthesised) {}

  /**
   * RFC 4592: an existing name (owner or empty non-terminal) answers with its own RRset or NODATA;
   * a name that does not exist is answered from {@code *.<closest encloser>} when that exists.
   */
  static Answer answer(ZoneVersion v, String name, String type) {
    if (v.exists(name)) {
      Data d = v.rrsets().get(new Key(name, type));
      return d == null ? null : new Answer(d, false);
    }
    String encloser = parent(name);
    while (!v.exists(encloser) && !encloser.equals(ZoneVersion.ZONE)) {
      encloser = parent(encloser);
    }
    Data d = v.rrsets().get(new Key("*." + encloser, type));
    return d == null ? null : new Answer(d, true);
  }

  private static String parent(String name) {
    return name.substring(name.indexOf('.') + 1);
  }
}
