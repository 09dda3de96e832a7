package dev.zonesync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SerialTest {

  @ParameterizedTest(name = "{0} newer than {1}: {2}")
  @CsvSource({
    "2, 1, true",
    "1, 2, false",
    "1, 4294967295, true",
    "4294967295, 1, false",
    "0, 2147483647, false",
    "2147483647, 0, true",
    "5, 5, false",
    "2147483648, 0, false",
    "0, 2147483648, false"
  })
  void isNewerThan_followsRfc1982(long a, long b, boolean newer) {
    assertThat(Serial.of(a).isNewerThan(Serial.of(b))).isEqualTo(newer);
  }

  @Test
  void plus_wrapsAround() {
    assertThat(Serial.of(4294967295L).plus(1)).isEqualTo(Serial.of(0));
    assertThat(Serial.of(4294967295L).plus(1).isNewerThan(Serial.of(4294967295L))).isTrue();
  }

  @Test
  void constructor_refusesOutOfRange() {
    assertThatThrownBy(() -> Serial.of(-1)).hasMessageContaining("outside");
    assertThatThrownBy(() -> Serial.of(1L << 32)).hasMessageContaining("outside");
    assertThatThrownBy(() -> Serial.of(1).plus(1L << 31)).hasMessageContaining("increment");
  }
}
