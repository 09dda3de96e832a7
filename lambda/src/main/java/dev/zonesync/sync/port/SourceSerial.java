package dev.zonesync.sync.port;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.Serial;
import java.util.Objects;

/**
 * A master's answer to an SOA query.
 *
 * @param lineage the SOA MNAME: masters sharing it share a serial lineage
 */
public record SourceSerial(Serial serial, DnsName lineage, Master master) {
  public SourceSerial {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(lineage, "lineage");
    Objects.requireNonNull(master, "master");
  }
}
