package dev.zonesync.plan;

import static dev.zonesync.plan.Fixtures.hosted;
import static dev.zonesync.plan.Fixtures.n;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRsetDelta;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The drift decision as a table: what Route 53 holds for one RRset (values and TTL; "-" for no
 * RRset), what the master's difference deletes and adds (values separated by spaces, with their
 * TTL), and whether that is drift. RFC 1995's set semantics: adding a held value or deleting an
 * absent one is a no-op; drift is a result that may differ from the master's.
 */
class DeltaDriftTest {

  private static final RRsetKey WWW = new RRsetKey(n("www"), RrType.A);

  @ParameterizedTest(name = "[{index}] {5}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Route 53      | TTL | deletes (TTL 300) | adds (TTL 300) | drift? | case
        "1 2             | 300 |                   | 3              | false  | strict: a new value",
        "1 2             | 300 | 1                 | 3              | false  | strict: a replaced value",
        "1               | 300 | 1                 |                | false  | strict: the last value deleted",
        "-               |   0 |                   | 1              | false  | strict: a new RRset",
        "1 2             | 300 |                   | 1 2            | false  | re-adds what Route 53 holds (NSD 4.6 create-ixfr)",
        "1 2             | 300 |                   | 2 3            | false  | re-adds one held value, adds another",
        "2               | 300 | 1                 | 2              | false  | deletes an absent value, re-adds the only held one",
        "-               |   0 | 1                 | 2              | false  | deletes from an RRset Route 53 lacks, adds the whole new one",
        "-               |   0 | 1                 |                | false  | deletes the last value of an RRset Route 53 already lacks",
        "7               | 300 | 1                 |                | true   | deletes an absent value, Route 53's other value survives unmentioned",
        "7               | 300 | 1                 | 2              | true   | deletes an absent value; the new RRset would keep 7",
        "1 7             | 300 | 1                 | 2              | false  | strict: 7 was the master's too",
        "1 2             |  60 | 1                 |                | true   | deletes with another TTL; 2 survives with Route 53's TTL",
        "1               |  60 | 1                 | 1              | false  | TTL change: every value re-added, TTL from the delta",
        "1               |  60 | 1                 |                | false  | deletes the only value with another TTL: nothing is left",
      })
  void check_decidesDriftByTheResultNotByTheNoOps(
      String route53, long ttl, String deletes, String adds, boolean drift, String what) {
    HostedRRset h = "-".equals(route53.trim()) ? null : hosted("www", "A", ttl, ips(route53));
    RRsetDelta.Builder b = new RRsetDelta.Builder();
    for (String v : ips(deletes)) {
      b.delete(v, 300);
    }
    for (String v : ips(adds)) {
      b.add(v, 300);
    }

    String reason = DeltaDrift.check(WWW, b.build(), h, TtlPolicy.NONE);

    assertThat(reason != null).as("%s: %s", what, reason).isEqualTo(drift);
    if (drift) {
      assertThat(reason).contains("www.corp.example.").contains("may differ from the master's");
    }
  }

  private static String[] ips(String list) {
    if (list == null || list.isBlank()) {
      return new String[0];
    }
    return Arrays.stream(list.trim().split("\\s+")).map(s -> "192.0.2." + s).toArray(String[]::new);
  }
}
