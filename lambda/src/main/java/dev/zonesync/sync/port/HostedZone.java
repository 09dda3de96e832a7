package dev.zonesync.sync.port;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RrType;
import java.util.List;
import java.util.Optional;

/**
 * What a hosted zone holds, as the sync reads it (implemented over Route 53 by {@code route53}).
 */
public interface HostedZone {

  /** One RRset by name and type; null if absent. */
  HostedRRset read(String hostedZoneId, DnsName name, RrType type);

  /** Every RRset at one name. */
  List<HostedRRset> readName(String hostedZoneId, DnsName name);

  /** Every RRset of the hosted zone. */
  List<HostedRRset> readAll(String hostedZoneId);

  /** The hosted zone's RRset quota and use, or empty when the service does not say. */
  Optional<RrsetQuota> rrsetQuota(String hostedZoneId);
}
