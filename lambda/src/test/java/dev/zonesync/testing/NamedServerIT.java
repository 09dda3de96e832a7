package dev.zonesync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

@Timeout(120)
class NamedServerIT {
  private static final String KEY = "zonesync-transfer.";
  private static final String ZONE = ZoneFiles.SAMPLE_ORIGIN;
  private static String secret;
  private static NamedServer named;

  @BeforeAll
  static void start() {
    secret = NamedServer.generateTsigSecret();
    long t0 = System.nanoTime();
    named =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", secret)
            .zone(ZONE, ZoneFiles.samplePath())
            .start();
    System.out.printf(
        "NamedServerIT: named with the sample zone started in %d ms on %s%n",
        (System.nanoTime() - t0) / 1_000_000, named.hostPort());
  }

  @AfterAll
  static void stop() {
    if (named != null) {
      named.close();
      assertThat(named.directory()).doesNotExist();
    }
  }

  @Test
  void configHasTheRequiredStatements() throws Exception {
    String conf = Files.readString(named.directory().resolve("named.conf"));
    assertThat(conf)
        .contains("listen-on port " + named.port() + " { 127.0.0.1; };")
        .contains("listen-on-v6 { none; };")
        .contains("recursion no;")
        .contains("notify no;")
        .contains("controls { };")
        .contains("max-ixfr-ratio unlimited;")
        .contains("allow-transfer { key \"" + KEY + "\"; };")
        .contains("allow-update { key \"" + KEY + "\"; };")
        .contains("session-keyfile")
        .contains("managed-keys-directory")
        .contains("pid-file");
    assertThat(named.host()).isEqualTo("127.0.0.1");
    assertThat(named.log()).doesNotContain(secret);
  }

  @Test
  void axfrWithTsigReturnsTheWholeSampleZone() {
    List<Record> records = named.axfr(ZONE);
    assertThat(records.size()).isGreaterThan(30);
    assertThat(records.get(0).getType()).isEqualTo(Type.SOA);
    assertThat(records.get(records.size() - 1).getType()).isEqualTo(Type.SOA);
    assertThat(records)
        .extracting(Record::getType)
        .contains(Type.SVCB, Type.HTTPS, Type.NAPTR, Type.TLSA, Type.SSHFP, Type.LOC, Type.DS);
  }

  @Test
  void transferWithoutKeyIsRefused() {
    assertThatThrownBy(() -> named.axfr(ZONE, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("REFUSED");
  }

  @Test
  void transferWithAWrongSecretFails() {
    NamedServer.TsigKey wrong =
        new NamedServer.TsigKey(KEY, "hmac-sha256", NamedServer.generateTsigSecret());
    assertThatThrownBy(() -> named.axfr(ZONE, wrong)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nsupdateThenIxfrFromTheOldSerialReturnsADelta() throws Exception {
    long before = named.soaSerial(ZONE);
    named.nsupdate("update add added.corp.example. 300 A 192.0.2.200\nsend\n");
    long after = named.soaSerial(ZONE);
    assertThat(after).isNotEqualTo(before);

    ZoneTransferIn ixfr = named.ixfr(ZONE, before);
    assertThat(ixfr.isIXFR()).isTrue();
    List<ZoneTransferIn.Delta> deltas = ixfr.getIXFR();
    assertThat(deltas).hasSize(1);
    assertThat(deltas.get(0).start).isEqualTo(before);
    assertThat(deltas.get(0).end).isEqualTo(after);
    assertThat(deltas.get(0).adds)
        .anyMatch(
            r ->
                r instanceof ARecord a
                    && a.getName().toString().equals("added.corp.example.")
                    && a.getAddress().getHostAddress().equals("192.0.2.200"));
    // and up to date when asked from the current serial
    assertThat(named.ixfr(ZONE, after).isCurrent()).isTrue();
  }

  @Test
  void nsupdateFailureCarriesNsupdateOutput() {
    assertThatThrownBy(() -> named.nsupdate("update add x.other.example. 300 A 192.0.2.1\nsend\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nsupdate failed")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
  }

  @Test
  void replaceDynamicZoneKeepsIxfrHistory() {
    try (NamedServer n =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", secret)
            .zoneText("dyn.example.", ZoneFiles.generate("dyn.example.", 50, 10, 1))
            .start()) {
      String v2 =
          ZoneFiles.generate("dyn.example.", 50, 11, 1)
              .replace("h00003 ", "renamed00003 ")
              .concat("extra IN TXT \"new\"\n");
      n.replaceZone("dyn.example.", v2);
      assertThat(n.soaSerial("dyn.example.")).isEqualTo(11);
      ZoneTransferIn ixfr = n.ixfr("dyn.example.", 10);
      assertThat(ixfr.isIXFR()).isTrue();
      assertThat(ixfr.getIXFR().get(0).adds)
          .extracting(r -> r.getName().toString())
          .contains("extra.dyn.example.", "renamed00003.dyn.example.");
      assertThat(ixfr.getIXFR().get(0).deletes)
          .extracting(r -> r.getName().toString())
          .contains("h00003.dyn.example.");
      // the full zone now equals v2
      assertThat(n.axfr("dyn.example.").size() - 1)
          .isEqualTo(NamedServer.parseZone("dyn.example.", v2).size());
    }
  }

  @Test
  void replaceStaticZoneUsesIxfrFromDifferences() {
    String v1 = ZoneFiles.generate("static.example.", 20, 100, 5);
    try (NamedServer n =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", secret)
            .staticZoneText("static.example.", v1)
            .start()) {
      assertThatThrownBy(() -> n.nsupdate("update add a.static.example. 60 A 192.0.2.1\nsend\n"))
          .isInstanceOf(IllegalStateException.class);
      String v2 = ZoneFiles.bumpSerial(v1, 101) + "edited IN A 192.0.2.77\n";
      n.replaceZone("static.example.", v2);
      assertThat(n.soaSerial("static.example.")).isEqualTo(101);
      ZoneTransferIn ixfr = n.ixfr("static.example.", 100);
      assertThat(ixfr.isIXFR()).isTrue();
      assertThat(ixfr.getIXFR().get(0).adds)
          .extracting(r -> r.getName().toString())
          .contains("edited.static.example.");

      // an edit without a serial bump is rejected by named; the old version stays served
      String v3 = v2 + "forgot IN A 192.0.2.78\n";
      assertThatThrownBy(() -> n.replaceZone("static.example.", v3))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("out of range");
      assertThat(n.soaSerial("static.example.")).isEqualTo(101);
    }
  }

  @Test
  void restartKeepsJournalAndPort() {
    try (NamedServer n =
        NamedServer.builder()
            .tsigKey(KEY, "hmac-sha256", secret)
            .zoneText("r.example.", ZoneFiles.generate("r.example.", 5, 1, 1))
            .start()) {
      int port = n.port();
      n.nsupdate("update add new.r.example. 60 A 192.0.2.9\nsend\n");
      long serial = n.soaSerial("r.example.");
      n.stop();
      assertThat(n.isRunning()).isFalse();
      assertThatThrownBy(() -> n.soaSerial("r.example.")).isInstanceOf(IllegalStateException.class);
      n.restart();
      assertThat(n.port()).isEqualTo(port);
      assertThat(n.soaSerial("r.example.")).isEqualTo(serial);
      assertThat(n.ixfr("r.example.", 1).isIXFR()).isTrue();
    }
  }

  @Test
  void unsignedTransfersWhenAllowedAndSeveralKeys() {
    String second = NamedServer.generateTsigSecret();
    try (NamedServer n =
        NamedServer.builder()
            .tsigKey("k1.", "hmac-sha256", secret)
            .tsigKey("k2.", "hmac-sha512", second)
            .allowTransferWithoutKey(true)
            .zoneText("open.example.", ZoneFiles.generate("open.example.", 3, 1, 1))
            .start()) {
      assertThat(n.axfr("open.example.", null)).isNotEmpty();
      assertThat(n.axfr("open.example.", n.keys().get(1))).isNotEmpty();
      n.nsupdate(n.keys().get(1), "update add z.open.example. 60 A 192.0.2.3\nsend\n");
      assertThat(n.soaSerial("open.example.")).isEqualTo(2);
    }
  }

  @Test
  void brokenZoneFailsStartWithTheLog() {
    assertThatThrownBy(
            () ->
                NamedServer.builder()
                    .zoneText(
                        "bad.example.", "$TTL 60\n@ IN SOA ns hm 1 2 3 4 5\nthis is not valid\n")
                    .startTimeout(java.time.Duration.ofSeconds(5))
                    .start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bad.example")
        .hasMessageContaining("named log");
  }

  /** Starting and serving a big zone works; how fast is the benchmark's business, not a test's. */
  @Test
  void bigGeneratedZone_startsAndIsTransferredWhole() {
    String text = ZoneFiles.generate("big.example.", 20_000, 1, 1);
    try (NamedServer n = NamedServer.builder().zoneText("big.example.", text).start()) {
      // every generated RRset arrives
      assertThat(n.axfr("big.example.").size()).isGreaterThan(20_000);
    }
  }
}
