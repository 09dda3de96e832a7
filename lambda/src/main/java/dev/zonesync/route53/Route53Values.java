package dev.zonesync.route53;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Escaping;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.plan.Change;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Converts between Route 53's record sets and model values — once, here. Route 53 writes names and
 * character-strings with octal escapes ({@code \052} for {@code *}), may drop trailing dots from
 * targets, and stores names in lower case; canonical values hide all of that.
 */
public final class Route53Values {

  private Route53Values() {}

  /** A record set as read from Route 53. */
  public static HostedRRset fromSdk(ResourceRecordSet rrs) {
    DnsName name = DnsName.parse(rrs.name(), Escaping.OCTAL);
    RrType type = RrType.fromName(rrs.typeAsString());
    List<String> exact = new ArrayList<>(rrs.resourceRecords().size());
    List<String> canonical = new ArrayList<>(rrs.resourceRecords().size());
    for (ResourceRecord r : rrs.resourceRecords()) {
      exact.add(r.value());
      canonical.add(canonicalValue(type, r.value()));
    }
    canonical = canonical.stream().distinct().sorted().toList();
    String alias = rrs.aliasTarget() == null ? null : rrs.aliasTarget().dnsName();
    long ttl = rrs.ttl() == null ? 0 : rrs.ttl();
    return new HostedRRset(name, type, ttl, canonical, exact, rrs.setIdentifier(), alias);
  }

  /** Canonical form of a Route 53 value; a value zonesync cannot parse is compared as written. */
  static String canonicalValue(RrType type, String value) {
    try {
      return Rdata.canonicalize(type, value, Escaping.OCTAL);
    } catch (IllegalArgumentException e) {
      return value.trim();
    }
  }

  /** The Route 53 form of a record name. */
  public static String name(DnsName name) {
    return name.format(Escaping.OCTAL);
  }

  /** The record set a change sends. A DELETE repeats exactly what was read. */
  public static ResourceRecordSet toSdk(Change change) {
    return switch (change) {
      case Change.Create c -> toSdk(c.desired());
      case Change.Update u -> toSdk(u.desired());
      case Change.Delete d ->
          ResourceRecordSet.builder()
              .name(name(d.current().name()))
              .type(d.current().type().mnemonic())
              .ttl(d.current().ttl())
              .resourceRecords(
                  d.current().exactValues().stream()
                      .map(v -> ResourceRecord.builder().value(v).build())
                      .toList())
              .build();
    };
  }

  static ResourceRecordSet toSdk(RRset r) {
    List<ResourceRecord> records = new ArrayList<>(r.values().size());
    for (String v : r.values()) {
      records.add(ResourceRecord.builder().value(Rdata.written(r.type(), v)).build());
    }
    return ResourceRecordSet.builder()
        .name(name(r.name()))
        .type(r.type().mnemonic())
        .ttl(r.ttl())
        .resourceRecords(records)
        .build();
  }

  public static ChangeAction action(Change change) {
    return switch (change) {
      case Change.Create c -> ChangeAction.CREATE;
      case Change.Update u -> ChangeAction.UPSERT;
      case Change.Delete d -> ChangeAction.DELETE;
    };
  }
}
