package dev.zonesync.model;

import java.util.Objects;

/** The fields of a zone's SOA record that zonesync reads. */
public record Soa(DnsName mname, DnsName rname, Serial serial, long ttl) {
  public Soa {
    Objects.requireNonNull(mname, "mname");
    Objects.requireNonNull(rname, "rname");
    Objects.requireNonNull(serial, "serial");
  }
}
