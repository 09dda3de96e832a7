package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestPacerTest {

  @Test
  void pacer_allowsTheBurstThenOneRequestPerInterval() {
    AtomicLong clock = new AtomicLong();
    RequestPacer pacer = new RequestPacer(8, 10, clock::get);
    for (int i = 0; i < 10; i++) {
      assertThat(pacer.nextWaitNanos()).as("request %d of the burst", i + 1).isZero();
      pacer.acquire();
    }
    // the 11th waits one interval (1/8 s); after that interval it may go
    assertThat(pacer.nextWaitNanos()).isEqualTo(125_000_000L);
    clock.addAndGet(125_000_000L);
    assertThat(pacer.nextWaitNanos()).isZero();
  }

  @Test
  void pacer_neverSavesMoreThanTheBurst() {
    AtomicLong clock = new AtomicLong();
    RequestPacer pacer = new RequestPacer(8, 10, clock::get);
    clock.addAndGet(3_600_000_000_000L); // an hour idle
    for (int i = 0; i < 10; i++) {
      pacer.acquire();
    }
    // the burst is spent: the next request waits one interval at 8/s (ceil of a double: ±1 ns)
    assertThat(pacer.nextWaitNanos())
        .isCloseTo(125_000_000L, org.assertj.core.api.Assertions.within(1L));
  }
}
