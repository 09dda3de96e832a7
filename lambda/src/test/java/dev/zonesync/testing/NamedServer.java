package dev.zonesync.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Serial;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * A real BIND9 {@code named} running as a child process on 127.0.0.1 and a free port, in a fresh
 * temporary directory, for integration tests of zone transfers.
 *
 * <pre>{@code
 * try (NamedServer named = NamedServer.builder()
 *       .tsigKey("zonesync-transfer.", "hmac-sha256", NamedServer.generateTsigSecret())
 *       .zone("corp.example.", Path.of("samples/corp.example.zone"))
 *       .start()) {
 *   named.nsupdate("update add www.corp.example. 300 A 192.0.2.10\nsend\n");
 *   long serial = named.soaSerial("corp.example.");
 * }
 * }</pre>
 *
 * <p>Zones added with {@link Builder#zone}/{@link Builder#zoneText} are <b>dynamic</b> ({@code
 * allow-update} with the configured keys): {@link #nsupdate} works and every update is journaled,
 * so IXFR from older serials answers with deltas. Zones added with {@link Builder#staticZone} are
 * plain primaries with {@code ixfr-from-differences yes}: {@link #replaceZone} rewrites the file
 * and sends SIGHUP, named computes the delta, exactly like an operator editing a zone file. For
 * dynamic zones {@link #replaceZone} cannot hand-edit the file (named refuses to load a zone whose
 * journal no longer matches it); it sends the difference as one RFC 2136 update instead, which
 * leaves the same journal and IXFR behaviour.
 *
 * <p>Transfers require one of the configured TSIG keys unless {@link
 * Builder#allowTransferWithoutKey(boolean)} is set (or no key is configured at all). Queries are
 * allowed from anyone. The server is stopped and its directory deleted by {@link #close()}, or by a
 * shutdown hook if a test forgets. TSIG secrets are never logged or put into exception messages.
 */
public final class NamedServer implements AutoCloseable {
  /** Where Debian's bind9 puts named; also looked up on PATH. */
  public static final Path DEFAULT_NAMED = Path.of("/usr/sbin/named");

  public static final Path DEFAULT_NSUPDATE = Path.of("/usr/bin/nsupdate");

  static final String INSTALL_HINT =
      "Install BIND9: run scripts/test (it installs it), or `apt-get install -y bind9"
          + " bind9-dnsutils` (Debian/Ubuntu).";

  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(20);
  private static final Pattern RUNNING_LINE = Pattern.compile("(?m)^\\S+ \\S+ running\\s*$");

  /** A TSIG key; {@link #toString()} never shows the secret. */
  public record TsigKey(String name, String algorithm, String secret) {
    public TsigKey {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(secret, "secret");
      name = absolute(name);
      algorithm = algorithm.toLowerCase(java.util.Locale.ROOT);
    }

    /** The key for dnsjava ({@code ZoneTransferIn}, {@code SimpleResolver}). */
    public TSIG toTsig() {
      return new TSIG(algorithm, name, secret);
    }

    @Override
    public String toString() {
      return "TsigKey[name=" + name + ", algorithm=" + algorithm + ", secret=<redacted>]";
    }
  }

  /** Dynamic zones accept RFC 2136 updates; static ones are reloaded from their file. */
  public enum ZoneKind {
    DYNAMIC,
    STATIC
  }

  private record ZoneSpec(String origin, String text, ZoneKind kind) {}

  private final Path namedBinary;
  private final List<TsigKey> keys;
  private final Map<String, ZoneSpec> zones;
  private final boolean transferWithoutKey;
  private final String extraOptions;
  private final Duration startTimeout;
  private final Path dir;
  private final TestProcesses.OutputCollector log = new TestProcesses.OutputCollector(2_000_000);
  private final Thread shutdownHook;
  private int port;
  private Process process;
  private Instant lastZoneWrite = Instant.EPOCH;
  private boolean closed;

  private NamedServer(Builder b, Path namedBinary) throws IOException {
    this.namedBinary = namedBinary;
    this.keys = List.copyOf(b.keys.values());
    this.zones = new LinkedHashMap<>(b.zones);
    this.transferWithoutKey = b.transferWithoutKey || keys.isEmpty();
    this.extraOptions = b.extraOptions.toString();
    this.startTimeout = b.startTimeout;
    this.dir = Files.createTempDirectory("zonesync-named-");
    this.shutdownHook = new Thread(this::destroyQuietly, "named-shutdown-" + dir.getFileName());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A random 32-byte secret, base64, as {@code tsig-keygen -a hmac-sha256} would make. */
  public static String generateTsigSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  /** Builder; {@link #start()} writes the configuration and starts named. */
  public static final class Builder {
    private final Map<String, TsigKey> keys = new LinkedHashMap<>();
    private final Map<String, ZoneSpec> zones = new LinkedHashMap<>();
    private boolean transferWithoutKey;
    private final StringBuilder extraOptions = new StringBuilder();
    private Duration startTimeout = Duration.ofSeconds(15);
    private Path namedBinary;

    private Builder() {}

    /** Adds a TSIG key; every key may transfer and update. Several keys are allowed. */
    public Builder tsigKey(String name, String algorithm, String base64Secret) {
      TsigKey k = new TsigKey(name, algorithm, base64Secret);
      keys.put(k.name().toLowerCase(java.util.Locale.ROOT), k);
      return this;
    }

    /** A dynamic zone read from a file (copied into the server's directory). */
    public Builder zone(String origin, Path zoneFile) {
      return addZone(origin, read(zoneFile), ZoneKind.DYNAMIC);
    }

    /** A dynamic zone from master-file text. */
    public Builder zoneText(String origin, String zoneFileText) {
      return addZone(origin, zoneFileText, ZoneKind.DYNAMIC);
    }

    /** A static zone (no updates; {@code ixfr-from-differences yes}) read from a file. */
    public Builder staticZone(String origin, Path zoneFile) {
      return addZone(origin, read(zoneFile), ZoneKind.STATIC);
    }

    /** A static zone from master-file text. */
    public Builder staticZoneText(String origin, String zoneFileText) {
      return addZone(origin, zoneFileText, ZoneKind.STATIC);
    }

    /** {@code true}: {@code allow-transfer { any; }}. Default {@code false}: a key is needed. */
    public Builder allowTransferWithoutKey(boolean allow) {
      this.transferWithoutKey = allow;
      return this;
    }

    /** Raw statements added inside {@code options { }}, e.g. {@code "tcp-idle-timeout 50;"}. */
    public Builder extraOptions(String statements) {
      extraOptions.append(statements).append('\n');
      return this;
    }

    /** How long {@link #start()} waits for named to serve every zone (default 15 s). */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** Use this named binary instead of {@code /usr/sbin/named} or PATH. */
    public Builder namedBinary(Path binary) {
      this.namedBinary = binary;
      return this;
    }

    /**
     * Starts named and waits until every zone answers its SOA.
     *
     * @throws IllegalStateException if named is not installed (the message says how to install it),
     *     does not start, or does not load a zone within the timeout (with the log tail)
     */
    public NamedServer start() {
      Path binary = resolveNamed(namedBinary);
      NamedServer server;
      try {
        server = new NamedServer(this, binary);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary directory for named", e);
      }
      try {
        server.writeZonesAndKeys();
        server.startWithRetries();
        return server;
      } catch (RuntimeException | Error e) {
        server.close();
        throw e;
      }
    }

    private Builder addZone(String origin, String text, ZoneKind kind) {
      String o = absolute(origin);
      if (zones.containsKey(o.toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException("zone added twice: " + o);
      }
      zones.put(o.toLowerCase(java.util.Locale.ROOT), new ZoneSpec(o, text, kind));
      return this;
    }

    private static String read(Path file) {
      Path p =
          file.isAbsolute() || Files.exists(file)
              ? file
              : TestProcesses.projectFile(file.toString());
      try {
        return Files.readString(p, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read zone file " + p.toAbsolutePath(), e);
      }
    }
  }

  static Path resolveNamed(Path explicit) {
    String prop = System.getProperty("zonesync.named");
    return resolveNamed(
        explicit != null ? explicit : prop == null || prop.isBlank() ? null : Path.of(prop),
        DEFAULT_NAMED,
        System.getenv("PATH"));
  }

  /** Visible for tests: resolution with an explicit default location and PATH. */
  static Path resolveNamed(Path explicit, Path defaultLocation, String pathEnv) {
    if (explicit != null) {
      if (!Files.isRegularFile(explicit) || !Files.isExecutable(explicit)) {
        throw new IllegalStateException(
            "named binary " + explicit + " does not exist or is not executable. " + INSTALL_HINT);
      }
      return explicit;
    }
    return TestProcesses.findExecutable("named", pathEnv, defaultLocation)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "BIND9 `named` not found (looked at "
                        + defaultLocation
                        + " and on PATH); the zone-transfer integration tests need a real"
                        + " master. "
                        + INSTALL_HINT));
  }

  // ------------------------------------------------------------------------------------------
  // accessors

  /** Always {@code 127.0.0.1}. */
  public String host() {
    return TestProcesses.LOOPBACK;
  }

  /** The TCP and UDP port named listens on. */
  public int port() {
    return port;
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(TestProcesses.loopback(), port);
  }

  /** {@code 127.0.0.1:<port>}, the form zonesync's configuration takes for a master. */
  public String hostPort() {
    return host() + ":" + port;
  }

  /** The configured keys, in the order they were added. */
  public List<TsigKey> keys() {
    return keys;
  }

  /** The first configured key. */
  public TsigKey key() {
    if (keys.isEmpty()) {
      throw new IllegalStateException("no TSIG key configured");
    }
    return keys.get(0);
  }

  /** The server's temporary directory (config, zone files, journals). */
  public Path directory() {
    return dir;
  }

  /** The file named loads for a zone (a dynamic zone's journal is this path + {@code .jnl}). */
  public Path zoneFile(String origin) {
    return dir.resolve(zoneFileName(spec(origin).origin()));
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Everything named wrote to stdout/stderr so far (all its instances, for restarts). */
  public String log() {
    return log.text();
  }

  // ------------------------------------------------------------------------------------------
  // lifecycle

  /** Stops named (SIGTERM, then SIGKILL after 5 s). The directory and journals are kept. */
  public synchronized void stop() {
    TestProcesses.stop(process, Duration.ofSeconds(5));
  }

  /** Stops and starts named again on the same port with the same files (journals kept). */
  public synchronized void restart() {
    ensureOpen();
    stop();
    startOnce(port);
  }

  /** Stops named and deletes its directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    destroyQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException ignored) {
      // JVM shutting down
    }
  }

  private void destroyQuietly() {
    try {
      TestProcesses.stop(process, Duration.ofSeconds(3));
    } finally {
      TestProcesses.deleteRecursively(dir);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("NamedServer is closed");
    }
  }

  private void writeZonesAndKeys() {
    try {
      Files.createDirectories(dir.resolve("keys"));
      for (ZoneSpec z : zones.values()) {
        writeZoneFile(z.origin(), z.text());
      }
      StringBuilder all = new StringBuilder();
      for (TsigKey k : keys) {
        String stanza = keyStanza(k);
        all.append(stanza);
        Files.writeString(keyFile(k), stanza, StandardCharsets.US_ASCII);
      }
      Files.writeString(dir.resolve("keys.conf"), all.toString(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeZoneFile(String origin, String text) throws IOException {
    Path f = dir.resolve(zoneFileName(origin));
    Files.writeString(f, text, StandardCharsets.UTF_8);
    // named compares modification times: make each rewrite strictly newer than the last one.
    Instant t = Instant.now().plusSeconds(1);
    if (!t.isAfter(lastZoneWrite.plusSeconds(1))) {
      t = lastZoneWrite.plusSeconds(1);
    }
    lastZoneWrite = t;
    Files.setLastModifiedTime(f, FileTime.from(t));
  }

  private Path keyFile(TsigKey k) {
    return dir.resolve("keys").resolve(sanitize(k.name()) + ".key");
  }

  private static String keyStanza(TsigKey k) {
    return "key \""
        + k.name()
        + "\" {\n  algorithm "
        + k.algorithm()
        + ";\n  secret \""
        + k.secret()
        + "\";\n};\n";
  }

  String config(int listenPort) {
    String keyList = keyList();
    String transfer = transferWithoutKey ? "any;" : keyList;
    StringBuilder c = new StringBuilder();
    c.append("include \"").append(dir.resolve("keys.conf")).append("\";\n\n");
    c.append("options {\n");
    c.append("  directory \"").append(dir).append("\";\n");
    c.append("  pid-file \"").append(dir.resolve("named.pid")).append("\";\n");
    c.append("  session-keyfile \"").append(dir.resolve("session.key")).append("\";\n");
    c.append("  managed-keys-directory \"").append(dir).append("\";\n");
    c.append("  listen-on port ").append(listenPort).append(" { 127.0.0.1; };\n");
    c.append("  listen-on-v6 { none; };\n");
    c.append("  recursion no;\n");
    c.append("  notify no;\n");
    c.append("  dnssec-validation no;\n");
    c.append("  max-ixfr-ratio unlimited;\n");
    // On-prem zones carry names BIND's default check-names would refuse (underscores, escapes).
    c.append("  check-names primary ignore;\n");
    c.append("  allow-query { any; };\n");
    c.append("  allow-transfer { ").append(transfer).append(" };\n");
    c.append(extraOptions.indent(2));
    c.append("};\n\n");
    c.append("controls { };\n\n");
    for (ZoneSpec z : zones.values()) {
      c.append("zone \"").append(z.origin()).append("\" {\n");
      c.append("  type primary;\n");
      c.append("  file \"").append(zoneFileName(z.origin())).append("\";\n");
      c.append("  allow-transfer { ").append(transfer).append(" };\n");
      if (z.kind() == ZoneKind.DYNAMIC) {
        c.append("  allow-update { ")
            .append(keys.isEmpty() ? "127.0.0.1;" : keyList)
            .append(" };\n");
      } else {
        c.append("  ixfr-from-differences yes;\n");
      }
      c.append("};\n");
    }
    return c.toString();
  }

  private String keyList() {
    StringBuilder s = new StringBuilder();
    for (TsigKey k : keys) {
      s.append("key \"").append(k.name()).append("\"; ");
    }
    return s.toString().trim();
  }

  private void startWithRetries() {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int p = TestProcesses.freeTcpAndUdpPort();
      try {
        startOnce(p);
        return;
      } catch (PortInUse e) {
        last = e;
      }
    }
    throw last;
  }

  private static final class PortInUse extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PortInUse(String m) {
      super(m);
    }
  }

  private void startOnce(int listenPort) {
    ensureOpen();
    this.port = listenPort;
    Path conf = dir.resolve("named.conf");
    try {
      Files.writeString(conf, config(listenPort), StandardCharsets.UTF_8);
      long mark = log.mark();
      ProcessBuilder pb =
          new ProcessBuilder(namedBinary.toString(), "-g", "-c", conf.toString())
              .directory(dir.toFile())
              .redirectErrorStream(true);
      process = pb.start();
      process.getOutputStream().close();
      log.drain(process.getInputStream(), "named-log-" + listenPort);
      awaitServing(mark);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + namedBinary + ": " + e.getMessage(), e);
    }
  }

  private void awaitServing(long mark) {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (true) {
      String out = log.since(mark);
      if (!process.isAlive()) {
        TestProcesses.sleep(50); // let the drain thread catch the last lines
        out = log.since(mark);
        String msg =
            "named exited with status "
                + process.exitValue()
                + " while starting on 127.0.0.1:"
                + port
                + "\n--- named log (tail) ---\n"
                + tailLines(out, 40);
        if (out.contains("address in use")) {
          throw new PortInUse(msg);
        }
        throw new IllegalStateException(msg);
      }
      if (RUNNING_LINE.matcher(out).find()) {
        if (out.contains("address in use")) {
          TestProcesses.stop(process, Duration.ofSeconds(2));
          throw new PortInUse("port " + port + " is in use:\n" + tailLines(out, 10));
        }
        break;
      }
      if (System.nanoTime() > deadline) {
        TestProcesses.stop(process, Duration.ofSeconds(2));
        throw new IllegalStateException(
            "named did not report `running` within "
                + startTimeout.toMillis()
                + " ms\n--- named log (tail) ---\n"
                + tailLines(log.since(mark), 40));
      }
      TestProcesses.sleep(5);
    }
    // "running" is logged after the initial loads; check that every zone is really served.
    for (ZoneSpec z : zones.values()) {
      while (true) {
        try {
          soaSerial(z.origin());
          break;
        } catch (IllegalStateException e) {
          boolean loadFailed =
              log.since(mark)
                  .contains("zone " + stripDot(z.origin()) + "/IN: not loaded due to errors");
          if (loadFailed || System.nanoTime() > deadline || !process.isAlive()) {
            String out = log.since(mark);
            TestProcesses.stop(process, Duration.ofSeconds(2));
            throw new IllegalStateException(
                "named started but does not serve zone "
                    + z.origin()
                    + " ("
                    + e.getMessage()
                    + ")\n--- named log about the zone ---\n"
                    + linesAbout(out, z.origin())
                    + "\n--- named log (tail) ---\n"
                    + tailLines(out, 20));
          }
          TestProcesses.sleep(10);
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // DNS helpers

  /**
   * Runs {@code nsupdate -k <key file> -v} against this server with the given commands. A {@code
   * server} line for this server is prepended; end each batch with {@code send}. Uses the first key
   * (or none if none is configured).
   *
   * @throws IllegalStateException with nsupdate's output if it fails or takes over 20 s
   */
  public void nsupdate(String commands) {
    nsupdate(keys.isEmpty() ? null : keys.get(0), commands);
  }

  /** As {@link #nsupdate(String)} with a given key ({@code null}: unsigned). */
  public void nsupdate(TsigKey key, String commands) {
    ensureOpen();
    Path nsupdate =
        TestProcesses.findExecutable("nsupdate", DEFAULT_NSUPDATE)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "`nsupdate` not found (looked at "
                            + DEFAULT_NSUPDATE
                            + " and on PATH). "
                            + INSTALL_HINT));
    List<String> cmd = new ArrayList<>(List.of(nsupdate.toString(), "-v", "-t", "10"));
    if (key != null) {
      Path kf = keyFile(key);
      try {
        if (!Files.exists(kf)) {
          Files.writeString(kf, keyStanza(key), StandardCharsets.US_ASCII);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cmd.add("-k");
      cmd.add(kf.toString());
    }
    String script = "server 127.0.0.1 " + port + "\n" + commands;
    if (!script.endsWith("\n")) {
      script += "\n";
    }
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      TestProcesses.OutputCollector out = new TestProcesses.OutputCollector(200_000);
      Thread drain = out.drain(p.getInputStream(), "nsupdate-out");
      try (var stdin = p.getOutputStream()) {
        stdin.write(script.getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("nsupdate did not finish within 20 s:\n" + out.text());
      }
      drain.join(2000);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "nsupdate failed (exit " + p.exitValue() + "):\n" + out.text().strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run nsupdate", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The zone's current SOA serial, by a SOA query over TCP (3 s timeout). */
  public long soaSerial(String origin) {
    return soa(origin).getSerial();
  }

  /** The zone's current SOA record, by a SOA query over TCP (3 s timeout). */
  public SOARecord soa(String origin) {
    try {
      Name zone = Name.fromString(absolute(origin));
      SimpleResolver r = resolver();
      Message resp = r.send(Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN)));
      if (resp.getRcode() != Rcode.NOERROR) {
        throw new IllegalStateException(
            "SOA query for " + zone + " answered " + Rcode.string(resp.getRcode()));
      }
      for (Record rec : resp.getSection(Section.ANSWER)) {
        if (rec instanceof SOARecord soa) {
          return soa;
        }
      }
      throw new IllegalStateException("SOA query for " + zone + " returned no SOA");
    } catch (IOException e) {
      throw new IllegalStateException("SOA query failed: " + e.getMessage(), e);
    }
  }

  /** A dnsjava resolver for this server (TCP, 3 s timeout, no TSIG). */
  public SimpleResolver resolver() {
    SimpleResolver r = new SimpleResolver(address());
    r.setTCP(true);
    r.setTimeout(QUERY_TIMEOUT);
    return r;
  }

  /** AXFR with the first key (or unsigned if none); includes the leading and trailing SOA. */
  public List<Record> axfr(String origin) {
    return axfr(origin, keys.isEmpty() ? null : keys.get(0));
  }

  /** AXFR with a given key ({@code null}: unsigned); 20 s timeout. */
  public List<Record> axfr(String origin, TsigKey key) {
    try {
      ZoneTransferIn xfr =
          ZoneTransferIn.newAXFR(
              Name.fromString(absolute(origin)), address(), key == null ? null : key.toTsig());
      xfr.setTimeout(TRANSFER_TIMEOUT);
      xfr.run();
      return xfr.getAXFR();
    } catch (IOException | ZoneTransferException e) {
      throw new IllegalStateException("AXFR of " + origin + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * IXFR from {@code fromSerial} with the first key; returns the finished transfer (check {@code
   * isIXFR()}, {@code getIXFR()}, {@code isAXFR()}, {@code isCurrent()}). 20 s timeout.
   */
  public ZoneTransferIn ixfr(String origin, long fromSerial) {
    try {
      ZoneTransferIn xfr =
          ZoneTransferIn.newIXFR(
              Name.fromString(absolute(origin)),
              fromSerial,
              false,
              address(),
              keys.isEmpty() ? null : keys.get(0).toTsig());
      xfr.setTimeout(TRANSFER_TIMEOUT);
      xfr.run();
      return xfr;
    } catch (IOException | ZoneTransferException e) {
      throw new IllegalStateException("IXFR of " + origin + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Makes named serve {@code zoneFileText} for the zone, keeping IXFR history: the new serial must
   * be higher (RFC 1982) than the current one.
   *
   * <ul>
   *   <li>static zone: writes the file and sends SIGHUP; named diffs the versions ({@code
   *       ixfr-from-differences}) and journals the delta;
   *   <li>dynamic zone: sends the difference between what named serves and the text as one signed
   *       RFC 2136 update (SOA included), which named journals the same way (named cannot reload a
   *       hand-edited dynamic zone without rndc freeze/thaw, and this harness runs without a
   *       control channel). The update must fit in one DNS message (≈ 64 KB, ~1500 records); use a
   *       static zone for bigger edits.
   * </ul>
   *
   * Waits up to 10 s until the new serial is served.
   *
   * @throws IllegalStateException if named rejects the new version (log lines included)
   */
  public synchronized void replaceZone(String origin, String zoneFileText) {
    ensureOpen();
    ZoneSpec z = spec(origin);
    List<Record> desired = parseZone(z.origin(), zoneFileText);
    SOARecord newSoa =
        desired.stream()
            .filter(r -> r.getType() == Type.SOA)
            .map(SOARecord.class::cast)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("zone text has no SOA"));
    long mark = log.mark();
    if (z.kind() == ZoneKind.STATIC) {
      try {
        writeZoneFile(z.origin(), zoneFileText);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      signal("HUP");
    } else {
      long current = soaSerial(z.origin());
      if (Serial.compare(newSoa.getSerial(), current) <= 0) {
        throw new IllegalArgumentException(
            "new serial "
                + newSoa.getSerial()
                + " is not higher than the served serial "
                + current
                + " of dynamic zone "
                + z.origin()
                + " (named would auto-increment it); use a static zone to test un-bumped edits");
      }
      applyDiffAsUpdate(z.origin(), desired);
    }
    zones.put(
        z.origin().toLowerCase(java.util.Locale.ROOT),
        new ZoneSpec(z.origin(), zoneFileText, z.kind()));
    awaitSerial(
        z.origin(), newSoa.getSerial(), mark, z.kind() == ZoneKind.STATIC, Duration.ofSeconds(10));
  }

  private void awaitSerial(
      String origin, long serial, long mark, boolean awaitReloadLine, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String logName = "zone " + stripDot(origin) + "/IN: ";
    while (true) {
      String out = log.since(mark);
      boolean rejected =
          out.lines()
              .anyMatch(
                  l ->
                      l.contains(logName)
                          && (l.contains("not loaded due to errors")
                              || l.contains("out of range")));
      boolean reloaded =
          !awaitReloadLine
              || out.lines().anyMatch(l -> l.contains(logName) && l.contains("loaded serial"));
      long current = -1;
      if (!rejected && reloaded) {
        try {
          current = soaSerial(origin);
        } catch (IllegalStateException ignored) {
          // reloading
        }
        if (current == serial) {
          return;
        }
      }
      if (rejected || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "named does not serve serial "
                + serial
                + " for "
                + origin
                + " (serves "
                + current
                + ")\n--- named log since the change ---\n"
                + tailLines(out, 30));
      }
      TestProcesses.sleep(10);
    }
  }

  private void applyDiffAsUpdate(String origin, List<Record> desired) {
    Name zone;
    try {
      zone = Name.fromString(origin);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
    Map<String, List<Record>> current = groupRrsets(axfr(origin));
    Map<String, List<Record>> wanted = groupRrsets(desired);
    Update update = new Update(zone);
    List<Record> adds = new ArrayList<>();
    Record soa = null;
    Set<String> keysUnion = new LinkedHashSet<>(current.keySet());
    keysUnion.addAll(wanted.keySet());
    for (String k : keysUnion) {
      List<Record> have = current.getOrDefault(k, List.of());
      List<Record> want = wanted.getOrDefault(k, List.of());
      if (sameRrset(have, want)) {
        continue;
      }
      Record any = want.isEmpty() ? have.get(0) : want.get(0);
      if (any.getType() == Type.SOA) {
        soa = want.isEmpty() ? null : want.get(0);
        continue;
      }
      boolean apexNs = any.getType() == Type.NS && any.getName().equals(zone);
      if (apexNs) {
        // The apex NS set cannot be deleted as a whole; remove/add single records instead.
        for (Record r : have) {
          if (!want.contains(r)) {
            update.delete(r);
          }
        }
        for (Record r : want) {
          if (!have.contains(r) || ttlOf(have, r) != r.getTTL()) {
            adds.add(r);
          }
        }
      } else {
        if (!have.isEmpty()) {
          update.delete(any.getName(), any.getType());
        }
        adds.addAll(want);
      }
    }
    for (Record r : adds) {
      update.add(r);
    }
    if (soa != null) {
      update.add(soa);
    }
    try {
      SimpleResolver r = resolver();
      r.setTimeout(Duration.ofSeconds(10));
      if (!keys.isEmpty()) {
        r.setTSIGKey(keys.get(0).toTsig());
      }
      Message resp = r.send(update);
      if (resp.getRcode() != Rcode.NOERROR) {
        throw new IllegalStateException(
            "dynamic update of "
                + origin
                + " refused: "
                + Rcode.string(resp.getRcode())
                + "\n--- named log (tail) ---\n"
                + log.tail(20));
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "dynamic update of " + origin + " failed: " + e.getMessage(), e);
    }
  }

  private static long ttlOf(List<Record> set, Record r) {
    for (Record x : set) {
      if (x.equals(r)) {
        return x.getTTL();
      }
    }
    return -1;
  }

  private static boolean sameRrset(List<Record> a, List<Record> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Record r : b) {
      if (!a.contains(r) || ttlOf(a, r) != r.getTTL()) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, List<Record>> groupRrsets(List<Record> records) {
    Map<String, List<Record>> m = new LinkedHashMap<>();
    for (Record r : records) {
      String k = r.getName().toString().toLowerCase(java.util.Locale.ROOT) + " " + r.getType();
      List<Record> l = m.computeIfAbsent(k, x -> new ArrayList<>());
      if (!l.contains(r)) {
        l.add(r);
      }
    }
    return m;
  }

  /** Parses master-file text with dnsjava (relative names resolve against the origin). */
  static List<Record> parseZone(String origin, String text) {
    List<Record> out = new ArrayList<>();
    try (Master m =
        new Master(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            Name.fromString(absolute(origin)))) {
      Record r;
      while ((r = m.nextRecord()) != null) {
        out.add(r);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot parse zone text: " + e.getMessage(), e);
    }
    return out;
  }

  /** Sends a signal to the running named, e.g. {@code "HUP"}. */
  public void signal(String signal) {
    if (!isRunning()) {
      throw new IllegalStateException("named is not running");
    }
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private ZoneSpec spec(String origin) {
    ZoneSpec z = zones.get(absolute(origin).toLowerCase(java.util.Locale.ROOT));
    if (z == null) {
      throw new IllegalArgumentException("no such zone configured: " + origin);
    }
    return z;
  }

  // ------------------------------------------------------------------------------------------
  // small utilities

  public static String absolute(String name) {
    Objects.requireNonNull(name);
    return name.endsWith(".") ? name : name + ".";
  }

  private static String stripDot(String name) {
    return name.length() > 1 && name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private static String sanitize(String s) {
    String t = s.replaceAll("[^A-Za-z0-9._-]", "_");
    return t.equals(".") ? "root" : t;
  }

  private static String zoneFileName(String origin) {
    return "zone-" + sanitize(origin) + "db";
  }

  private static String tailLines(String text, int n) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }

  private static String linesAbout(String text, String origin) {
    String needle = "zone " + stripDot(origin) + "/";
    StringBuilder b = new StringBuilder();
    text.lines().filter(l -> l.contains(needle)).forEach(l -> b.append(l).append('\n'));
    return b.isEmpty() ? "(none)" : b.toString();
  }

  @Override
  public String toString() {
    return "NamedServer[" + hostPort() + ", zones=" + zones.keySet() + ", dir=" + dir + "]";
  }
}
