package dev.zonesync.source;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Escaping;
import dev.zonesync.model.InvalidRdataException;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.Soa;
import java.util.Locale;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Converts dnsjava values to model values; the only place that knows both, used by every source
 * (transfers and zone files), so they cannot decode the same data differently.
 */
final class Records {

  static {
    DnsjavaTypes.install();
  }

  private Name lastName;
  private DnsName lastConverted;

  /** Converts an owner name, reusing the previous result (transfers group records by name). */
  DnsName owner(Name name) {
    if (name == lastName || name.equals(lastName)) {
      return lastConverted;
    }
    DnsName converted = name(name);
    lastName = name;
    lastConverted = converted;
    return converted;
  }

  static DnsName name(Name name) {
    byte[] wire = name.toWireCanonical();
    if (wire.length == 1) {
      return DnsName.ROOT;
    }
    // wire: len, bytes..., len, bytes..., 0 — rebuild the canonical text directly
    StringBuilder sb = new StringBuilder(wire.length + 4);
    int i = 0;
    while (wire[i] != 0) {
      int len = wire[i++];
      if (len == 1 && wire[i] == '*') {
        sb.append('*');
      } else {
        for (int k = i; k < i + len; k++) {
          int b = wire[k] & 0xff;
          if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_') {
            sb.append((char) b);
          } else {
            Escaping.DECIMAL.appendEscape(sb, b);
          }
        }
      }
      sb.append('.');
      i += len;
    }
    return new DnsName(sb.toString());
  }

  static RrType type(Record r) {
    return RrType.of(r.getType());
  }

  /**
   * The canonical value of a record's data (see {@link Rdata}). Types Route 53 cannot hold are
   * never parsed: their value is the RFC 3597 generic form of the raw data, for reports only.
   *
   * @throws InvalidRdataException (naming the record) when a Route 53 type's data cannot be
   *     converted
   */
  static String value(Record r) {
    RrType type = type(r);
    if (!type.isRoute53Supported()) {
      byte[] data = r.rdataToWireCanonical();
      return "\\# " + data.length + (data.length == 0 ? "" : " " + Rdata.hex(data));
    }
    try {
      return convert(r, type);
    } catch (InvalidRdataException e) {
      throw new InvalidRdataException(type, describe(r), e.getMessage(), e);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new InvalidRdataException(type, describe(r), String.valueOf(e.getMessage()), e);
    }
  }

  private static String convert(Record r, RrType type) {
    switch (r.getType()) {
      case Type.A:
        return Rdata.ipv4(r.rdataToWireCanonical());
      case Type.AAAA:
        return Rdata.ipv6(r.rdataToWireCanonical());
      case Type.CNAME:
        return name(((CNAMERecord) r).getTarget()).text();
      case Type.NS:
        return name(((NSRecord) r).getTarget()).text();
      case Type.PTR:
        return name(((PTRRecord) r).getTarget()).text();
      case Type.MX:
        MXRecord mx = (MXRecord) r;
        return mx.getPriority() + " " + name(mx.getTarget()).text();
      case Type.SRV:
        SRVRecord srv = (SRVRecord) r;
        return srv.getPriority()
            + " "
            + srv.getWeight()
            + " "
            + srv.getPort()
            + " "
            + name(srv.getTarget()).text();
      case Type.TXT:
        return Rdata.characterStrings(((TXTRecord) r).getStringsAsByteArrays());
      case Type.SPF:
        return Rdata.characterStrings(((SPFRecord) r).getStringsAsByteArrays());
      case Type.SVCB:
      case Type.HTTPS:
        // from the wire: dnsjava's presentation of SvcParams is not RFC 9460's (alpn escapes,
        // IPv4-mapped hints)
        return Rdata.svcbFromWire(type, r.rdataToWireCanonical());
      default:
        return Rdata.canonicalize(type, r.rdataToString(), Escaping.DECIMAL);
    }
  }

  /** Adds one record of a zone's data; data that cannot be converted is reported, not fatal. */
  void addTo(ZoneAssembler zone, Record r) {
    DnsName owner = owner(r.getName());
    RrType type = type(r);
    String value;
    try {
      value = value(r);
    } catch (InvalidRdataException e) {
      zone.unconvertible(owner, type, e.getMessage());
      return;
    }
    zone.add(owner, type, r.getTTL(), value);
  }

  static Soa soa(SOARecord soa) {
    return new Soa(
        name(soa.getHost()), name(soa.getAdmin()), Serial.of(soa.getSerial()), soa.getTTL());
  }

  static boolean isIn(Record r) {
    return r.getDClass() == DClass.IN;
  }

  static String describe(Record r) {
    return r.getName() + " " + Type.string(r.getType()).toUpperCase(Locale.ROOT);
  }
}
