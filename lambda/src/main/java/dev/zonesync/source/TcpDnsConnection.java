package dev.zonesync.source;

import dev.zonesync.model.Deadline;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * DNS over TCP framing (2-byte length prefix) with every wait capped by a deadline, so a stalled or
 * slow-dripping master can never hold a run past its budget.
 */
final class TcpDnsConnection implements Closeable {

  private final Socket socket = new Socket();
  private final Deadline deadline;
  private DataInputStream in;
  private OutputStream out;
  private long bytesRead;

  TcpDnsConnection(Deadline deadline) {
    this.deadline = deadline;
  }

  void connect(InetSocketAddress address) throws IOException {
    int timeout = millis(deadline.remaining());
    socket.setTcpNoDelay(true);
    socket.connect(address, timeout);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  void send(byte[] message) throws IOException {
    byte[] framed = new byte[message.length + 2];
    framed[0] = (byte) (message.length >>> 8);
    framed[1] = (byte) message.length;
    System.arraycopy(message, 0, framed, 2, message.length);
    socket.setSoTimeout(millis(deadline.remaining()));
    out.write(framed);
    out.flush();
  }

  /** Reads one message; throws {@link SocketTimeoutException} when the deadline passes. */
  byte[] receive() throws IOException {
    int hi = read();
    int lo = read();
    int len = (hi << 8) | lo;
    byte[] buf = new byte[len];
    int off = 0;
    while (off < len) {
      setTimeout();
      int n = in.read(buf, off, len - off);
      if (n < 0) {
        throw new EOFException("connection closed in the middle of a message");
      }
      off += n;
    }
    bytesRead += len + 2;
    return buf;
  }

  long bytesRead() {
    return bytesRead;
  }

  private int read() throws IOException {
    setTimeout();
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed by the master");
    }
    return b;
  }

  private void setTimeout() throws IOException {
    Duration left = deadline.remaining();
    if (left.isZero()) {
      throw new SocketTimeoutException("deadline reached");
    }
    socket.setSoTimeout(millis(left));
  }

  private static int millis(Duration d) {
    long ms = Math.max(1, d.toMillis());
    return (int) Math.min(Integer.MAX_VALUE, ms);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
