package dev.zonesync.route53;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RrType;
import dev.zonesync.sync.port.HostedZone;
import dev.zonesync.sync.port.RrsetQuota;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.GetHostedZoneLimitRequest;
import software.amazon.awssdk.services.route53.model.GetHostedZoneLimitResponse;
import software.amazon.awssdk.services.route53.model.HostedZoneLimitType;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Reads a hosted zone: one RRset in one call, or everything through the SDK paginator. */
public final class HostedZoneReader implements HostedZone {

  private static final Logger LOG = LoggerFactory.getLogger(HostedZoneReader.class);
  private static final int PAGE_SIZE = 300;

  /** Page size for reading one name: a name rarely has more types than this. */
  private static final int NAME_PAGE = 10;

  private final Route53Client client;

  public HostedZoneReader(Route53Client client) {
    this.client = client;
  }

  /**
   * One RRset by name and type, in one ListResourceRecordSets call; null if absent. (For several
   * routing-policy sets of one name and type this returns the first.)
   */
  @Override
  public HostedRRset read(String hostedZoneId, DnsName name, RrType type) {
    ListResourceRecordSetsResponse page;
    try {
      page =
          client.listResourceRecordSets(
              ListResourceRecordSetsRequest.builder()
                  .hostedZoneId(hostedZoneId)
                  .startRecordName(Route53Values.name(name))
                  .startRecordType(type.mnemonic())
                  .maxItems("1")
                  .build());
    } catch (SdkException e) {
      throw Route53Errors.wrap("ListResourceRecordSets", hostedZoneId, e);
    }
    for (ResourceRecordSet rrs : page.resourceRecordSets()) {
      HostedRRset h = Route53Values.fromSdk(rrs);
      if (h.name().equals(name) && h.type().equals(type)) {
        return h;
      }
    }
    return null;
  }

  /**
   * Every RRset at one name, usually in one call: a page starting at the name, continued only while
   * it holds nothing but that name.
   */
  @Override
  public List<HostedRRset> readName(String hostedZoneId, DnsName name) {
    List<HostedRRset> out = new ArrayList<>();
    String startName = Route53Values.name(name);
    String startType = null;
    String startId = null;
    while (true) {
      ListResourceRecordSetsResponse page;
      try {
        ListResourceRecordSetsRequest.Builder req =
            ListResourceRecordSetsRequest.builder()
                .hostedZoneId(hostedZoneId)
                .startRecordName(startName)
                .maxItems(Integer.toString(NAME_PAGE));
        if (startType != null) {
          req.startRecordType(startType).startRecordIdentifier(startId);
        }
        page = client.listResourceRecordSets(req.build());
      } catch (SdkException e) {
        throw Route53Errors.wrap("ListResourceRecordSets", hostedZoneId, e);
      }
      for (ResourceRecordSet rrs : page.resourceRecordSets()) {
        HostedRRset h = Route53Values.fromSdk(rrs);
        if (!h.name().equals(name)) {
          return out;
        }
        out.add(h);
      }
      if (!Boolean.TRUE.equals(page.isTruncated())) {
        return out;
      }
      startName = page.nextRecordName();
      startType = page.nextRecordTypeAsString();
      startId = page.nextRecordIdentifier();
      if (!DnsName.parse(startName, dev.zonesync.model.Escaping.OCTAL).equals(name)) {
        return out;
      }
    }
  }

  /**
   * The hosted zone's RRset quota ({@code MAX_RRSETS_BY_ZONE}, 10 000 by default) and how many it
   * holds, or empty when Route 53 does not say (e.g. an emulator without GetHostedZoneLimit).
   */
  @Override
  public Optional<RrsetQuota> rrsetQuota(String hostedZoneId) {
    try {
      GetHostedZoneLimitResponse r =
          client.getHostedZoneLimit(
              GetHostedZoneLimitRequest.builder()
                  .hostedZoneId(hostedZoneId)
                  .type(HostedZoneLimitType.MAX_RRSETS_BY_ZONE)
                  .build());
      return Optional.of(new RrsetQuota(r.limit().value(), r.count()));
    } catch (SdkException e) {
      LOG.warn(
          "GetHostedZoneLimit on {} failed ({}); not checking the RRset quota",
          hostedZoneId,
          e.toString());
      return Optional.empty();
    }
  }

  /** Every RRset of the hosted zone (all pages). */
  @Override
  public List<HostedRRset> readAll(String hostedZoneId) {
    List<HostedRRset> out = new ArrayList<>();
    try {
      for (ListResourceRecordSetsResponse page :
          client.listResourceRecordSetsPaginator(
              ListResourceRecordSetsRequest.builder()
                  .hostedZoneId(hostedZoneId)
                  .maxItems(Integer.toString(PAGE_SIZE))
                  .build())) {
        for (ResourceRecordSet rrs : page.resourceRecordSets()) {
          out.add(Route53Values.fromSdk(rrs));
        }
      }
    } catch (SdkException e) {
      throw Route53Errors.wrap("ListResourceRecordSets", hostedZoneId, e);
    }
    return out;
  }
}
