package dev.zonesync.model;

import java.util.List;
import java.util.Objects;

/**
 * An RRset as the hosted zone holds it: canonical values for comparing, the values exactly as the
 * target returned them (a DELETE must repeat them byte for byte), and the attributes that make a
 * record someone else's (alias target, routing-policy set identifier).
 *
 * @param values canonical values (sorted); empty for alias records
 * @param exactValues values as read, in the order read
 * @param setIdentifier routing-policy set identifier, or null
 * @param aliasTarget alias target DNS name, or null
 */
public record HostedRRset(
    DnsName name,
    RrType type,
    long ttl,
    List<String> values,
    List<String> exactValues,
    String setIdentifier,
    String aliasTarget) {

  public HostedRRset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    values = List.copyOf(values);
    exactValues = List.copyOf(exactValues);
  }

  /** A plain record set: no alias, no routing policy. */
  public static HostedRRset plain(RRset rrset, List<String> exactValues) {
    return new HostedRRset(
        rrset.name(), rrset.type(), rrset.ttl(), rrset.values(), exactValues, null, null);
  }

  /**
   * An RRset as zonesync writes it ({@link Rdata#written}): what Route 53 holds after zonesync
   * created or upserted it, so a DELETE predicted from it repeats the stored text exactly.
   */
  public static HostedRRset written(RRset rrset) {
    List<String> exact = new java.util.ArrayList<>(rrset.values().size());
    for (String v : rrset.values()) {
      exact.add(Rdata.written(rrset.type(), v));
    }
    return plain(rrset, exact);
  }

  public boolean isAlias() {
    return aliasTarget != null;
  }

  public boolean hasRoutingPolicy() {
    return setIdentifier != null;
  }

  /** A record set zonesync may manage (plain, not alias, no routing policy). */
  public boolean isPlain() {
    return !isAlias() && !hasRoutingPolicy();
  }

  public RRsetKey key() {
    return new RRsetKey(name, type);
  }

  /** The canonical content; only for plain sets. */
  public RRset asRRset() {
    if (!isPlain()) {
      throw new IllegalStateException(name + " " + type + " is an alias or routing-policy set");
    }
    return new RRset(name, type, ttl, values);
  }

  public int exactValueChars() {
    int n = 0;
    for (String v : exactValues) {
      n += v.length();
    }
    return n;
  }
}
