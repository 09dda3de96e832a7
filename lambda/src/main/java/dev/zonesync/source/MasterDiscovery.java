package dev.zonesync.source;

import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Finds Active Directory domain controllers (which serve AD-integrated zones) from the domain's
 * {@code _ldap._tcp.dc._msdcs.<domain>} SRV records, asked of the configured masters: lowest
 * priority first, then highest weight. Domain controllers come and go; the static list stays as the
 * fallback.
 *
 * <p>The query is unsigned (domain controllers do not speak TSIG), so only what the asked master
 * says with authority about the domain is believed, as a resolver judges answers: the SRV answer
 * must be authoritative (AA) and its records owned by exactly the queried name (a CNAME or DNAME
 * chain is not followed: DCs register their SRV records themselves); a target's address comes from
 * the additional section only when the target is inside the domain (a DC's name is), else from an
 * authoritative A/AAAA answer owned by the target. Everything else is logged (WARN) and ignored, so
 * a master that is not authoritative, or a spoofed answer's extra records, cannot steer transfers
 * to another host.
 */
final class MasterDiscovery {

  private static final Logger LOG = LoggerFactory.getLogger(MasterDiscovery.class);

  private MasterDiscovery() {}

  /** The SRV owner name for an AD domain. */
  static DnsName srvName(DnsName domain) {
    return DnsName.of("_ldap._tcp.dc._msdcs." + domain.text());
  }

  /**
   * Discovered masters (DNS port 53 on each DC) followed by the static ones, without duplicates.
   * Never fails: if discovery fails the static list is returned as is.
   */
  static List<Master> masters(
      DnsName domain, List<Master> statics, Duration timeout, Deadline deadline) {
    Name domainName = Name.fromConstantString(domain.text());
    Name srv = Name.fromConstantString(srvName(domain).text());
    for (Master via : statics) {
      if (deadline.isExpired()) {
        break;
      }
      try {
        InetSocketAddress address =
            new InetSocketAddress(InetAddress.getByName(via.host()), via.port());
        SimpleResolver r = new SimpleResolver(address);
        r.setTimeout(deadline.cap(timeout));
        Set<Master> found = ask(r, via, domainName, srv);
        if (found.isEmpty()) {
          continue;
        }
        LOG.info(
            "discovered {} domain controller address(es) for {} at {}", found.size(), domain, via);
        found.addAll(statics);
        return List.copyOf(found);
      } catch (IOException | RuntimeException e) {
        LOG.warn("discovery of {} at {} failed: {}", srv, via, e.toString());
      }
    }
    return statics;
  }

  /** The DCs' addresses one master vouches for, in SRV order; empty when it vouches for none. */
  private static Set<Master> ask(SimpleResolver r, Master via, Name domain, Name srv)
      throws IOException {
    Message answer = r.send(Message.newQuery(Record.newRecord(srv, Type.SRV, DClass.IN)));
    String at = "discovery of " + srv + " at " + via;
    if (answer.getRcode() != Rcode.NOERROR) {
      LOG.warn("{}: {}", at, Rcode.string(answer.getRcode()));
      return Set.of();
    }
    if (!answer.getHeader().getFlag(Flags.AA)) {
      LOG.warn(
          "{}: answer ignored: not authoritative (AA not set); the master does not serve the"
              + " _msdcs zone of {} and only passes on what it heard",
          at,
          domain);
      return Set.of();
    }
    List<SRVRecord> records = new ArrayList<>();
    for (Record rec : answer.getSection(Section.ANSWER)) {
      if (rec.getType() == Type.CNAME || rec.getType() == Type.DNAME) {
        LOG.warn(
            "{}: {} ignored: domain controllers register their SRV records themselves, never"
                + " behind an alias",
            at,
            show(rec));
      } else if (rec instanceof SRVRecord s && rec.getDClass() == DClass.IN) {
        if (s.getName().equals(srv)) {
          records.add(s);
        } else {
          LOG.warn("{}: {} ignored: its owner is not the queried name", at, show(rec));
        }
      } else {
        LOG.warn("{}: {} ignored: not an SRV record of the queried name", at, show(rec));
      }
    }
    if (records.isEmpty()) {
      LOG.warn("{}: no usable SRV records", at);
      return Set.of();
    }
    records.sort(
        Comparator.comparingInt(SRVRecord::getPriority)
            .thenComparing(Comparator.comparingInt(SRVRecord::getWeight).reversed())
            .thenComparing(s -> s.getTarget().toString()));
    Set<Name> targets = new LinkedHashSet<>();
    records.forEach(s -> targets.add(s.getTarget()));
    Map<Name, List<InetAddress>> glue = new HashMap<>();
    for (Record rec : answer.getSection(Section.ADDITIONAL)) {
      InetAddress a = address(rec);
      if (a == null) {
        continue; // OPT, TSIG and other records that give no address
      }
      if (!targets.contains(rec.getName())) {
        LOG.warn("{}: additional {} ignored: it is no SRV target", at, show(rec));
      } else if (!rec.getName().subdomain(domain)) {
        LOG.warn(
            "{}: additional {} ignored: the target is outside {} (out of bailiwick); its address"
                + " is asked for instead",
            at,
            show(rec),
            domain);
      } else {
        glue.computeIfAbsent(rec.getName(), k -> new ArrayList<>()).add(a);
      }
    }
    Set<Master> out = new LinkedHashSet<>();
    for (Name target : targets) {
      List<InetAddress> addrs = glue.get(target);
      if (addrs == null) {
        addrs = lookup(r, at, target, Type.A);
        if (addrs.isEmpty()) {
          addrs = lookup(r, at, target, Type.AAAA);
        }
      }
      for (InetAddress a : addrs) {
        out.add(new Master(a.getHostAddress(), Master.DNS_PORT));
      }
    }
    return out;
  }

  /** The target's addresses from an authoritative answer owned by the target. */
  private static List<InetAddress> lookup(SimpleResolver r, String at, Name target, int type)
      throws IOException {
    Message a = r.send(Message.newQuery(Record.newRecord(target, type, DClass.IN)));
    String what = Type.string(type) + " lookup of SRV target " + target;
    if (a.getRcode() != Rcode.NOERROR) {
      LOG.warn("{}: {}: {}", at, what, Rcode.string(a.getRcode()));
      return List.of();
    }
    if (!a.getHeader().getFlag(Flags.AA)) {
      LOG.warn("{}: {} ignored: not authoritative (AA not set)", at, what);
      return List.of();
    }
    List<InetAddress> out = new ArrayList<>();
    for (Record rec : a.getSection(Section.ANSWER)) {
      InetAddress addr = address(rec);
      if (addr != null && rec.getType() == type && rec.getName().equals(target)) {
        out.add(addr);
      } else {
        LOG.warn("{}: {}: {} ignored: not an address owned by the target", at, what, show(rec));
      }
    }
    return out;
  }

  /** A record in one line, for logs: owner, type, data. */
  private static String show(Record rec) {
    return rec.getName() + " " + Type.string(rec.getType()) + " " + rec.rdataToString();
  }

  private static InetAddress address(Record rec) {
    if (rec.getDClass() != DClass.IN) {
      return null;
    }
    if (rec instanceof ARecord a) {
      return a.getAddress();
    }
    if (rec instanceof AAAARecord a) {
      return a.getAddress();
    }
    return null;
  }
}
