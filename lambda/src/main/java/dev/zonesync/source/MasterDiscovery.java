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
        Message answer = r.send(Message.newQuery(Record.newRecord(srv, Type.SRV, DClass.IN)));
        if (answer.getRcode() != Rcode.NOERROR) {
          LOG.warn("discovery of {} at {}: {}", srv, via, Rcode.string(answer.getRcode()));
          continue;
        }
        List<SRVRecord> records = new ArrayList<>();
        for (Record rec : answer.getSection(Section.ANSWER)) {
          if (rec instanceof SRVRecord s) {
            records.add(s);
          }
        }
        if (records.isEmpty()) {
          LOG.warn("discovery of {} at {}: no SRV records", srv, via);
          continue;
        }
        records.sort(
            Comparator.comparingInt(SRVRecord::getPriority)
                .thenComparing(Comparator.comparingInt(SRVRecord::getWeight).reversed())
                .thenComparing(s -> s.getTarget().toString()));
        Map<Name, List<InetAddress>> glue = new HashMap<>();
        for (Record rec : answer.getSection(Section.ADDITIONAL)) {
          if (rec instanceof ARecord a) {
            glue.computeIfAbsent(a.getName(), k -> new ArrayList<>()).add(a.getAddress());
          } else if (rec instanceof AAAARecord a) {
            glue.computeIfAbsent(a.getName(), k -> new ArrayList<>()).add(a.getAddress());
          }
        }
        Set<Master> out = new LinkedHashSet<>();
        for (SRVRecord s : records) {
          List<InetAddress> addrs = glue.get(s.getTarget());
          if (addrs == null || addrs.isEmpty()) {
            addrs = lookup(r, s.getTarget());
          }
          for (InetAddress a : addrs) {
            out.add(new Master(a.getHostAddress(), Master.DNS_PORT));
          }
        }
        LOG.info(
            "discovered {} domain controller address(es) for {} at {}", out.size(), domain, via);
        out.addAll(statics);
        return List.copyOf(out);
      } catch (IOException | RuntimeException e) {
        LOG.warn("discovery of {} at {} failed: {}", srv, via, e.toString());
      }
    }
    return statics;
  }

  private static List<InetAddress> lookup(SimpleResolver r, Name target) throws IOException {
    List<InetAddress> out = new ArrayList<>();
    Message a = r.send(Message.newQuery(Record.newRecord(target, Type.A, DClass.IN)));
    for (Record rec : a.getSection(Section.ANSWER)) {
      if (rec instanceof ARecord ar) {
        out.add(ar.getAddress());
      }
    }
    return out;
  }
}
