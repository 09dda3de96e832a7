package dev.zonesync.source;

import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.Serial;
import dev.zonesync.model.ZoneSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
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

  /** Reads and verifies the whole file. */
  public ZoneSnapshot read() {
    String context = "zone " + zone + " from file " + file;
    Name origin = Name.fromConstantString(zone.text());
    ZoneAssembler zoneData = new ZoneAssembler(zone, context);
    Records convert = new Records();
    try (org.xbill.DNS.Master parser = new org.xbill.DNS.Master(file.toString(), origin)) {
      Record r;
      while ((r = parser.nextRecord()) != null) {
        if (r instanceof SOARecord soa && r.getName().equals(origin)) {
          zoneData.soa(Records.soa(soa));
          continue;
        }
        zoneData.add(convert.owner(r.getName()), Records.type(r), r.getTTL(), Records.value(r));
      }
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
