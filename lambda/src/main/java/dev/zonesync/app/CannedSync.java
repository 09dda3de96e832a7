package dev.zonesync.app;

import dev.zonesync.config.ConfigParser;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.Master;
import dev.zonesync.model.Serial;
import dev.zonesync.model.ZoneSnapshot;
import dev.zonesync.route53.Route53Clients;
import dev.zonesync.source.CannedTransfer;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.port.IxfrOutcome;
import dev.zonesync.sync.port.SourceSerial;
import dev.zonesync.sync.port.Transfer;
import dev.zonesync.sync.port.ZoneSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * A tiny canned zone synced offline, as the engine syncs a real one: a signed AXFR answer verified
 * and converted, an in-memory Route 53 behind the real SDK client (signing, XML), the report as
 * JSON and EMF. What SnapStart priming runs; nothing secret, no connection, nothing kept.
 */
public final class CannedSync {

  public static final String ZONE = "priming.zonesync.invalid.";
  static final String HOSTED_ZONE_ID = "ZPRIMING00000000000";

  /** A complete, valid configuration of the shape a deployment uses (one zone, TSIG by env). */
  public static final String CONFIG =
      """
      version: 1
      tsigKeys:
        - name: priming-key.
          algorithm: hmac-sha256
          secret: {env: ZONESYNC_PRIMING_UNUSED}
      route53:
        requestsPerSecond: 50
        burst: 50
        minBatchTime: 1ms
      zones:
        - name: %s
          hostedZoneId: %s
          masters: ["192.0.2.53", "[2001:db8::53]:53"]
          tsig: none
      """
          .formatted(ZONE, HOSTED_ZONE_ID);

  static final String ZONE_TEXT =
      """
      $ORIGIN %s
      $TTL 300
      @ IN SOA ns1 hostmaster 2026010101 3600 600 604800 300
      @ IN NS ns1
      ns1 IN A 192.0.2.53
      www IN A 192.0.2.80
      www IN AAAA 2001:db8::80
      mail IN MX 10 mx.example.
      @ IN TXT "v=spf1 -all" "second string"
      _sip._tcp IN SRV 10 5 5060 sip
      sip IN CNAME www
      _443._tcp.www IN TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      host IN SSHFP 4 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
      @ IN CAA 0 issue "example.net"
      legacy IN HINFO \\# 7 02504303444f53
      """
          .formatted(ZONE);

  private CannedSync() {}

  /** The canned zone as a signed AXFR answer, verified and converted as a transfer is. */
  public static CannedTransfer.Verified transfer() throws IOException {
    return CannedTransfer.serve(ZONE, ZONE_TEXT);
  }

  /** An engine over the canned zone and an in-memory Route 53 (its client is never closed). */
  public static Engine engine() throws IOException {
    return engine(cannedClient(new CannedRoute53(ZONE)));
  }

  /** Syncs the canned zone into an in-memory Route 53; its report as JSON and EMF, dropped. */
  public static RunReport run() throws IOException {
    // the real client's class is loaded and built too (never used: no connection is opened)
    UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build().close();
    CannedRoute53 http = new CannedRoute53(ZONE);
    RunReport report;
    try (Route53Client client = cannedClient(http)) {
      report =
          engine(client)
              .run(List.of(), SyncOptions.DEFAULT, Deadline.after(Duration.ofSeconds(20)));
      ReportJson.toJson(report);
      ReportJson.write(report, OutputStream.nullOutputStream());
      // the function's response: fitted as it is, and cut (a budget of one byte cuts every list)
      ResponseBudget.fit(report, ResponseBudget.DEFAULT_MAX_BYTES);
      CutLog.events(ResponseBudget.fit(report, 1).cuts(), CutLog.MAX_PART_BYTES);
      // both kinds of document: the function-level one and a detailed zone's
      EmfMetrics.documents(report, "priming", zone -> true, 1);
      publishToNowhere(report);
    }
    if (http.changeCalls() == 0) {
      throw new IllegalStateException(
          "the canned sync made no change batch: " + ReportJson.toJson(report));
    }
    return report;
  }

  /** The Route 53 client as the engine builds it, over {@code http}, with constant fake keys. */
  static Route53Client cannedClient(CannedRoute53 http) {
    return Route53Clients.create(
        ConfigParser.parse(CONFIG, "priming configuration").route53(),
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAPRIMING000000000", "priming-constant-not-secret")),
        http);
  }

  /** An engine for the canned configuration whose source serves the canned zone. */
  static Engine engine(Route53Client client) throws IOException {
    ZoneSnapshot zone = transfer().snapshot();
    Master master = Master.parse("192.0.2.53");
    ZoneSource source =
        new ZoneSource() {
          @Override
          public SourceSerial serial(Deadline deadline) {
            return new SourceSerial(zone.soa().serial(), zone.soa().mname(), master);
          }

          @Override
          public Transfer axfr(SourceSerial preferred, Deadline deadline) {
            return new Transfer(zone, master, 1, 1500, zone.recordCount(), Duration.ofMillis(1));
          }

          @Override
          public IxfrOutcome ixfr(SourceSerial current, Serial from, Deadline deadline) {
            return new IxfrOutcome.WholeZone(axfr(current, deadline));
          }
        };
    return Engines.create(ConfigParser.parse(CONFIG, "priming configuration"), client, z -> source);
  }

  /** Powertools' EMF flush writes to stdout: point it at nothing for the duration. */
  private static void publishToNowhere(RunReport report) {
    PrintStream original = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    try {
      EmfMetrics.publish(report, "priming", zone -> true, 1);
    } finally {
      System.setOut(original);
    }
  }
}
