package dev.zonesync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code metrics} key: per zone and in {@code defaults}, validated by the one parser. */
class MetricsDetailConfigTest {

  private static final String TWO_ZONES =
      """
      version: 1
      DEFAULTS
      zones:
        - name: corp.example.
          hostedZoneId: Z123
          masters: [192.0.2.53]
          tsig: none
          CORP
        - name: lab.example.
          hostedZoneId: Z456
          masters: [192.0.2.53]
          tsig: none
      """;

  private static List<MetricsDetail> parse(String defaults, String corp) {
    String yaml = TWO_ZONES.replace("DEFAULTS", defaults).replace("CORP", corp);
    return ConfigParser.parse(yaml, "t").zones().stream().map(ZoneSettings::metrics).toList();
  }

  @ParameterizedTest(name = "defaults [{0}], corp.example. [{1}] -> {2}, {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                  | ''                     | SUMMARY  | SUMMARY",
        "''                                  | 'metrics: detailed'    | DETAILED | SUMMARY",
        "''                                  | 'metrics: summary'     | SUMMARY  | SUMMARY",
        "''                                  | 'metrics: \" Detailed \"' | DETAILED | SUMMARY",
        "'defaults: {metrics: detailed}'     | ''                     | DETAILED | DETAILED",
        "'defaults: {metrics: detailed}'     | 'metrics: summary'     | SUMMARY  | DETAILED",
        "'defaults: {metrics: summary}'      | 'metrics: DETAILED'    | DETAILED | SUMMARY",
      })
  void parse_metrics_zoneOverridesDefaults(
      String defaults, String corp, MetricsDetail corpMetrics, MetricsDetail labMetrics) {
    assertThat(parse(defaults, corp)).containsExactly(corpMetrics, labMetrics);
  }

  @ParameterizedTest(name = "defaults [{0}], corp.example. [{1}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                              | 'metrics: verbose' | zones[0] (corp.example.).metrics: 'verbose' is not summary or detailed",
        "''                              | 'metrics: true'    | zones[0] (corp.example.).metrics: 'true' is not summary or detailed",
        "''                              | 'metrics: \"\"'     | zones[0] (corp.example.).metrics: '' is not summary or detailed",
        "'defaults: {metrics: per-zone}' | ''                 | defaults.metrics: 'per-zone' is not summary or detailed",
        "''                              | 'metric: detailed' | zones[0].metric: unknown key 'metric'",
      })
  void parse_whenMetricsInvalid_namesTheField(String defaults, String corp, String message) {
    assertThatThrownBy(() -> parse(defaults, corp))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void parse_whenDefaultMetricsInvalid_reportsItOnceNotPerZone() {
    assertThatThrownBy(() -> parse("defaults: {metrics: all}", ""))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .filteredOn(p -> p.contains("metrics"))
                    .containsExactly(
                        "defaults.metrics: 'all' is not summary or detailed (summary: the zone"
                            + " counts in the function-level metrics only; detailed: it also gets"
                            + " per-zone metrics and alarms)"));
  }
}
