package dev.zonesync.source;

import dev.zonesync.model.Master;
import dev.zonesync.testing.SyncHarness;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/**
 * A DNS server on a loopback UDP port whose every answer a test writes: for answers no real server
 * gives on request (an SRV answer without the AA bit, glue for names that are no SRV target, a
 * reply left unsigned). With a key, queries are verified (a failure is answered NOTAUTH, as BIND
 * does) and answers signed unless {@link #sign} says otherwise. Every query is recorded.
 */
final class ScriptedResponder implements AutoCloseable {

  private final DatagramSocket udp;
  private final Function<Message, Message> script;
  private final TSIG key;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Message> queries = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** Which answers are signed (when a key is set): all, unless a test says otherwise. */
  volatile Predicate<Message> sign = q -> true;

  private ScriptedResponder(Function<Message, Message> script, TSIG key) throws IOException {
    this.script = script;
    this.key = key;
    this.udp = new DatagramSocket(new InetSocketAddress(SyncHarness.loopback(), 0));
    executor.execute(this::serve);
  }

  /**
   * @param script the answer to a query (start from {@link #reply}), or null for no answer
   */
  static ScriptedResponder start(Function<Message, Message> script) {
    return start(script, null);
  }

  static ScriptedResponder start(Function<Message, Message> script, TSIG key) {
    try {
      return new ScriptedResponder(script, key);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the scripted responder: " + e, e);
    }
  }

  Master master() {
    return new Master("127.0.0.1", udp.getLocalPort());
  }

  InetSocketAddress address() {
    return new InetSocketAddress(SyncHarness.loopback(), udp.getLocalPort());
  }

  /** The queries received so far, in order. */
  List<Message> queries() {
    return List.copyOf(queries);
  }

  /** The queries so far for this name (case-insensitive), any type. */
  long queriesFor(String name) {
    Name n = Name.fromConstantString(name);
    return queries.stream().filter(q -> q.getQuestion().getName().equals(n)).count();
  }

  /** An empty NOERROR reply to {@code query}, authoritative or not. */
  static Message reply(Message query, boolean authoritative) {
    Message r = new Message(query.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setOpcode(Opcode.QUERY);
    if (authoritative) {
      r.getHeader().setFlag(Flags.AA);
    }
    r.addRecord(query.getQuestion(), Section.QUESTION);
    return r;
  }

  /** A record from master-file text, e.g. {@code "dc1.corp.example. 600 IN A 10.0.0.1"}. */
  static Record record(String text) {
    try {
      String[] f = text.trim().split("\\s+", 5);
      return Record.fromString(
          Name.fromString(f[0]),
          org.xbill.DNS.Type.value(f[3]),
          DClass.IN,
          Long.parseLong(f[1]),
          f[4],
          Name.root);
    } catch (IOException e) {
      throw new IllegalArgumentException(text + ": " + e.getMessage(), e);
    }
  }

  private void serve() {
    byte[] buf = new byte[65535];
    while (!closed) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        byte[] wire = Arrays.copyOf(p.getData(), p.getLength());
        byte[] out = answer(wire);
        if (out != null) {
          udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
        }
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private byte[] answer(byte[] wire) throws IOException {
    Message query = new Message(wire);
    queries.add(query);
    if (key != null && query.getTSIG() != null) {
      int err = key.verify(query, wire, null);
      if (err != Rcode.NOERROR) {
        Message r = reply(query, false);
        r.getHeader().setRcode(Rcode.NOTAUTH);
        key.apply(r, err, query.getTSIG());
        return r.toWire(Message.MAXLENGTH);
      }
    }
    Message r = script.apply(query);
    if (r == null) {
      return null;
    }
    if (key != null && query.getTSIG() != null && sign.test(query)) {
      key.apply(r, query.getTSIG());
    }
    return r.toWire(Message.MAXLENGTH);
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    executor.shutdownNow();
  }
}
