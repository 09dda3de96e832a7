package dev.zonesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zonesync.app.DnsSourceFactory;
import dev.zonesync.app.Engines;
import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.LocalSecretResolver;
import dev.zonesync.config.Route53Settings;
import dev.zonesync.config.Settings;
import dev.zonesync.config.SourceLimits;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import dev.zonesync.model.RrType;
import dev.zonesync.route53.Route53Clients;
import dev.zonesync.source.DnsZoneSource;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.Route53Proxy;
import dev.zonesync.testing.Route53TextReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Active Directory shaped set-ups against real named servers and moto: two source zones feeding one
 * hosted zone, WINS records, domain controllers with their own serials, and master discovery from
 * the domain's SRV records.
 */
class MultiSourceAndWindowsIT {

  private static MotoServer moto;
  private static Route53Proxy proxy;
  private static Route53Client route53;

  /** A zone as an AD domain controller serves it: the DC names itself in the SOA. */
  private static String corpZone(String dc, long serial, String extra) {
    return """
        $ORIGIN corp.example.
        $TTL 3600
        @ IN SOA %1$s.corp.example. hostmaster.corp.example. %2$d 900 600 86400 3600
        @ IN NS %1$s.corp.example.
        @ IN A 10.0.0.10
        dc1 IN A 10.0.0.11
        dc2 IN A 10.0.0.12
        fileserver IN A 10.0.0.20
        ; WINS lookup (type 65281), as Windows DNS writes it into zone transfers
        @ IN TYPE65281 \\# 16 00000000 00000384 00000001 0a00000b
        ; the delegation of the _msdcs zone, as AD creates it
        _msdcs IN NS dc1.corp.example.
        %3$s
        """
        .formatted(dc, serial, extra);
  }

  private static String msdcsZone(long serial) {
    return """
        $ORIGIN _msdcs.corp.example.
        $TTL 600
        @ IN SOA dc1.corp.example. hostmaster.corp.example. %d 900 600 86400 600
        @ IN NS dc1.corp.example.
        _ldap._tcp.dc IN SRV 0 100 389 dc1.corp.example.
        _ldap._tcp.dc IN SRV 0 100 389 dc2.corp.example.
        _kerberos._tcp.dc IN SRV 0 100 88 dc1.corp.example.
        0f2c9d3a-1111-2222-3333-444455556666 IN CNAME dc1.corp.example.
        """
        .formatted(serial);
  }

  @BeforeAll
  static void emulator() {
    moto = MotoServer.shared();
    proxy = Route53Proxy.in(moto);
    route53 =
        Route53Clients.create(
            Route53Settings.DEFAULT.withEndpoint(proxy.endpoint()),
            StaticCredentialsProvider.create(MotoServer.DUMMY_CREDENTIALS));
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  private static Engine engine(String yaml) {
    Settings s = ConfigParser.parse(yaml, "it");
    return Engines.create(
        s, route53, new DnsSourceFactory(new LocalSecretResolver(Map.of(), null)));
  }

  private static Map<String, ZoneReport> run(Engine e, SyncOptions o) {
    Map<String, ZoneReport> out = new java.util.LinkedHashMap<>();
    for (ZoneReport r : e.run(List.of(), o, Deadline.after(Duration.ofMinutes(1))).zones()) {
      out.put(r.zone(), r);
    }
    return out;
  }

  private static Set<String> names(String zoneId) {
    Set<String> out = new TreeSet<>();
    for (var rrs : moto.listAll(zoneId)) {
      out.add(Route53TextReader.name(rrs.name()) + " " + rrs.typeAsString());
    }
    return out;
  }

  @Test
  void twoSourceZonesIntoOneHostedZone_eachOwnsOnlyItsSubtree() {
    try (NamedServer dc =
        NamedServer.builder()
            .zoneText("corp.example.", corpZone("dc1", 100, ""))
            .zoneText("_msdcs.corp.example.", msdcsZone(500))
            .allowTransferWithoutKey(true)
            .start()) {
      String zoneId = moto.createPrivateHostedZone("corp.example.");
      Engine e =
          engine(
              """
              version: 1
              zones:
                - name: corp.example.
                  hostedZoneId: %1$s
                  masters: ["%2$s"]
                  tsig: none
                - name: _msdcs.corp.example.
                  hostedZoneId: %1$s
                  hostedZoneName: corp.example.
                  masters: ["%2$s"]
                  tsig: none
              """
                  .formatted(zoneId, dc.hostPort()));

      Map<String, ZoneReport> first = run(e, SyncOptions.DEFAULT);
      assertThat(first.values()).extracting(ZoneReport::status).containsOnly(Status.APPLIED);
      assertThat(names(zoneId))
          .contains(
              "fileserver.corp.example. A",
              "_ldap._tcp.dc._msdcs.corp.example. SRV",
              "0f2c9d3a-1111-2222-3333-444455556666._msdcs.corp.example. CNAME",
              "_zonesync.corp.example. TXT",
              "_zonesync._msdcs.corp.example. TXT")
          // neither the delegation nor the nested zone's own NS: private zones cannot delegate
          .doesNotContain("_msdcs.corp.example. NS");
      // WINS reported, never sent
      assertThat(first.get("corp.example.").skipped())
          .extracting(
              ZoneReport.SkippedEntry::name,
              ZoneReport.SkippedEntry::type,
              ZoneReport.SkippedEntry::reason)
          .contains(
              tuple("corp.example.", "WINS", "UNSUPPORTED_TYPE"),
              tuple("_msdcs.corp.example.", "NS", "OTHER_SOURCE"));
      assertThat(first.get("_msdcs.corp.example.").skipped())
          .extracting(
              ZoneReport.SkippedEntry::name,
              ZoneReport.SkippedEntry::type,
              ZoneReport.SkippedEntry::reason)
          .contains(tuple("_msdcs.corp.example.", "NS", "APEX_NS"));

      // each short-circuits on its own serial
      Map<String, ZoneReport> second = run(e, SyncOptions.DEFAULT);
      assertThat(second.values()).extracting(ZoneReport::status).containsOnly(Status.UP_TO_DATE);

      // a change in the parent does not touch the nested zone's names, and vice versa
      dc.nsupdate("zone corp.example.\nupdate delete fileserver.corp.example. A\nsend\n");
      Map<String, ZoneReport> third = run(e, SyncOptions.DEFAULT);
      assertThat(third.get("corp.example.").status()).isEqualTo(Status.APPLIED);
      assertThat(third.get("corp.example.").changes()).isEqualTo(new ZoneReport.Counts(0, 0, 1));
      assertThat(third.get("_msdcs.corp.example.").status()).isEqualTo(Status.UP_TO_DATE);
      Map<String, ZoneReport> full = run(e, SyncOptions.FULL);
      assertThat(full.values())
          .extracting(ZoneReport::changes)
          .containsOnly(new ZoneReport.Counts(0, 0, 0));
      assertThat(names(zoneId))
          .contains("_ldap._tcp.dc._msdcs.corp.example. SRV")
          .doesNotContain("fileserver.corp.example. A");
    }
  }

  @Test
  void bothSourceZonesIntoAParentHostedZone_leaveItsSoaAlone() {
    try (NamedServer dc =
        NamedServer.builder()
            .zoneText("corp.example.", corpZone("dc1", 100, ""))
            .zoneText("_msdcs.corp.example.", msdcsZone(500))
            .allowTransferWithoutKey(true)
            .start()) {
      String zoneId = moto.createPrivateHostedZone("example.");
      Engine e =
          engine(
              """
              version: 1
              zones:
                - name: corp.example.
                  hostedZoneId: %1$s
                  hostedZoneName: example.
                  masters: ["%2$s"]
                  tsig: none
                - name: _msdcs.corp.example.
                  hostedZoneId: %1$s
                  hostedZoneName: example.
                  masters: ["%2$s"]
                  tsig: none
              """
                  .formatted(zoneId, dc.hostPort()));
      Map<String, ZoneReport> first = run(e, SyncOptions.DEFAULT);
      assertThat(first.values()).extracting(ZoneReport::status).containsOnly(Status.APPLIED);
      assertThat(names(zoneId))
          .contains("corp.example. A", "_ldap._tcp.dc._msdcs.corp.example. SRV")
          // the source zone's apex NS is not a delegation Route 53 could serve
          .doesNotContain("corp.example. NS");
      String soa =
          moto.listAll(zoneId).stream()
              .filter(r -> r.typeAsString().equals("SOA"))
              .findFirst()
              .orElseThrow()
              .resourceRecords()
              .get(0)
              .value();
      assertThat(soa).contains(" 1 7200 "); // the hosted zone's own serial is not ours
      assertThat(run(e, SyncOptions.DEFAULT).values())
          .extracting(ZoneReport::status)
          .containsOnly(Status.UP_TO_DATE);
    }
  }

  @Test
  void anotherDomainControllerWithAnUnrelatedSerial_triggersAFullSync() {
    try (NamedServer dc1 =
            NamedServer.builder()
                .zoneText("corp.example.", corpZone("dc1", 100, "only-on-dc1 IN A 10.0.0.99"))
                .allowTransferWithoutKey(true)
                .start();
        NamedServer dc2 =
            NamedServer.builder()
                .zoneText("corp.example.", corpZone("dc2", 7, ""))
                .allowTransferWithoutKey(true)
                .start()) {
      String zoneId = moto.createPrivateHostedZone("corp.example.");
      Engine e =
          engine(
              """
              version: 1
              zones:
                - name: corp.example.
                  hostedZoneId: %s
                  masters: ["%s", "%s"]
                  tsig: none
                  timeouts: {query: 500ms}
              """
                  .formatted(zoneId, dc1.hostPort(), dc2.hostPort()));
      assertThat(run(e, SyncOptions.DEFAULT).get("corp.example.").status())
          .isEqualTo(Status.APPLIED);
      assertThat(names(zoneId)).contains("only-on-dc1.corp.example. A");

      dc1.stop(); // the first DC goes away; the second answers with its own, unrelated serial 7
      ZoneReport r = run(e, SyncOptions.DEFAULT).get("corp.example.");

      assertThat(r.master()).isEqualTo(dc2.hostPort());
      assertThat(r.transfer()).isEqualTo(TransferKind.AXFR);
      assertThat(r.reason())
          .contains("lineage changed from dc1.corp.example. to dc2.corp.example.");
      assertThat(r.status()).as(r.error()).isEqualTo(Status.APPLIED);
      assertThat(names(zoneId)).doesNotContain("only-on-dc1.corp.example. A");
      assertThat(run(e, SyncOptions.DEFAULT).get("corp.example.").status())
          .isEqualTo(Status.UP_TO_DATE);
    }
  }

  @Test
  void mastersDiscoveredFromSrvRecords_areTriedFirstThenTheStaticList() {
    // the domain's SRV records name two DCs that do not answer DNS here (nothing listens on :53)
    try (NamedServer dc =
        NamedServer.builder()
            .zoneText(
                "corp.example.",
                corpZone(
                        "dc1",
                        100,
                        "$ORIGIN _msdcs.corp.example.\n"
                            + "_ldap._tcp.dc IN SRV 10 50 389 dcb.corp.example.\n"
                            + "_ldap._tcp.dc IN SRV 0 100 389 dca.corp.example.\n"
                            + "$ORIGIN corp.example.\n"
                            + "dca IN A 127.0.0.77\n"
                            + "dcb IN A 127.0.0.78\n")
                    .replace("_msdcs IN NS dc1.corp.example.", ""))
            .allowTransferWithoutKey(true)
            .start()) {
      DnsZoneSource src =
          new DnsZoneSource(
              DnsName.of("corp.example."),
              List.of(Master.parse(dc.hostPort())),
              DnsName.of("corp.example."),
              null,
              new SourceLimits(Duration.ofMillis(500), Duration.ofSeconds(5), 100_000, 1 << 24));
      var serial = src.serial(Deadline.after(Duration.ofSeconds(30)));
      assertThat(src.masters())
          .containsExactly(
              new Master("127.0.0.77", 53),
              new Master("127.0.0.78", 53),
              Master.parse(dc.hostPort()));
      // the discovered DCs do not answer; the static master does
      assertThat(serial.master()).isEqualTo(Master.parse(dc.hostPort()));
      assertThat(serial.lineage()).isEqualTo(DnsName.of("dc1.corp.example."));
      assertThat(RrType.WINS.isRoute53Supported()).isFalse();
    }
  }
}
