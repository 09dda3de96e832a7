package dev.zonesync.source;

import static dev.zonesync.source.ScriptedResponder.record;
import static dev.zonesync.source.ScriptedResponder.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.logging.LogConfig;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.event.Level;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Discovery of AD domain controllers believes only what the asked master says with authority about
 * the domain: an authoritative SRV answer for exactly the queried name, glue only for SRV targets
 * inside the domain, other targets' addresses only from an authoritative answer owned by them. The
 * master is scripted: real servers do not give these answers on request.
 */
@Timeout(30)
class MasterDiscoveryTest {

  private static final DnsName DOMAIN = DnsName.of("corp.example.");
  private static final String SRV = "_ldap._tcp.dc._msdcs.corp.example.";

  private final List<String> warnings = new ArrayList<>();
  private AutoCloseable capture;
  private ScriptedResponder master;

  @BeforeEach
  void captureWarnings() {
    capture =
        LogConfig.captureAll(
            e -> {
              if (e.level() == Level.WARN && e.logger().equals(MasterDiscovery.class.getName())) {
                synchronized (warnings) {
                  warnings.add(e.message());
                }
              }
            });
  }

  @AfterEach
  void stop() throws Exception {
    capture.close();
    if (master != null) {
      master.close();
    }
  }

  /**
   * A master answering the SRV query with {@code answer} and {@code additional} (AA as given) and
   * address queries from {@code addresses} (name → records, authoritative); anything else REFUSED.
   */
  private ScriptedResponder master(
      boolean srvAuthoritative,
      List<String> answer,
      List<String> additional,
      Map<String, List<String>> addresses) {
    master =
        ScriptedResponder.start(
            q -> {
              String name = q.getQuestion().getName().toString();
              int type = q.getQuestion().getType();
              if (name.equals(SRV) && type == Type.SRV) {
                Message r = reply(q, srvAuthoritative);
                answer.forEach(t -> r.addRecord(record(t), Section.ANSWER));
                additional.forEach(t -> r.addRecord(record(t), Section.ADDITIONAL));
                return r;
              }
              if (addresses.containsKey(name) && (type == Type.A || type == Type.AAAA)) {
                Message r = reply(q, true);
                addresses.get(name).stream()
                    .map(ScriptedResponder::record)
                    .filter(rec -> rec.getType() == type)
                    .forEach(rec -> r.addRecord(rec, Section.ANSWER));
                return r;
              }
              Message r = reply(q, false);
              r.getHeader().setRcode(Rcode.REFUSED);
              return r;
            });
    return master;
  }

  private List<Master> discover() {
    return MasterDiscovery.masters(
        DOMAIN,
        List.of(master.master()),
        Duration.ofSeconds(2),
        Deadline.after(Duration.ofSeconds(20)));
  }

  private List<String> warnings() {
    synchronized (warnings) {
      return List.copyOf(warnings);
    }
  }

  private static Master dc(String address) {
    return new Master(address, 53);
  }

  @Test
  void discovery_whenAnswerAuthoritativeWithGlueInTheDomain_triesTheDcsFirstInSrvOrder() {
    master(
        true,
        List.of(
            SRV + " 600 IN SRV 10 100 389 dc3.corp.example.",
            SRV + " 600 IN SRV 0 50 389 dc2.corp.example.",
            SRV + " 600 IN SRV 0 100 389 dc1.corp.example."),
        List.of(
            "dc1.corp.example. 600 IN A 127.0.0.11",
            "dc2.corp.example. 600 IN A 127.0.0.12",
            "dc2.corp.example. 600 IN AAAA ::1"),
        // dc3 has no glue: its address is asked for, and the answer is authoritative
        Map.of("dc3.corp.example.", List.of("dc3.corp.example. 600 IN A 127.0.0.13")));

    assertThat(discover())
        .containsExactly(
            dc("127.0.0.11"),
            dc("127.0.0.12"),
            dc("0:0:0:0:0:0:0:1"),
            dc("127.0.0.13"),
            master.master());
    assertThat(warnings()).isEmpty();
  }

  @Test
  void discovery_whenAnswerNotAuthoritative_keepsStaticMasters() {
    master(
        false,
        List.of(SRV + " 600 IN SRV 0 100 389 dc1.corp.example."),
        List.of("dc1.corp.example. 600 IN A 127.0.0.11"),
        Map.of("dc1.corp.example.", List.of("dc1.corp.example. 600 IN A 127.0.0.11")));

    assertThat(discover()).containsExactly(master.master());
    assertThat(warnings())
        .containsExactly(
            "discovery of "
                + SRV
                + " at "
                + master.master()
                + ": answer ignored: not authoritative (AA not set); the master does not serve the"
                + " _msdcs zone of corp.example. and only passes on what it heard");
    assertThat(master.queriesFor("dc1.corp.example.")).as("no address asked for").isZero();
  }

  @Test
  void discovery_whenTargetOutOfBailiwick_ignoresItsGlueAndAsksForItsAddress() {
    master(
        true,
        List.of(
            SRV + " 600 IN SRV 0 100 389 dc9.elsewhere.example.",
            SRV + " 600 IN SRV 5 100 389 dc1.corp.example."),
        List.of(
            "dc9.elsewhere.example. 600 IN A 192.0.2.66", "dc1.corp.example. 600 IN A 127.0.0.11"),
        Map.of()); // the master is not authoritative for elsewhere.example.: REFUSED

    assertThat(discover()).containsExactly(dc("127.0.0.11"), master.master());
    assertThat(warnings())
        .contains(
            "discovery of "
                + SRV
                + " at "
                + master.master()
                + ": additional dc9.elsewhere.example. A 192.0.2.66 ignored: the"
                + " target is outside corp.example. (out of bailiwick); its address is asked for"
                + " instead");
    assertThat(master.queriesFor("dc9.elsewhere.example.")).as("A, then AAAA").isEqualTo(2);
  }

  @Test
  void discovery_whenTargetOutOfBailiwick_takesItsAddressFromAnAuthoritativeAnswerOnly() {
    master(
        true,
        List.of(SRV + " 600 IN SRV 0 100 389 dc9.elsewhere.example."),
        List.of("dc9.elsewhere.example. 600 IN A 192.0.2.66"),
        Map.of("dc9.elsewhere.example.", List.of("dc9.elsewhere.example. 600 IN A 127.0.0.19")));

    assertThat(discover()).containsExactly(dc("127.0.0.19"), master.master());
  }

  @Test
  void discovery_whenGlueNamesNoSrvTarget_ignoresIt() {
    master(
        true,
        List.of(SRV + " 600 IN SRV 0 100 389 dc1.corp.example."),
        List.of(
            "dc1.corp.example. 600 IN A 127.0.0.11",
            "intruder.corp.example. 600 IN A 192.0.2.99",
            "dc1.corp.example.evil. 600 IN A 192.0.2.98"),
        Map.of());

    assertThat(discover()).containsExactly(dc("127.0.0.11"), master.master());
    assertThat(warnings())
        .containsExactly(
            "discovery of "
                + SRV
                + " at "
                + master.master()
                + ": additional intruder.corp.example. A 192.0.2.99 ignored: it is no"
                + " SRV target",
            "discovery of "
                + SRV
                + " at "
                + master.master()
                + ": additional dc1.corp.example.evil. A 192.0.2.98 ignored: it is no"
                + " SRV target");
  }

  @Test
  void discovery_whenAnswerMixesGoodAndBadRecords_usesOnlyTheGoodOnesInPriorityAndWeightOrder() {
    master(
        true,
        List.of(
            // another owner: an answer to a question not asked
            "_ldap._tcp.evil._msdcs.corp.example. 600 IN SRV 0 100 389 dc8.corp.example.",
            SRV + " 600 IN SRV 20 100 389 dc3.corp.example.",
            // an alias in the answer is not followed, and what it points at is not ours
            SRV + " 600 IN CNAME srv.elsewhere.example.",
            "srv.elsewhere.example. 600 IN SRV 0 100 389 dc7.corp.example.",
            SRV + " 600 IN SRV 0 10 389 dc2.corp.example.",
            SRV + " 600 IN SRV 0 90 389 dc1.corp.example.",
            // out of bailiwick, and not resolvable with authority here
            SRV + " 600 IN SRV 0 100 389 dc9.elsewhere.example."),
        List.of(
            "dc1.corp.example. 600 IN A 127.0.0.11",
            "dc2.corp.example. 600 IN A 127.0.0.12",
            "dc3.corp.example. 600 IN A 127.0.0.13",
            "dc7.corp.example. 600 IN A 192.0.2.77",
            "dc8.corp.example. 600 IN A 192.0.2.88",
            "dc9.elsewhere.example. 600 IN A 192.0.2.99"),
        Map.of());

    assertThat(discover())
        .containsExactly(
            dc("127.0.0.11"), // priority 0, weight 90
            dc("127.0.0.12"), // priority 0, weight 10
            dc("127.0.0.13"), // priority 20
            master.master());
    assertThat(String.join("\n", warnings()))
        .contains(
            "_ldap._tcp.evil._msdcs.corp.example. SRV 0 100 389 dc8.corp.example."
                + " ignored: its owner is not the queried name")
        .contains(
            SRV
                + " CNAME srv.elsewhere.example. ignored: domain controllers"
                + " register their SRV records themselves, never behind an alias")
        .contains(
            "srv.elsewhere.example. SRV 0 100 389 dc7.corp.example. ignored:"
                + " its owner is not the queried name")
        .contains("additional dc7.corp.example. A 192.0.2.77 ignored: it is no SRV target")
        .contains("additional dc8.corp.example. A 192.0.2.88 ignored: it is no SRV target")
        .contains(
            "additional dc9.elsewhere.example. A 192.0.2.99 ignored: the target"
                + " is outside corp.example. (out of bailiwick)")
        .contains("A lookup of SRV target dc9.elsewhere.example.: REFUSED");
  }

  @Test
  void discovery_whenTheSrvAnswerIsOnlyAnAliasChain_keepsStaticMasters() {
    master(
        true,
        List.of(
            SRV + " 600 IN CNAME srv.corp.example.",
            "srv.corp.example. 600 IN SRV 0 100 389 dc1.corp.example."),
        List.of("dc1.corp.example. 600 IN A 127.0.0.11"),
        Map.of());

    assertThat(discover()).containsExactly(master.master());
    assertThat(warnings()).last().asString().endsWith(": no usable SRV records");
  }

  @Test
  void discovery_whenTheAddressAnswerIsNotAuthoritative_ignoresIt() {
    master =
        ScriptedResponder.start(
            q -> {
              String name = q.getQuestion().getName().toString();
              if (name.equals(SRV)) {
                Message r = reply(q, true);
                r.addRecord(
                    record(SRV + " 600 IN SRV 0 100 389 dc1.corp.example."), Section.ANSWER);
                return r;
              }
              Message r = reply(q, false); // a cache's answer
              if (q.getQuestion().getType() == Type.A) {
                r.addRecord(record("dc1.corp.example. 600 IN A 192.0.2.11"), Section.ANSWER);
              }
              return r;
            });

    assertThat(discover()).containsExactly(master.master());
    assertThat(warnings())
        .contains(
            "discovery of "
                + SRV
                + " at "
                + master.master()
                + ": A lookup of SRV target dc1.corp.example. ignored: not authoritative (AA not"
                + " set)");
  }
}
