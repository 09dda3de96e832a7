package dev.zonesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A request's zones run in configuration order, whatever order the request names them in. */
class SettingsSelectTest {

  private static final Settings SETTINGS =
      ConfigParser.parse(
          """
          version: 1
          zones:
            - {name: a.example., hostedZoneId: Z1, masters: [192.0.2.1], tsig: none}
            - {name: b.example., hostedZoneId: Z2, masters: [192.0.2.1], tsig: none}
            - {name: c.example., hostedZoneId: Z3, masters: [192.0.2.1], tsig: none}
          """,
          "test");

  @Test
  void select_whenTheRequestNamesZonesOutOfOrder_returnsThemInConfigurationOrder() {
    assertThat(SETTINGS.select(List.of("c.example", "A.EXAMPLE.", "b.example.")))
        .extracting(z -> z.name().text())
        .containsExactly("a.example.", "b.example.", "c.example.");
  }

  @Test
  void select_whenAZoneIsNamedTwice_returnsItOnce() {
    assertThat(SETTINGS.select(List.of("c.example.", "c.example")))
        .extracting(z -> z.name().text())
        .containsExactly("c.example.");
  }
}
