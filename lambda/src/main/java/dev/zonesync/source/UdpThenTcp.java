package dev.zonesync.source;

import java.io.IOException;
import java.util.function.Supplier;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;

/**
 * A query to a master over UDP, asked again over TCP when the UDP answer is REFUSED. Knot DNS
 * answers queries for a catalog zone it generates only over TCP (with the transfer key) and refuses
 * them over UDP, so a catalog's SOA, and the RRsets an incremental transfer of it touched, need
 * TCP; every other zone keeps its one UDP datagram. A master that refuses over TCP too answers
 * REFUSED again, and that is the answer.
 */
final class UdpThenTcp {

  private UdpThenTcp() {}

  /**
   * Sends a fresh {@code query} (a message is signed as it is sent, so each attempt gets its own);
   * after a REFUSED over UDP the resolver stays on TCP, for the queries that follow on it.
   */
  static Message send(SimpleResolver resolver, Supplier<Message> query) throws IOException {
    Message response = resolver.send(query.get());
    if (response.getRcode() != Rcode.REFUSED || resolver.getTCP()) {
      return response;
    }
    resolver.setTCP(true);
    return resolver.send(query.get());
  }
}
