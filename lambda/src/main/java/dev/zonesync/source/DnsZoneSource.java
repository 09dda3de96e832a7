package dev.zonesync.source;

import dev.zonesync.config.SourceLimits;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.Serial;
import dev.zonesync.model.TsigKey;
import dev.zonesync.sync.port.IxfrOutcome;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.Transfer;
import dev.zonesync.sync.port.ZoneSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TSIG;

/**
 * A zone served by DNS masters, tried in the configured order. A master that fails (timeout,
 * refusal, TSIG error, bad transfer) is logged and the next one is tried; the zone fails only when
 * every master failed, with each master's reason in the message. A full transfer stands in for the
 * master that answered the SOA query only from a master of its lineage at its serial or newer.
 */
public final class DnsZoneSource implements ZoneSource {

  private static final Logger LOG = LoggerFactory.getLogger(DnsZoneSource.class);

  private final DnsName zone;
  private final List<Master> staticMasters;
  private final DnsName discoveryDomain;
  private final TSIG tsig;
  private final SourceLimits limits;
  private List<Master> masters;

  /**
   * @param tsigKey null only when the configuration says {@code tsig: none}
   */
  public DnsZoneSource(DnsName zone, List<Master> masters, TsigKey tsigKey, SourceLimits limits) {
    this(zone, masters, null, tsigKey, limits);
  }

  /**
   * @param discoveryDomain an Active Directory domain whose domain controllers (from its {@code
   *     _ldap._tcp.dc._msdcs} SRV records) are tried before the static masters, or null
   */
  public DnsZoneSource(
      DnsName zone,
      List<Master> masters,
      DnsName discoveryDomain,
      TsigKey tsigKey,
      SourceLimits limits) {
    if (masters.isEmpty()) {
      throw new IllegalArgumentException("zone " + zone + " has no masters");
    }
    this.zone = zone;
    this.staticMasters = List.copyOf(masters);
    this.masters = this.staticMasters;
    this.discoveryDomain = discoveryDomain;
    this.tsig = Tsig.of(tsigKey);
    this.limits = limits;
  }

  /** The masters in the order they are tried (after discovery, if configured). */
  public List<Master> masters() {
    return masters;
  }

  @Override
  public SourceSerial serial(Deadline deadline) {
    if (discoveryDomain != null) {
      masters =
          MasterDiscovery.masters(discoveryDomain, staticMasters, limits.queryTimeout(), deadline);
    }
    List<String> failures = new ArrayList<>();
    for (Master m : masters) {
      if (deadline.isExpired()) {
        failures.add(m + ": not tried, run deadline reached");
        continue;
      }
      try {
        return SoaQuery.query(zone, m, resolve(m), tsig, deadline.cap(limits.queryTimeout()));
      } catch (SourceException e) {
        LOG.warn("{}", e.getMessage());
        failures.add(e.getMessage());
      }
    }
    throw allFailed("SOA query", failures);
  }

  @Override
  public Transfer axfr(SourceSerial preferred, Deadline deadline) {
    List<Master> order = new ArrayList<>(masters);
    if (preferred != null && order.remove(preferred.master())) {
      order.add(0, preferred.master());
    }
    List<String> failures = new ArrayList<>();
    AxfrClient client = new AxfrClient(zone, tsig, limits);
    for (Master m : order) {
      if (deadline.isExpired()) {
        failures.add(m + ": not tried, run deadline reached");
        continue;
      }
      try {
        return client.transfer(
            m,
            resolve(m),
            deadline,
            preferred == null || m.equals(preferred.master())
                ? soa -> {}
                : soa -> requireSameHistory(m, soa, preferred));
      } catch (SourceException e) {
        LOG.warn("{}", e.getMessage());
        failures.add(e.getMessage());
      }
    }
    throw allFailed("AXFR", failures);
  }

  /**
   * The engine decided this sync from {@code preferred}'s answer (serial and lineage) and marks the
   * hosted zone with the serial of what it transfers. Another master may stand in for a failed
   * preferred one only with the same history: a master of another lineage numbers its serials
   * independently, and an older serial of the same lineage is a lagging secondary (RFC 1982), whose
   * transfer would roll Route 53 back and mark it at the older serial. Checked on the opening SOA,
   * before the zone is read.
   */
  private void requireSameHistory(Master m, SOARecord soa, SourceSerial preferred) {
    DnsName lineage = Records.name(soa.getHost());
    if (!lineage.equals(preferred.lineage())) {
      throw new SourceException(
          "zone "
              + zone
              + ", master "
              + m
              + " serves the zone of "
              + lineage
              + " (SOA MNAME), not of "
              + preferred.lineage()
              + " whose serial "
              + preferred.serial()
              + " "
              + preferred.master()
              + " answered: not used in this run (its serials are another lineage's); the next"
              + " run decides from the master that answers first");
    }
    Serial serial = Serial.of(soa.getSerial());
    if (serial.isOlderThan(preferred.serial())) {
      throw new SourceException(
          "zone "
              + zone
              + ", master "
              + m
              + " serves serial "
              + serial
              + ", older than "
              + preferred.serial()
              + " answered by "
              + preferred.master()
              + ": not used (it lags); Route 53 keeps what it holds until a master at "
              + preferred.serial()
              + " or newer transfers — check replication to "
              + m);
    }
  }

  @Override
  public IxfrOutcome ixfr(SourceSerial current, Serial from, Deadline deadline) {
    // only the master whose serial we compared: another one may be of another lineage
    Master m = current.master();
    return new IxfrClient(zone, tsig, limits)
        .transfer(m, resolve(m), from, current.serial(), deadline);
  }

  @Override
  public java.util.Map<dev.zonesync.model.RRsetKey, dev.zonesync.model.RRset> rrsets(
      SourceSerial at,
      java.util.Set<dev.zonesync.model.RRsetKey> keys,
      java.util.Set<dev.zonesync.model.RRsetKey> mayBeGone,
      Deadline deadline) {
    Master m = at.master();
    return new RRsetQuery(zone, tsig, limits.queryTimeout())
        .query(at, resolve(m), keys, mayBeGone, deadline);
  }

  private SourceException allFailed(String what, List<String> failures) {
    return new SourceException(
        "zone "
            + zone
            + ": "
            + what
            + " failed on all "
            + masters.size()
            + " master(s): "
            + String.join(" | ", failures));
  }

  private InetSocketAddress resolve(Master m) {
    try {
      return new InetSocketAddress(InetAddress.getByName(m.host()), m.port());
    } catch (UnknownHostException e) {
      throw new SourceException(
          "zone " + zone + ", master " + m + ": host name does not resolve; use an IP address", e);
    }
  }
}
