package dev.zonesync.faults;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * Signs the messages of one zone-transfer answer as RFC 8945 section 4.3.3 describes, written out
 * here by hand rather than with dnsjava's generator, so the client's verifier (dnsjava's) is
 * checked against an independent signer. A message may be left unsigned: the next signature then
 * covers it (the "DNS Messages" of the digest are every unsigned message since the last signature,
 * then this one), which is how sparse signers such as NSD before 4.3 sign.
 */
final class StreamSigner {

  private static final Duration FUDGE = Duration.ofSeconds(300);

  private final Mac mac;
  private final Name keyName;
  private final Clock clock;
  private final ByteArrayOutputStream unsigned = new ByteArrayOutputStream();
  private byte[] priorMac;
  private boolean first = true;

  /**
   * @param requestMac the MAC of the signed query this answers
   */
  StreamSigner(byte[] secret, Name keyName, byte[] requestMac, Clock clock) {
    try {
      this.mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    this.keyName = keyName;
    this.priorMac = requestMac;
    this.clock = clock;
  }

  /** The wire form of {@code m}, signed when {@code sign}, else remembered for the next MAC. */
  byte[] wire(Message m, boolean sign) {
    byte[] body = m.toWire(Message.MAXLENGTH);
    if (!sign) {
      unsigned.writeBytes(body);
      return body;
    }
    Instant now = clock.instant();
    mac.update(u16(priorMac.length));
    mac.update(priorMac);
    mac.update(unsigned.toByteArray());
    mac.update(body);
    if (first) {
      // TSIG variables: name, class ANY, TTL 0, algorithm, time signed, fudge, error, other len
      mac.update(keyName.toWireCanonical());
      mac.update(u16(DClass.ANY));
      mac.update(new byte[4]);
      mac.update(TSIG.HMAC_SHA256.toWireCanonical());
      mac.update(timers(now));
      mac.update(u16(Rcode.NOERROR));
      mac.update(u16(0));
    } else {
      // TSIG timers only
      mac.update(timers(now));
    }
    byte[] signature = mac.doFinal();
    priorMac = signature;
    unsigned.reset();
    first = false;
    m.addRecord(
        new TSIGRecord(
            keyName,
            DClass.ANY,
            0,
            TSIG.HMAC_SHA256,
            now,
            FUDGE,
            signature,
            m.getHeader().getID(),
            Rcode.NOERROR,
            null),
        Section.ADDITIONAL);
    return m.toWire(Message.MAXLENGTH);
  }

  private static byte[] timers(Instant t) {
    long s = t.getEpochSecond();
    return new byte[] {
      (byte) (s >>> 40),
      (byte) (s >>> 32),
      (byte) (s >>> 24),
      (byte) (s >>> 16),
      (byte) (s >>> 8),
      (byte) s,
      (byte) (FUDGE.toSeconds() >>> 8),
      (byte) FUDGE.toSeconds()
    };
  }

  private static byte[] u16(int v) {
    return new byte[] {(byte) (v >>> 8), (byte) v};
  }
}
