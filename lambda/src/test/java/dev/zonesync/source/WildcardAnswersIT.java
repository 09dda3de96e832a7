package dev.zonesync.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.config.SourceLimits;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import dev.zonesync.model.TsigKey;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.testing.NamedServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * {@code ZoneSource.rrsets} against a real named serving wildcards: a name that was deleted but is
 * covered by a wildcard gets a synthesised answer (RFC 4592), which must be reported absent when
 * the caller says the name may be gone, and only then; real names, even ones holding the wildcard's
 * own data, keep their answers. The probe queries are counted in named's query log.
 */
@Timeout(60)
class WildcardAnswersIT {

  private static final String ZONE = "corp.example.";
  private static final String KEY = "zonesync-transfer.";

  private static final String ZONE_TEXT =
      """
      $ORIGIN corp.example.
      $TTL 300
      @          IN SOA ns1 hostmaster 100 3600 600 1209600 300
      @          IN NS  ns1
      ns1        IN A   192.0.2.53
      www        IN A   192.0.2.10
      www        IN A   192.0.2.11
      *.wild     IN A   192.0.2.50
      *.wild     IN A   192.0.2.51
      host.wild  IN A   192.0.2.60
      same.wild  IN A   192.0.2.50
      same.wild  IN A   192.0.2.51
      dup        IN A   192.0.2.70
      *.dup      IN A   192.0.2.70
      """;

  private NamedServer named;
  private DnsZoneSource source;
  private SourceSerial at;

  @BeforeEach
  void start() {
    String secret = NamedServer.generateTsigSecret();
    named =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", secret)
            .zoneText(ZONE, ZONE_TEXT)
            .extraOptions("querylog yes;")
            .start();
    // host.wild existed explicitly; now only *.wild answers for it
    named.nsupdate("update delete host.wild.corp.example. A\nsend\n");
    source =
        new DnsZoneSource(
            DnsName.of(ZONE),
            List.of(Master.parse(named.hostPort())),
            TsigKey.fromBase64(DnsName.of(KEY), "hmac-sha256", secret),
            new SourceLimits(Duration.ofSeconds(3), Duration.ofSeconds(10), 100_000, 1 << 24));
    at = source.serial(Deadline.after(Duration.ofSeconds(10)));
    assertThat(at.serial().value()).as("the update bumped the serial").isEqualTo(101);
  }

  @AfterEach
  void stop() {
    named.close();
  }

  private static RRsetKey a(String name) {
    return new RRsetKey(DnsName.of(name), RrType.A);
  }

  private Map<RRsetKey, RRset> rrsets(Set<RRsetKey> keys, Set<RRsetKey> mayBeGone) {
    return source.rrsets(at, keys, mayBeGone, Deadline.after(Duration.ofSeconds(20)));
  }

  /** What named answers for an A query at {@code name}, unsigned: rcode, AA, the addresses. */
  private String plainAnswer(String name) throws Exception {
    Name qname = Name.fromString(name);
    Message m = named.resolver().send(Message.newQuery(Record.newRecord(qname, Type.A, DClass.IN)));
    List<String> addresses =
        m.getSection(Section.ANSWER).stream()
            .filter(r -> r instanceof ARecord && r.getName().equals(qname))
            .map(r -> ((ARecord) r).getAddress().getHostAddress() + "/" + r.getTTL())
            .sorted()
            .toList();
    return Rcode.string(m.getRcode())
        + (m.getHeader().getFlag(Flags.AA) ? " aa " : " ")
        + addresses;
  }

  /** Probe queries named logged so far, waiting up to 2 s for {@code expected} to show up. */
  private long probesLogged(long expected) throws InterruptedException {
    long deadline = System.nanoTime() + 2_000_000_000L;
    long n;
    while ((n = countProbes()) < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(200); // and nothing more arrives
    return countProbes();
  }

  private long countProbes() {
    return named.log().lines().filter(l -> l.contains("query: zonesync-probe-")).count();
  }

  @Test
  void rrsets_whenAMayBeGoneNameIsCoveredByAWildcard_reportsItAbsent() throws Exception {
    // the master's answer looks like a real RRset: owner the name, AA, the wildcard's data
    assertThat(plainAnswer("host.wild.corp.example."))
        .isEqualTo("NOERROR aa [192.0.2.50/300, 192.0.2.51/300]");

    Map<RRsetKey, RRset> r =
        rrsets(Set.of(a("host.wild.corp.example.")), Set.of(a("host.wild.corp.example.")));

    assertThat(r).isEmpty();
  }

  @Test
  void rrsets_whenAKeyIsNotInMayBeGone_returnsTheSynthesisedAnswerAsItIs() throws Exception {
    Map<RRsetKey, RRset> r = rrsets(Set.of(a("host.wild.corp.example.")), Set.of());

    assertThat(r)
        .containsExactly(
            Map.entry(
                a("host.wild.corp.example."),
                RRset.of(
                    DnsName.of("host.wild.corp.example."),
                    RrType.A,
                    300,
                    List.of("192.0.2.50", "192.0.2.51"))));
    assertThat(probesLogged(0)).isZero();
  }

  @Test
  void rrsets_whenAMayBeGoneNameExistsWithTheWildcardsOwnData_returnsIt() {
    Set<RRsetKey> keys =
        Set.of(a("same.wild.corp.example."), a("www.corp.example."), a("*.wild.corp.example."));

    Map<RRsetKey, RRset> r = rrsets(keys, keys);

    assertThat(r)
        .containsOnly(
            Map.entry(
                a("same.wild.corp.example."),
                RRset.of(
                    DnsName.of("same.wild.corp.example."),
                    RrType.A,
                    300,
                    List.of("192.0.2.50", "192.0.2.51"))),
            Map.entry(
                a("www.corp.example."),
                RRset.of(
                    DnsName.of("www.corp.example."),
                    RrType.A,
                    300,
                    List.of("192.0.2.10", "192.0.2.11"))),
            Map.entry(
                a("*.wild.corp.example."),
                RRset.of(
                    DnsName.of("*.wild.corp.example."),
                    RrType.A,
                    300,
                    List.of("192.0.2.50", "192.0.2.51"))));
  }

  @Test
  void rrsets_probeOncePerNonEmptyMayBeGoneAnswer() throws Exception {
    Set<RRsetKey> keys =
        Set.of(
            a("host.wild.corp.example."), // synthesised: probed
            a("same.wild.corp.example."), // real: probed
            a("www.corp.example."), // real: probed
            a("gone.corp.example."), // NXDOMAIN: nothing to probe
            a("ns1.corp.example."), // real, not in mayBeGone: not probed
            a("other.wild.corp.example.")); // synthesised, not in mayBeGone: not probed
    Set<RRsetKey> mayBeGone =
        Set.of(
            a("host.wild.corp.example."),
            a("same.wild.corp.example."),
            a("www.corp.example."),
            a("gone.corp.example."));

    Map<RRsetKey, RRset> r = rrsets(keys, mayBeGone);

    assertThat(r.keySet())
        .containsExactlyInAnyOrder(
            a("same.wild.corp.example."),
            a("www.corp.example."),
            a("ns1.corp.example."),
            a("other.wild.corp.example."));
    assertThat(probesLogged(3)).isEqualTo(3);
  }

  @Test
  void
      rrsets_whenANameHoldsWhatItsOwnWildcardChildSynthesises_isReportedAbsent_theKnownFalseCase() {
    // dup A 192.0.2.70 and *.dup A 192.0.2.70: the probe below dup is answered from *.dup with
    // the same TTL and value, as a synthesised answer would be (documented on RRsetQuery)
    Map<RRsetKey, RRset> r = rrsets(Set.of(a("dup.corp.example.")), Set.of(a("dup.corp.example.")));

    assertThat(r).isEmpty();
    assertThat(rrsets(Set.of(a("dup.corp.example.")), Set.of())).hasSize(1);
  }
}
