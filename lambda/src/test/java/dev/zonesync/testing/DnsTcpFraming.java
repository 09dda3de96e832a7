package dev.zonesync.testing;

/**
 * Counts DNS messages in a DNS-over-TCP byte stream (RFC 1035 §4.2.2: each message is preceded by a
 * 2-byte big-endian length). Not thread-safe; one instance per stream direction.
 */
final class DnsTcpFraming {
  private long bytes;
  private long messages;
  private boolean haveHighByte;
  private int highByte;
  private int bodyRemaining;

  /**
   * Consumes bytes from {@code b[off, off+len)}, stopping early once {@code stopAtMessages}
   * complete messages have been seen in total ({@code < 0}: never stop). Returns how many bytes
   * were consumed.
   */
  int consume(byte[] b, int off, int len, long stopAtMessages) {
    int i = 0;
    while (i < len) {
      if (stopAtMessages >= 0 && messages >= stopAtMessages) {
        break;
      }
      if (bodyRemaining > 0) {
        int take = Math.min(bodyRemaining, len - i);
        bodyRemaining -= take;
        i += take;
        if (bodyRemaining == 0) {
          messages++;
        }
      } else {
        int v = b[off + i] & 0xff;
        i++;
        if (!haveHighByte) {
          highByte = v;
          haveHighByte = true;
        } else {
          haveHighByte = false;
          bodyRemaining = (highByte << 8) | v;
          if (bodyRemaining == 0) {
            messages++; // a zero-length message; odd but well-framed
          }
        }
      }
    }
    bytes += i;
    return i;
  }

  /** Bytes consumed so far. */
  long bytes() {
    return bytes;
  }

  /** Complete messages consumed so far. */
  long messages() {
    return messages;
  }

  /** Whether the stream stopped in the middle of a message (or its length prefix). */
  boolean insideMessage() {
    return haveHighByte || bodyRemaining > 0;
  }
}
