package dev.zonesync.source;

import static dev.zonesync.source.ScriptedResponder.record;
import static dev.zonesync.source.ScriptedResponder.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.RRsetKey;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.TransferException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * The wildcard probe is a query like the others: its answer must be TSIG-verified and
 * authoritative, or the whole query set fails. A scripted master signs everything but the probe's
 * answer (or leaves AA off it): what a middlebox answering for the master would do.
 */
@Timeout(30)
class WildcardProbeTest {

  private static final String SECRET = "c2VjcmV0LW9mLTMyLWJ5dGVzLWZvci10aGUtdGVzdHMh";
  private static final RRsetKey HOST =
      new RRsetKey(DnsName.of("host.wild.corp.example."), RrType.A);

  private ScriptedResponder master;

  @AfterEach
  void stop() {
    if (master != null) {
      master.close();
    }
  }

  private static TSIG key() {
    return new TSIG("hmac-sha256", "zonesync-transfer.", SECRET);
  }

  private static boolean isProbe(Message q) {
    return q.getQuestion().getName().getLabelString(0).startsWith("zonesync-probe-");
  }

  /** Answers the zone's SOA, host.wild A (as a wildcard would) and the probe (NXDOMAIN). */
  private ScriptedResponder master(boolean probeAuthoritative) {
    master =
        ScriptedResponder.start(
            q -> {
              if (isProbe(q)) {
                Message r = reply(q, probeAuthoritative);
                r.getHeader().setRcode(Rcode.NXDOMAIN);
                return r;
              }
              Message r = reply(q, true);
              if (q.getQuestion().getType() == Type.SOA) {
                r.addRecord(
                    record(
                        "corp.example. 300 IN SOA ns1.corp.example. h.corp.example. 101 1 1 1 1"),
                    Section.ANSWER);
              } else {
                r.addRecord(record("host.wild.corp.example. 300 IN A 192.0.2.50"), Section.ANSWER);
              }
              return r;
            },
            key());
    return master;
  }

  private Object query(Set<RRsetKey> mayBeGone) {
    SourceSerial at =
        new SourceSerial(Serial.of(101), DnsName.of("ns1.corp.example."), master.master());
    return new RRsetQuery(DnsName.of("corp.example."), key(), Duration.ofSeconds(2))
        .query(
            at, master.address(), Set.of(HOST), mayBeGone, Deadline.after(Duration.ofSeconds(10)));
  }

  @Test
  void probe_whenItsAnswerIsNotSigned_failsTheQuerySet() {
    master(true).sign = q -> !isProbe(q);

    assertThatThrownBy(() -> query(Set.of(HOST)))
        .isInstanceOf(TransferVerificationException.class)
        .hasMessageStartingWith(
            "zone corp.example., master "
                + master.master()
                + ": the wildcard probe zonesync-probe-")
        .hasMessageEndingWith(
            ".host.wild.corp.example. for host.wild.corp.example. A is not signed with a valid TSIG"
                + " signature (wrong secret, or a middlebox answered)");
    assertThat(master.queries()).filteredOn(WildcardProbeTest::isProbe).hasSize(1);
  }

  @Test
  void probe_whenItsAnswerIsNotAuthoritative_failsTheQuerySet() {
    master(false);

    assertThatThrownBy(() -> query(Set.of(HOST)))
        .isInstanceOf(TransferException.class)
        .hasMessageEndingWith(
            ".host.wild.corp.example. for host.wild.corp.example. A is not authoritative");
  }

  @Test
  void probe_whenSignedAndNxdomain_keepsTheAnswer() {
    master(true);

    assertThat(query(Set.of(HOST)))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsOnlyKeys(HOST);
    assertThat(master.queries()).filteredOn(WildcardProbeTest::isProbe).hasSize(1);
  }
}
