package dev.zonesync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DnsTcpFramingTest {

  /** Three messages of 3, 300 and 0 bytes. */
  private static byte[] stream() {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    for (int len : new int[] {3, 300, 0}) {
      s.write(len >> 8);
      s.write(len & 0xff);
      for (int i = 0; i < len; i++) {
        s.write(i);
      }
    }
    return s.toByteArray();
  }

  @Test
  void countsMessagesAcrossArbitraryChunks() {
    byte[] b = stream();
    for (int chunk = 1; chunk <= b.length; chunk++) {
      DnsTcpFraming f = new DnsTcpFraming();
      for (int off = 0; off < b.length; off += chunk) {
        int len = Math.min(chunk, b.length - off);
        assertThat(f.consume(b, off, len, -1)).isEqualTo(len);
      }
      assertThat(f.messages()).as("chunk %d", chunk).isEqualTo(3);
      assertThat(f.bytes()).isEqualTo(b.length);
      assertThat(f.insideMessage()).isFalse();
    }
  }

  @Test
  void stopsExactlyAtTheEndOfTheNthMessage() {
    byte[] b = stream();
    DnsTcpFraming f = new DnsTcpFraming();
    assertThat(f.consume(b, 0, b.length, 1)).isEqualTo(5);
    assertThat(f.messages()).isEqualTo(1);
    DnsTcpFraming g = new DnsTcpFraming();
    assertThat(g.consume(b, 0, b.length, 2)).isEqualTo(5 + 302);
    DnsTcpFraming h = new DnsTcpFraming();
    assertThat(h.consume(b, 0, b.length, 0)).isEqualTo(0);
  }

  @Test
  void knowsWhenCutInsideAMessage() {
    byte[] b = stream();
    DnsTcpFraming f = new DnsTcpFraming();
    f.consume(b, 0, 100, -1);
    assertThat(f.messages()).isEqualTo(1);
    assertThat(f.insideMessage()).isTrue();
  }
}
