package dev.zonesync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real authoritative server other than BIND (Knot DNS, NSD, PowerDNS), run as a child process on
 * a free loopback port with its configuration, zones and state in a temporary directory — never the
 * system-wide service. Subclasses write the configuration, say how to start the daemon, and offer
 * the server's own way of changing a zone. If the daemon is missing or cannot start, {@link
 * #start()} fails with the install command.
 */
public abstract class DnsMaster implements AutoCloseable {

  /** A zone the server is primary for. */
  public record Zone(String origin, String text) {
    public Zone {
      origin = NamedServer.absolute(origin);
    }
  }

  /** The TSIG key the server requires for transfers. */
  public record Key(String name, String algorithm, String secret) {
    @Override
    public String toString() {
      return "Key[" + name + " " + algorithm + "]"; // never the secret
    }
  }

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  protected final Path dir;
  protected final Key key;
  protected final Map<String, Zone> zones = new LinkedHashMap<>();
  private final String label;
  private final String installHint;
  private final TestProcesses.OutputCollector log = new TestProcesses.OutputCollector(1_000_000);
  private final Thread shutdownHook = new Thread(this::destroy);
  protected int port;
  private Process process;

  protected DnsMaster(String label, String installHint, Key key, List<Zone> zones) {
    this.label = label;
    this.installHint = installHint;
    this.key = key;
    for (Zone z : zones) {
      this.zones.put(z.origin(), z);
    }
    try {
      this.dir = Files.createTempDirectory("zonesync-" + label + "-").toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Writes configuration and zones for {@code port} and prepares any state (databases). */
  protected abstract void prepare(int port) throws IOException;

  /** The daemon's command line, in the foreground, logging to stdout/stderr. */
  protected abstract List<String> command();

  /** Starts the daemon and waits until it serves every zone; retries on another port. */
  protected final void start() {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      port = TestProcesses.freeTcpAndUdpPort();
      try {
        prepare(port);
        long mark = log.mark();
        process =
            new ProcessBuilder(command()).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        log.drain(process.getInputStream(), label + "-log-" + port);
        awaitZones(mark);
        return;
      } catch (IOException e) {
        destroy();
        throw new IllegalStateException(
            "cannot start " + label + " (" + e.getMessage() + "); install it: " + installHint, e);
      } catch (IllegalStateException e) {
        destroy();
        last = e;
      }
    }
    throw last;
  }

  private void awaitZones(long mark) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    for (Zone z : zones.values()) {
      long want = ZoneFiles.serialOf(z.text());
      while (true) {
        if (!process.isAlive()) {
          TestProcesses.sleep(50);
          throw new IllegalStateException(
              label
                  + " exited with status "
                  + process.exitValue()
                  + " while starting on 127.0.0.1:"
                  + port
                  + " (installed? "
                  + installHint
                  + ")\n--- log ---\n"
                  + log.since(mark));
        }
        try {
          if (soaSerial(z.origin()) == want) {
            break;
          }
        } catch (IllegalStateException notYet) {
          // not listening or not loaded yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              label
                  + " does not serve "
                  + z.origin()
                  + " at serial "
                  + want
                  + " within "
                  + START_TIMEOUT.toSeconds()
                  + " s\n--- log ---\n"
                  + log.since(mark));
        }
        TestProcesses.sleep(20);
      }
    }
  }

  /** {@code host:port} as zonesync's configuration takes it. */
  public String hostPort() {
    return TestProcesses.LOOPBACK + ":" + port;
  }

  public Path directory() {
    return dir;
  }

  public String log() {
    return log.text();
  }

  /** The zone's SOA serial by an unsigned SOA query over TCP (2 s timeout). */
  public long soaSerial(String origin) {
    try {
      SimpleResolver r = new SimpleResolver(TestProcesses.LOOPBACK);
      r.setPort(port);
      r.setTCP(true);
      r.setTimeout(Duration.ofSeconds(2));
      Name zone = Name.fromString(NamedServer.absolute(origin));
      Message resp = r.send(Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN)));
      if (resp.getRcode() != Rcode.NOERROR) {
        throw new IllegalStateException("SOA query answered " + Rcode.string(resp.getRcode()));
      }
      for (Record rec : resp.getSection(Section.ANSWER)) {
        if (rec instanceof SOARecord soa) {
          return soa.getSerial();
        }
      }
      throw new IllegalStateException("no SOA in the answer");
    } catch (IOException e) {
      throw new IllegalStateException("SOA query failed: " + e.getMessage(), e);
    }
  }

  /** Waits until the zone's SOA says {@code serial} (after a change or reload). */
  public void awaitSerial(String origin, long serial) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    long seen = -1;
    while (System.nanoTime() < deadline) {
      try {
        seen = soaSerial(origin);
        if (seen == serial) {
          return;
        }
      } catch (IllegalStateException e) {
        // reloading
      }
      TestProcesses.sleep(20);
    }
    throw new IllegalStateException(
        label + ": " + origin + " still at serial " + seen + ", expected " + serial + "\n" + log());
  }

  /** Runs one of the server's tools; fails with its output unless it exits 0. */
  protected String tool(List<String> argv) {
    try {
      Process p =
          new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(argv.get(0) + " did not finish within " + COMMAND_TIMEOUT);
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", redact(argv)) + " failed (exit " + p.exitValue() + "):\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run " + argv.get(0) + " (" + e.getMessage() + "); install it: " + installHint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private List<String> redact(List<String> argv) {
    List<String> out = new ArrayList<>();
    for (String a : argv) {
      out.add(key != null && a.contains(key.secret()) ? "<secret>" : a);
    }
    return out;
  }

  /** Fails with the install command unless {@code binary} exists. */
  protected static Path require(Path binary, String installHint) {
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(binary + " is not installed; install it: " + installHint);
    }
    return binary;
  }

  protected void write(String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
  }

  private void destroy() {
    TestProcesses.stop(process, Duration.ofSeconds(5));
  }

  @Override
  public void close() {
    destroy();
    TestProcesses.deleteRecursively(dir);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  @Override
  public String toString() {
    return label + "[" + hostPort() + " " + zones.keySet() + "]";
  }
}
