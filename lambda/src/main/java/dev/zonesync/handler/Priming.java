package dev.zonesync.handler;

import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.Settings;
import dev.zonesync.logging.LogConfig;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Escaping;
import dev.zonesync.model.Master;
import dev.zonesync.model.RRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.model.Serial;
import dev.zonesync.model.Soa;
import dev.zonesync.model.ZoneSnapshot;
import dev.zonesync.route53.Route53Clients;
import dev.zonesync.source.IxfrOutcome;
import dev.zonesync.source.SourceSerial;
import dev.zonesync.source.Transfer;
import dev.zonesync.source.ZoneSource;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.RunReport;
import dev.zonesync.sync.SyncOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Runs the code of a first invocation on canned data, so that its classes are loaded, initialised
 * and (C1-)compiled before a SnapStart snapshot instead of after each restore: a configuration
 * parsed from text, a TSIG-signed AXFR answer parsed and verified, the engine syncing a tiny zone
 * into an in-memory Route 53 (planner, batcher, the SDK's signing and XML paths), the report as
 * JSON, EMF documents and JSON log lines. All of it offline and with nothing that must be unique or
 * secret: a constant throwaway TSIG key, constant fake credentials, no connection, and nothing kept
 * afterwards. Log lines written meanwhile are formatted and dropped.
 *
 * <p>Never throws: each step that fails is logged as a warning and skipped (a priming failure only
 * costs speed).
 */
public final class Priming {

  private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

  static final String ZONE = "priming.zonesync.invalid.";
  static final String HOSTED_ZONE_ID = "ZPRIMING00000000000";

  /** A complete, valid configuration of the shape a deployment uses (one zone, TSIG by env). */
  static final String CONFIG =
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
      legacy IN HINFO "PC" "DOS"
      """
          .formatted(ZONE);

  /** What a priming run did (for the log line and tests). */
  public record Result(Duration duration, List<String> primed, Map<String, String> failed) {
    public Result {
      primed = List.copyOf(primed);
      failed = Map.copyOf(failed);
    }
  }

  private Priming() {}

  /** Primes every step; never throws. */
  public static Result prime() {
    long start = System.nanoTime();
    List<String> ok = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    try (AutoCloseable quiet = LogConfig.discardOnThisThread()) {
      step("config", Priming::config, ok, failed);
      step("request", Priming::request, ok, failed);
      step("tsig", Priming::tsig, ok, failed);
      step("engine", Priming::engine, ok, failed);
      step("logging", Priming::logging, ok, failed);
    } catch (Exception e) {
      failed.put("logging", e.toString());
    }
    Result r = new Result(Duration.ofNanos(System.nanoTime() - start), ok, failed);
    if (failed.isEmpty()) {
      LOG.info("primed {} in {} ms", r.primed(), r.duration().toMillis());
    } else {
      LOG.warn(
          "priming incomplete (only costs speed): primed {}, failed {} in {} ms",
          r.primed(),
          r.failed(),
          r.duration().toMillis());
    }
    return r;
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void step(String name, Step s, List<String> ok, Map<String, String> failed) {
    try {
      s.run();
      ok.add(name);
    } catch (Exception | LinkageError e) {
      failed.put(name, e.toString());
    }
  }

  private static Settings config() {
    return ConfigParser.parse(CONFIG, "priming configuration");
  }

  private static void request() {
    RequestParser.parse(
        "{\"version\":\"0\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.scheduler\"}"
            .getBytes(StandardCharsets.UTF_8));
    RequestParser.parse("{\"zones\":[\"a.example.\"],\"dryRun\":true}".getBytes());
  }

  /** Signs an AXFR query and a canned answer with a constant key, parses and verifies both. */
  static List<Record> tsig() throws IOException {
    Name zone = Name.fromConstantString(ZONE);
    // a throwaway constant key: nothing secret is ever signed with it
    TSIG key = new TSIG(TSIG.HMAC_SHA256, Name.fromConstantString("priming-key."), new byte[32]);
    Message query = new Message(0x5a17);
    query.addRecord(Record.newRecord(zone, Type.AXFR, DClass.IN), Section.QUESTION);
    key.apply(query, null);
    byte[] queryWire = query.toWire(Message.MAXLENGTH);
    Message parsedQuery = new Message(queryWire);
    if (key.verify(parsedQuery, queryWire, null) != Rcode.NOERROR) {
      throw new IllegalStateException("canned query did not verify");
    }
    List<Record> records = new ArrayList<>();
    try (org.xbill.DNS.Master parser =
        new org.xbill.DNS.Master(
            new ByteArrayInputStream(ZONE_TEXT.getBytes(StandardCharsets.US_ASCII)), zone)) {
      Record r;
      while ((r = parser.nextRecord()) != null) {
        records.add(r);
      }
    }
    Message answer = new Message(0x5a17);
    answer.getHeader().setFlag(Flags.QR);
    answer.getHeader().setFlag(Flags.AA);
    answer.addRecord(query.getQuestion(), Section.QUESTION);
    records.forEach(r -> answer.addRecord(r, Section.ANSWER));
    answer.addRecord(records.get(0), Section.ANSWER); // the closing SOA
    key.apply(answer, query.getTSIG());
    byte[] wire = answer.toWire(Message.MAXLENGTH);
    TSIG.StreamVerifier verifier = new TSIG.StreamVerifier(key, query.getTSIG());
    Message parsed = new Message(wire);
    if (verifier.verify(parsed, wire, true) != Rcode.NOERROR || !parsed.isVerified()) {
      throw new IllegalStateException("canned answer did not verify");
    }
    return parsed.getSection(Section.ANSWER);
  }

  /** The canned zone as the engine's model, through the same conversions a transfer uses. */
  static ZoneSnapshot snapshot(List<Record> records) {
    DnsName origin = DnsName.of(ZONE);
    Soa soa = null;
    Map<String, RRset> sets = new LinkedHashMap<>();
    for (Record r : records) {
      if (r instanceof SOARecord s) {
        soa =
            new Soa(
                DnsName.of(s.getHost().toString()),
                DnsName.of(s.getAdmin().toString()),
                Serial.of(s.getSerial()),
                s.getTTL());
        continue;
      }
      RrType type = RrType.of(r.getType());
      DnsName name = DnsName.of(r.getName().toString());
      String value = Rdata.canonicalize(type, r.rdataToString(), Escaping.DECIMAL);
      sets.merge(
          name + " " + type,
          RRset.of(name, type, r.getTTL(), List.of(value)),
          (a, b) -> {
            List<String> v = new ArrayList<>(a.values());
            v.addAll(b.values());
            return RRset.of(a.name(), a.type(), a.ttl(), v);
          });
    }
    return new ZoneSnapshot(origin, soa, sets.values());
  }

  /** The engine syncs the canned zone into an in-memory Route 53. */
  static RunReport engine() throws Exception {
    // the real client's class is loaded and built too (never used: no connection is opened)
    UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build().close();
    CannedRoute53 http = new CannedRoute53(ZONE);
    RunReport report;
    try (Route53Client client = cannedClient(http)) {
      report =
          cannedEngine(client)
              .run(List.of(), SyncOptions.DEFAULT, Deadline.after(Duration.ofSeconds(20)));
      ReportJson.toJson(report);
      ReportJson.write(report, OutputStream.nullOutputStream());
      EmfMetrics.documents(report);
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
        config().route53(),
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAPRIMING000000000", "priming-constant-not-secret")),
        http);
  }

  /** An engine for the canned configuration whose source serves the canned zone. */
  static Engine cannedEngine(Route53Client client) throws IOException {
    ZoneSnapshot zone = snapshot(tsig());
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
    return new Engine(config(), client, z -> source);
  }

  /** Powertools' EMF flush writes to stdout: point it at nothing for the duration. */
  private static void publishToNowhere(RunReport report) {
    PrintStream original = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    try {
      EmfMetrics.publish(report);
    } finally {
      System.setOut(original);
    }
  }

  private static void logging() {
    LOG.info("priming a log line with {} and an error", "arguments", new IllegalStateException());
  }
}
