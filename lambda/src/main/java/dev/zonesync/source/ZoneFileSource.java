package dev.zonesync.source;

import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.ZoneSnapshot;
import dev.zonesync.sync.port.IxfrOutcome;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.Transfer;
import dev.zonesync.sync.port.ZoneSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * A zone read from a master file (BIND syntax), for offline planning and tests. The same checks as
 * a transfer apply: one apex SOA, apex NS, nothing outside the origin.
 */
public final class ZoneFileSource implements ZoneSource {

  private final DnsName zone;
  private final Path file;

  public ZoneFileSource(DnsName zone, Path file) {
    this.zone = zone;
    this.file = file;
  }

  /**
   * Reads and verifies the whole file. Records are converted exactly as a transfer's are (one
   * conversion for both sources); a record whose data cannot be converted is reported, not fatal.
   */
  public ZoneSnapshot read() {
    String context = "zone " + zone + " from file " + file;
    Name origin = Name.fromConstantString(zone.text());
    ZoneAssembler zoneData = new ZoneAssembler(zone, context);
    Records convert = new Records();
    SOARecord[] apexSoa = new SOARecord[1];
    try {
      new MasterFileReader(file, origin)
          .read(
              entry -> {
                switch (entry) {
                  case MasterFileReader.Parsed p -> {
                    if (p.record() instanceof SOARecord soa && soa.getName().equals(origin)) {
                      // named loads a repeated identical SOA as one record
                      if (apexSoa[0] == null || !apexSoa[0].equals(soa)) {
                        zoneData.soa(Records.soa(soa));
                        apexSoa[0] = soa;
                      }
                      return;
                    }
                    convert.addTo(zoneData, p.record());
                  }
                  case MasterFileReader.Opaque o ->
                      zoneData.add(
                          convert.owner(o.name()), RrType.of(o.type()), o.ttl(), o.rdata());
                  case MasterFileReader.Failed f ->
                      zoneData.unconvertible(
                          convert.owner(f.name()),
                          RrType.of(f.type()),
                          f.name() + " " + RrType.of(f.type()) + ": " + f.problem());
                }
              });
    } catch (IOException e) {
      throw new SourceException(
          context + ": cannot read: " + e.getMessage() + " (check the path and the zone syntax)",
          e);
    }
    return zoneData.finish();
  }

  @Override
  public SourceSerial serial(Deadline deadline) {
    ZoneSnapshot s = read();
    return new SourceSerial(s.soa().serial(), s.soa().mname(), fileMaster());
  }

  @Override
  public Transfer axfr(SourceSerial preferred, Deadline deadline) {
    long start = System.nanoTime();
    ZoneSnapshot s = read();
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      size = 0;
    }
    return new Transfer(
        s, fileMaster(), 1, size, s.recordCount(), Duration.ofNanos(System.nanoTime() - start));
  }

  /** A zone file has no history: always the whole zone. */
  @Override
  public IxfrOutcome ixfr(SourceSerial current, Serial from, Deadline deadline) {
    return new IxfrOutcome.WholeZone(axfr(current, deadline));
  }

  private Master fileMaster() {
    return new Master("file:" + file.getFileName(), 1);
  }
}
