package dev.zonesync.faults;

import dev.zonesync.testing.SyncHarness;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

/**
 * A DNS master whose answers a test scripts, on one loopback port over UDP (SOA queries) and TCP
 * (AXFR and IXFR): for what a real BIND will not serve — a zone without NS, names outside the zone,
 * a closing SOA that differs, an unsigned message inside a signed stream, a master whose clock is
 * off (TSIG BADTIME), a bare NOTAUTH.
 *
 * <p>TSIG is real: with a key, every query's signature is verified on the master's own clock
 * (dnsjava's {@link TSIG#verify}) and a failure is answered as BIND answers it — NOTAUTH with the
 * TSIG error (BADKEY, BADSIG, BADTIME); responses are signed, transfers message by message.
 * Transfers (IXFR answered AXFR-style, as RFC 1995 allows) stream {@link #transfer} one list per
 * message.
 */
final class ScriptedMaster implements AutoCloseable {

  private final Name zone;
  private final TSIG key; // null: neither verifies nor signs
  private final byte[] secret;
  private final Name keyName;
  private final Clock clock;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger soaQueries = new AtomicInteger();
  private final AtomicInteger transfers = new AtomicInteger();
  private final AtomicInteger ixfrs = new AtomicInteger();
  private volatile boolean closed;

  /** The apex SOA the master answers SOA queries with. */
  volatile SOARecord soa;

  /** The records of a transfer, one list per message (IXFR too, unless {@link #ixfr} is set). */
  volatile List<List<Record>> transfer = List.of();

  /** The answer to IXFR queries, one list per message; null: {@link #transfer}. */
  volatile List<List<Record>> ixfr;

  /** Rcode of every SOA answer / transfer answer (NOERROR: the scripted data). */
  volatile int soaRcode = Rcode.NOERROR;

  volatile int transferRcode = Rcode.NOERROR;

  /** Rcode of IXFR answers only (AXFR keeps {@link #transferRcode}). */
  volatile int ixfrRcode = Rcode.NOERROR;

  /** Sign responses (when a key is configured). */
  volatile boolean signResponses = true;

  /** Sign only the first message of a transfer: a middlebox that strips TSIG from the rest. */
  volatile boolean signOnlyFirstMessage;

  /**
   * Sign message 1, 1 + N, 1 + 2N, … of a transfer (and the last, unless {@link #signLastMessage}
   * is off): a sparse signer as RFC 8945 section 5.3.1 allows, N - 1 unsigned messages between
   * signatures.
   */
  volatile int signEvery = 1;

  volatile boolean signLastMessage = true;

  volatile boolean signFirstMessage = true;

  /** 0-based index of a transfer message whose MAC is corrupted after signing, or -1. */
  volatile int corruptSignatureOf = -1;

  /** Close the TCP connection right after a transfer's messages (mid-stream if they end early). */
  volatile boolean closeAfterAnswer;

  private ScriptedMaster(Name zone, TSIG key, byte[] secret, Name keyName, Clock clock)
      throws IOException {
    this.zone = zone;
    this.keyName = keyName;
    this.key = key;
    this.secret = secret;
    this.clock = clock;
    int port = SyncHarness.freePort();
    this.tcp = new ServerSocket();
    tcp.bind(new InetSocketAddress(SyncHarness.loopback(), port), 50);
    this.udp = new DatagramSocket(new InetSocketAddress(SyncHarness.loopback(), port));
    executor.execute(this::serveUdp);
    executor.execute(this::acceptTcp);
  }

  /**
   * @param base64Secret the master's copy of the key (hmac-sha256), or null for no TSIG
   * @param clockSkew how far the master's clock is off (TSIG checks signing time against it)
   */
  static ScriptedMaster start(
      String zone, String keyName, String base64Secret, Duration clockSkew) {
    try {
      TSIG key = null;
      byte[] secret = null;
      Clock clock = Clock.offset(Clock.systemUTC(), clockSkew);
      if (base64Secret != null) {
        secret = Base64.getDecoder().decode(base64Secret);
        key =
            new TSIG(
                TSIG.HMAC_SHA256,
                Name.fromString(keyName),
                new SecretKeySpec(secret, "HmacSHA256"),
                clock);
      }
      return new ScriptedMaster(
          Name.fromString(zone),
          key,
          secret,
          keyName == null ? null : Name.fromString(keyName),
          clock);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the scripted master: " + e, e);
    }
  }

  String hostPort() {
    return "127.0.0.1:" + tcp.getLocalPort();
  }

  int soaQueries() {
    return soaQueries.get();
  }

  int transfers() {
    return transfers.get();
  }

  /** How many of {@link #transfers} were IXFR queries. */
  int ixfrs() {
    return ixfrs.get();
  }

  // ------------------------------------------------------------------------------------------

  private void serveUdp() {
    byte[] buf = new byte[65535];
    while (!closed) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        byte[] wire = java.util.Arrays.copyOf(p.getData(), p.getLength());
        for (byte[] out : answer(wire)) {
          udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
        }
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void acceptTcp() {
    while (!closed) {
      try {
        Socket s = tcp.accept();
        executor.execute(() -> serveTcp(s));
      } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serveTcp(Socket s) {
    try (s) {
      s.setSoTimeout(30_000);
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (!closed) {
        int len;
        try {
          len = in.readUnsignedShort();
        } catch (EOFException e) {
          return;
        }
        byte[] wire = new byte[len];
        in.readFully(wire);
        for (byte[] m : answer(wire)) {
          out.write(new byte[] {(byte) (m.length >>> 8), (byte) m.length});
          out.write(m);
        }
        out.flush();
        if (closeAfterAnswer) {
          return;
        }
      }
    } catch (SocketException e) {
      // client went away
    } catch (IOException | RuntimeException e) {
      // malformed query or closed
    }
  }

  /** The wire messages answering one query. */
  private List<byte[]> answer(byte[] wire) throws IOException {
    Message query = new Message(wire);
    Record question = query.getQuestion();
    TSIGRecord queryTsig = query.getTSIG();
    if (key != null && queryTsig != null) {
      int err = key.verify(query, wire, null);
      if (err != Rcode.NOERROR) {
        // as BIND: NOTAUTH, the TSIG error in the TSIG record (BADTIME answers carry our time)
        Message r = response(query);
        r.getHeader().setRcode(Rcode.NOTAUTH);
        key.apply(r, err, queryTsig);
        return List.of(r.toWire(Message.MAXLENGTH));
      }
    }
    boolean sign = key != null && queryTsig != null && signResponses;
    if (question == null || !question.getName().equals(zone)) {
      Message r = response(query);
      r.getHeader().setRcode(Rcode.REFUSED);
      if (sign) {
        key.apply(r, queryTsig);
      }
      return List.of(r.toWire(Message.MAXLENGTH));
    }
    int type = question.getType();
    if (type == Type.AXFR || type == Type.IXFR) {
      transfers.incrementAndGet();
      boolean isIxfr = type == Type.IXFR;
      if (isIxfr) {
        ixfrs.incrementAndGet();
      }
      int rcode = isIxfr && ixfrRcode != Rcode.NOERROR ? ixfrRcode : transferRcode;
      if (rcode != Rcode.NOERROR) {
        Message r = response(query);
        r.getHeader().setRcode(rcode);
        if (sign) {
          key.apply(r, queryTsig);
        }
        return List.of(r.toWire(Message.MAXLENGTH));
      }
      List<List<Record>> messages = isIxfr && ixfr != null ? ixfr : transfer;
      List<byte[]> out = new ArrayList<>();
      StreamSigner signer =
          sign ? new StreamSigner(secret, keyName, queryTsig.getSignature(), clock) : null;
      int every = signOnlyFirstMessage ? Integer.MAX_VALUE : Math.max(1, signEvery);
      boolean last = signLastMessage && !signOnlyFirstMessage;
      for (int i = 0; i < messages.size(); i++) {
        Message m = response(query);
        m.getHeader().setFlag(Flags.AA);
        for (Record r : messages.get(i)) {
          m.addRecord(r, Section.ANSWER);
        }
        if (signer == null) {
          out.add(m.toWire(Message.MAXLENGTH));
        } else {
          boolean signThis =
              (i % every == 0 && (i > 0 || signFirstMessage)) || (last && i == messages.size() - 1);
          byte[] w = signer.wire(m, signThis);
          if (signThis && i == corruptSignatureOf) {
            w[w.length - 7] ^= 1; // the MAC's last byte (then original ID, error, other length)
          }
          out.add(w);
        }
      }
      return out;
    }
    soaQueries.incrementAndGet();
    Message r = response(query);
    r.getHeader().setRcode(soaRcode);
    if (soaRcode == Rcode.NOERROR) {
      r.getHeader().setFlag(Flags.AA);
      if (type == Type.SOA && soa != null) {
        r.addRecord(soa, Section.ANSWER);
      }
    }
    if (sign) {
      key.apply(r, queryTsig);
    }
    return List.of(r.toWire(512));
  }

  private static Message response(Message query) {
    Message r = new Message(query.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setOpcode(Opcode.QUERY);
    if (query.getQuestion() != null) {
      r.addRecord(query.getQuestion(), Section.QUESTION);
    }
    return r;
  }

  // ------------------------------------------------------------------------------------------
  // record helpers

  static SOARecord soa(String zone, long serial) {
    return soa(zone, "ns1." + zone, serial, 300);
  }

  static SOARecord soa(String zone, String mname, long serial, long minimum) {
    try {
      Name z = Name.fromString(zone);
      return new SOARecord(
          z,
          DClass.IN,
          3600,
          Name.fromString(mname),
          Name.fromString("hostmaster." + zone),
          serial,
          3600,
          600,
          1209600,
          minimum);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A record from master-file text, e.g. {@code "www.corp.example. 300 IN A 192.0.2.1"}. */
  static Record record(String text) {
    try {
      String[] f = text.trim().split("\\s+", 5);
      Name name = Name.fromString(f[0]);
      long ttl = Long.parseLong(f[1]);
      int type = Type.value(f[3]);
      return Record.fromString(name, type, DClass.IN, ttl, f[4], Name.root);
    } catch (IOException e) {
      throw new IllegalArgumentException(text + ": " + e.getMessage(), e);
    }
  }

  /** The records of master-file text (with {@code $ORIGIN}), in file order. */
  static List<Record> parseZone(String zoneText, String origin) {
    List<Record> out = new ArrayList<>();
    try (org.xbill.DNS.Master m =
        new org.xbill.DNS.Master(
            new java.io.ByteArrayInputStream(
                zoneText.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            Name.fromString(origin))) {
      Record r;
      while ((r = m.nextRecord()) != null) {
        out.add(r);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("bad zone text: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * An AXFR-shaped stream of a whole zone: its SOA, every other record, the SOA again, in messages
   * of {@code perMessage} records.
   */
  static List<List<Record>> axfrStream(List<Record> zone, int perMessage) {
    SOARecord soa = null;
    List<Record> body = new ArrayList<>();
    for (Record r : zone) {
      if (r instanceof SOARecord s && soa == null) {
        soa = s;
      } else {
        body.add(r);
      }
    }
    List<Record> all = new ArrayList<>();
    all.add(soa);
    all.addAll(body);
    all.add(soa);
    List<List<Record>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += perMessage) {
      out.add(List.copyOf(all.subList(i, Math.min(all.size(), i + perMessage))));
    }
    return out;
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException ignored) {
      // closing
    }
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "ScriptedMaster[" + hostPort() + " " + zone + "]";
  }
}
