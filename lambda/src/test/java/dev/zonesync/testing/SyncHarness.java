package dev.zonesync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.Samples;
import dev.zonesync.app.DnsSourceFactory;
import dev.zonesync.app.Engines;
import dev.zonesync.config.ConfigParser;
import dev.zonesync.config.LocalSecretResolver;
import dev.zonesync.config.Settings;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.route53.ChangeApplier;
import dev.zonesync.route53.HostedZoneReader;
import dev.zonesync.route53.MeteredCalls;
import dev.zonesync.route53.Route53Clients;
import dev.zonesync.sync.Engine;
import dev.zonesync.sync.SourceFactory;
import dev.zonesync.sync.SyncOptions;
import dev.zonesync.sync.ZoneReport;
import dev.zonesync.sync.ZoneSynchronizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Shared pieces of the fault suite: configuration text with short timeouts, engines against a given
 * Route 53 endpoint, and the three checks every scenario ends with — Route 53 unchanged (the
 * emulator's full content before and after), correct (equal to what an independent reader of a
 * fresh AXFR says Route 53 must hold) and the serial honest (SOA serial and marker).
 */
public final class SyncHarness {

  public static final String ZONE = "corp.example.";
  public static final DnsName ZONE_NAME = DnsName.of(ZONE);
  public static final String KEY = "zonesync-transfer.";
  public static final String SECRET_ENV = "ZS_FAULTS_SECRET";

  /** Serial of {@code samples/corp.example.zone}. */
  public static final long SAMPLE_SERIAL = 2026112201L;

  private SyncHarness() {}

  public static MotoServer moto() {
    return MotoServer.shared();
  }

  /** The sample zone, as the rich fixture most scenarios start from. */
  public static String sampleZone() {
    try {
      return Files.readString(Samples.sample("corp.example.zone"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------------------------------
  // configuration

  /** A one-zone configuration; every field has a test-friendly default. */
  public record Config(
      String zone,
      String hostedZoneId,
      List<String> masters,
      String tsig,
      String timeouts,
      String zoneExtras,
      String route53) {

    public static Config of(String hostedZoneId, String... masters) {
      return new Config(
          ZONE,
          hostedZoneId,
          List.of(masters),
          KEY,
          "{query: 500ms, transfer: 3s}",
          "",
          "{requestsPerSecond: 50, burst: 50, minBatchTime: 300ms}");
    }

    public Config masters(String... m) {
      return new Config(zone, hostedZoneId, List.of(m), tsig, timeouts, zoneExtras, route53);
    }

    public Config tsig(String t) {
      return new Config(zone, hostedZoneId, masters, t, timeouts, zoneExtras, route53);
    }

    public Config timeouts(String t) {
      return new Config(zone, hostedZoneId, masters, tsig, t, zoneExtras, route53);
    }

    /** Extra keys of the zone entry, as YAML flow lines, e.g. {@code "batch: {maxValues: 20}"}. */
    public Config extras(String... lines) {
      StringBuilder sb = new StringBuilder(zoneExtras);
      for (String l : lines) {
        sb.append("    ").append(l).append('\n');
      }
      return new Config(zone, hostedZoneId, masters, tsig, timeouts, sb.toString(), route53);
    }

    public Config route53(String r) {
      return new Config(zone, hostedZoneId, masters, tsig, timeouts, zoneExtras, r);
    }

    public String yaml() {
      StringBuilder m = new StringBuilder();
      for (String s : masters) {
        m.append(m.isEmpty() ? "" : ", ").append('"').append(s).append('"');
      }
      return "version: 1\n"
          + "tsigKeys:\n"
          + "  - name: "
          + KEY
          + "\n    secret: {env: "
          + SECRET_ENV
          + "}\n"
          + "route53: "
          + route53
          + "\n"
          + "zones:\n"
          + "  - name: "
          + zone
          + "\n    hostedZoneId: "
          + hostedZoneId
          + "\n    masters: ["
          + m
          + "]\n"
          + (tsig == null ? "" : "    tsig: " + tsig + "\n")
          + "    timeouts: "
          + timeouts
          + "\n"
          + zoneExtras;
    }
  }

  /**
   * The smallest configuration of the sample zone with every default: one TSIG key whose secret is
   * in the environment variable {@code secretEnv}, one master.
   */
  public static String sampleZoneConfig(String hostedZoneId, String master, String secretEnv) {
    return """
        version: 1
        tsigKeys:
          - name: %s
            secret: {env: %s}
        zones:
          - name: %s
            hostedZoneId: %s
            masters: ["%s"]
            tsig: %s
        """
        .formatted(KEY, secretEnv, ZONE, hostedZoneId, master, KEY);
  }

  /** An engine as the CLI builds it, but against {@code endpoint} and with the secret given. */
  public static Engine engine(Config config, String secret, URI endpoint) {
    return engine(config.yaml(), secret, endpoint);
  }

  public static Engine engine(String yaml, String secret, URI endpoint) {
    Settings settings = ConfigParser.parse(yaml, "fault-test");
    Route53Client client =
        Route53Clients.create(
            settings.route53().withEndpoint(endpoint),
            StaticCredentialsProvider.create(MotoServer.DUMMY_CREDENTIALS));
    return Engines.create(
        settings,
        client,
        new DnsSourceFactory(new LocalSecretResolver(Map.of(SECRET_ENV, secret), null)));
  }

  /**
   * The per-zone engine wired as {@link Engines#create} wires it (the same reader, applier, meter
   * and sources over {@code route53}, the configuration's batch time and unchanged-check period),
   * but on {@code clock}: what a run writes and decides from "now" is then known to the test.
   */
  public static ZoneSynchronizer synchronizer(
      Settings settings, Route53Client route53, SourceFactory sources, Clock clock) {
    return new ZoneSynchronizer(
        new HostedZoneReader(route53),
        new ChangeApplier(route53, settings.minBatchTime()),
        new MeteredCalls(),
        sources,
        clock,
        settings.execution().unchangedCheckEvery());
  }

  public static ZoneReport run(Engine engine, SyncOptions options, Duration deadline) {
    return run(engine, options, Deadline.after(deadline));
  }

  /** One run under the given deadline (e.g. one on a clock the test moves on an event). */
  public static ZoneReport run(Engine engine, SyncOptions options, Deadline deadline) {
    return engine.run(List.of(), options, deadline).zones().get(0);
  }

  public static ZoneReport run(Engine engine) {
    return run(engine, SyncOptions.DEFAULT, Duration.ofSeconds(60));
  }

  public static final SyncOptions FULL = SyncOptions.FULL;

  // ------------------------------------------------------------------------------------------
  // Route 53 state

  /** Everything the hosted zone holds, exactly as listed (apex SOA, NS and marker included). */
  public static List<String> content(String zoneId) {
    List<String> out = new ArrayList<>();
    for (ResourceRecordSet r : moto().listAll(zoneId)) {
      List<String> values = new ArrayList<>();
      for (ResourceRecord rr : r.resourceRecords()) {
        values.add(rr.value());
      }
      values.sort(null);
      out.add(
          r.name()
              + " "
              + r.typeAsString()
              + " "
              + r.ttl()
              + " "
              + values
              + (r.setIdentifier() == null ? "" : " id=" + r.setIdentifier())
              + (r.aliasTarget() == null ? "" : " alias=" + r.aliasTarget().dnsName()));
    }
    out.sort(null);
    return out;
  }

  /**
   * The hosted zone in the golden-file format of {@code samples/corp.example.mirror}: {@code name
   * TYPE ttl value | value}, apex NS and SOA left out, the marker kept.
   */
  public static List<String> mirrorLines(String zoneId) {
    return mirrorLines(moto(), zoneId, ZONE);
  }

  /**
   * As {@link #mirrorLines(String)} for any emulator and hosted zone apex. The emulator's text is
   * read by the tests' own {@link Route53TextReader}, never by zonesync's canonicaliser.
   */
  public static List<String> mirrorLines(MotoServer emulator, String zoneId, String apex) {
    List<String> out = new ArrayList<>();
    List<ResourceRecordSet> all = emulator.listAll(zoneId);
    for (ResourceRecordSet r : all) {
      if (Route53TextReader.name(r.name()).equals(apex)
          && (r.type() == RRType.NS || r.type() == RRType.SOA)) {
        continue;
      }
      out.add(markerBookkeeping(Route53TextReader.line(r), all));
    }
    return out;
  }

  /**
   * A mirror line as the golden files write the marker: its SOA template (the apex SOA its commit
   * wrote, all but the serial) as {@code soa=<hosted SOA>} when it is exactly the hosted zone's SOA
   * in {@code all}, and its full-reconcile time as {@code full=<reconciled>} (see {@link
   * #reconcileTime}).
   */
  public static String markerBookkeeping(String line, List<ResourceRecordSet> all) {
    for (ResourceRecordSet r : all) {
      if (r.type() == RRType.SOA && r.resourceRecords().size() == 1) {
        String[] f = Route53TextReader.value("SOA", r.resourceRecords().get(0).value()).split(" ");
        String template =
            "soa=" + r.ttl() + " " + f[0] + " " + f[1] + " " + f[3] + " " + f[4] + " " + f[5] + " "
                + f[6];
        line = line.replace("\"" + template + "\"", "\"soa=<hosted SOA>\"");
      }
    }
    return reconcileTime(line);
  }

  private static final java.util.regex.Pattern FULL_AT =
      java.util.regex.Pattern.compile(" full=(\\d+)");

  /**
   * A mirror line with the marker's {@code full=<epoch seconds>} (when the zone was last reconciled
   * in full) read as {@code full=<reconciled>}, as the golden files write it, after checking it is
   * a time during this test run.
   */
  public static String reconcileTime(String line) {
    java.util.regex.Matcher m = FULL_AT.matcher(line);
    if (!m.find()) {
      return line;
    }
    long at = Long.parseLong(m.group(1));
    long now = java.time.Instant.now().getEpochSecond();
    long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() / 1000;
    if (at < jvmStart - 1 || at > now + 1) {
      throw new AssertionError(
          "marker full= " + at + " is not a time of this test run [" + jvmStart + ", " + now + "]");
    }
    return m.replaceFirst(" full=<reconciled>");
  }

  /** A golden file of {@code samples/} without blank and comment lines. */
  public static List<String> golden(String sampleName) {
    try {
      return Files.readAllLines(Samples.sample(sampleName)).stream()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The data zonesync manages (apex NS/SOA and the marker left out), one line per RRset, read from
   * the emulator's raw values and normalised by BIND's tools ({@link IndependentMirror}) — not by
   * zonesync's own parser.
   */
  public static Set<String> hostedData(String zoneId) {
    return IndependentMirror.hosted(ZONE, moto().listAll(zoneId));
  }

  /**
   * What Route 53 must hold for the master's current zone: a fresh AXFR by {@code kdig}, the
   * ownership rules written for the tests and BIND's normaliser — independent of zonesync's
   * transfer code and planner ({@link IndependentMirror}).
   */
  public static Set<String> masterMirror(String zoneId, String masterHostPort, String secret) {
    return IndependentMirror.expected(
        ZONE, IndependentMirror.axfr(masterHostPort, ZONE, KEY, secret));
  }

  public static long hostedSerial(String zoneId) {
    return moto().listAll(zoneId).stream()
        .filter(r -> r.type() == RRType.SOA)
        .map(
            r ->
                Long.parseLong(
                    Route53TextReader.value("SOA", r.resourceRecords().get(0).value())
                        .split(" ")[2]))
        .findFirst()
        .orElseThrow();
  }

  private static final java.util.regex.Pattern MARKER_SERIAL =
      java.util.regex.Pattern.compile("^\"zonesync=1 serial=(\\d+) ");

  /** The zonesync marker's serial, if the hosted zone carries one (read by the tests' reader). */
  public static Optional<Long> markerSerial(String zoneId) {
    String marker = "_zonesync." + ZONE;
    for (ResourceRecordSet rrs : moto().listAll(zoneId)) {
      if (rrs.type() == RRType.TXT && Route53TextReader.name(rrs.name()).equals(marker)) {
        String value = Route53TextReader.value("TXT", rrs.resourceRecords().get(0).value());
        java.util.regex.Matcher m = MARKER_SERIAL.matcher(value);
        if (!m.find()) {
          throw new AssertionError("the marker holds no serial: " + value);
        }
        return Optional.of(Long.parseLong(m.group(1)));
      }
    }
    return Optional.empty();
  }

  /** Serial honest: the hosted SOA serial and the marker both say {@code serial}. */
  public static void assertSerialHonest(String zoneId, long serial) {
    assertThat(hostedSerial(zoneId)).as("hosted SOA serial").isEqualTo(serial);
    assertThat(markerSerial(zoneId)).as("marker serial").contains(serial);
  }

  // ------------------------------------------------------------------------------------------
  // ports

  /** A loopback port free for both TCP and UDP at the time of the call. */
  public static int freePort() {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(loopback(), 0));
        int port = s.getLocalPort();
        try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(loopback(), port))) {
          return u.getLocalPort();
        } catch (IOException taken) {
          // UDP side in use; try another
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free TCP+UDP port on loopback");
  }

  public static InetAddress loopback() {
    try {
      return InetAddress.getByName("127.0.0.1");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
