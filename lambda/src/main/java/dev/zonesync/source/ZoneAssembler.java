package dev.zonesync.source;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Soa;
import dev.zonesync.model.ZoneSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects converted records of one zone into RRsets and checks that the result is a whole zone:
 * one apex SOA, apex NS, nothing outside the origin. Records stream in; only canonical strings are
 * kept, never the dnsjava objects.
 */
final class ZoneAssembler {

  private final DnsName origin;
  private final String context;

  /** Builders while the transfer streams; their RRsets once finished. */
  private final Map<RRsetKey, Object> sets = new HashMap<>(1024);

  /** RRsets with a record that could not be converted, and why; left out of the snapshot. */
  private final Map<RRsetKey, String> unconvertible = new HashMap<>();

  private Soa soa;
  // transfers list an RRset's records together: skip the map for the 2nd..nth record
  private DnsName lastName;
  private RrType lastType;
  private Builder last;

  /**
   * @param context for error messages, e.g. "zone corp.example. from master 10.0.0.53:53"
   */
  ZoneAssembler(DnsName origin, String context) {
    this.origin = origin;
    this.context = context;
  }

  void soa(Soa apexSoa) {
    if (soa != null) {
      throw new TransferVerificationException(context + ": more than one apex SOA record");
    }
    soa = apexSoa;
  }

  void add(DnsName name, RrType type, long ttl, String value) {
    if (!name.isSubdomainOf(origin)) {
      throw new TransferVerificationException(
          context
              + ": record "
              + name
              + " "
              + type
              + " is outside the zone; refusing the transfer (is the master serving the right"
              + " zone?)");
    }
    if (type.equals(RrType.SOA)) {
      throw new TransferVerificationException(
          context + ": unexpected SOA record at " + name + " inside the zone data");
    }
    if (name == lastName && type.equals(lastType)) {
      last.add(ttl, value);
      return;
    }
    Builder b = (Builder) sets.computeIfAbsent(new RRsetKey(name, type), k -> new Builder());
    b.add(ttl, value);
    lastName = name;
    lastType = type;
    last = b;
  }

  /** A record whose data cannot be converted: its whole RRset is reported instead of mirrored. */
  void unconvertible(DnsName name, RrType type, String why) {
    if (!name.isSubdomainOf(origin)) {
      add(name, type, 0, ""); // fails as out of zone
    }
    unconvertible.putIfAbsent(new RRsetKey(name, type), why);
  }

  ZoneSnapshot finish() {
    if (soa == null) {
      throw new TransferVerificationException(context + ": no SOA record at the zone apex");
    }
    if (!sets.containsKey(new RRsetKey(origin, RrType.NS))) {
      throw new TransferVerificationException(
          context + ": no NS records at the zone apex; a complete zone always has them");
    }
    // replace each builder by its RRset in place: a second map of a million entries would double
    // the peak heap of a big zone
    for (Map.Entry<RRsetKey, Object> e : sets.entrySet()) {
      Builder b = (Builder) e.getValue();
      e.setValue(new RRset(e.getKey().name(), e.getKey().type(), b.ttl, b.values));
    }
    last = null;
    sets.keySet().removeAll(unconvertible.keySet());
    @SuppressWarnings("unchecked")
    Map<RRsetKey, RRset> out = (Map<RRsetKey, RRset>) (Map<?, ?>) sets;
    return ZoneSnapshot.adopt(origin, soa, out, unconvertible);
  }

  /** Values of one RRset; RFC 2181 §5.2: differing TTLs in one set are read as the lowest. */
  private static final class Builder {
    long ttl = Long.MAX_VALUE;
    final List<String> values = new ArrayList<>(1);

    void add(long recordTtl, String value) {
      ttl = Math.min(ttl, recordTtl);
      values.add(value);
    }
  }
}
