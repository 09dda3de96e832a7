package dev.zonesync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small process, port and file helpers shared by the test servers in this package. */
final class TestProcesses {
  static final String LOOPBACK = "127.0.0.1";

  private TestProcesses() {}

  static InetAddress loopback() {
    try {
      return InetAddress.getByName(LOOPBACK);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loopback port that was free for TCP at the time of the call. */
  static int freeTcpPort() {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(loopback(), 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free TCP port on 127.0.0.1", e);
    }
  }

  /** A loopback port that was free for both TCP and UDP at the time of the call (for DNS). */
  static int freeTcpAndUdpPort() {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket tcp = new ServerSocket()) {
        tcp.setReuseAddress(false);
        tcp.bind(new InetSocketAddress(loopback(), 0));
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback(), port))) {
          return udp.getLocalPort();
        } catch (IOException udpBusy) {
          // try another one
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free TCP port on 127.0.0.1", e);
      }
    }
    throw new IllegalStateException("no loopback port free for both TCP and UDP after 50 tries");
  }

  /**
   * The project root: system property {@code zonesync.projectRoot} if set, else the nearest
   * directory at or above the working directory that contains {@code .git} or {@code mvnw}.
   */
  static Path projectRoot() {
    String prop = System.getProperty("zonesync.projectRoot");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git")) || Files.isRegularFile(p.resolve("mvnw"))) {
        return p;
      }
    }
    return dir;
  }

  /** A file of the project, e.g. {@code samples/corp.example.zone}. */
  static Path projectFile(String relative) {
    return projectRoot().resolve(relative);
  }

  static Optional<Path> findExecutable(String name, Path... preferred) {
    return findExecutable(name, System.getenv("PATH"), preferred);
  }

  /** The first executable of {@code preferred}, else {@code name} on the given PATH string. */
  static Optional<Path> findExecutable(String name, String path, Path... preferred) {
    for (Path p : preferred) {
      if (p != null && Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // best effort
                }
              });
    } catch (IOException ignored) {
      // best effort
    }
  }

  /** SIGTERM, wait up to {@code grace}, then SIGKILL; never blocks longer than grace + 5 s. */
  static void stop(Process process, Duration grace) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Collects a child's output on a daemon thread; keeps at most {@code maxChars} (the newest).
   * Thread-safe.
   */
  static final class OutputCollector {
    private final StringBuilder buf = new StringBuilder();
    private final int maxChars;
    private long dropped;

    OutputCollector(int maxChars) {
      this.maxChars = maxChars;
    }

    Thread drain(InputStream in, String threadName) {
      Thread t =
          new Thread(
              () -> {
                byte[] b = new byte[8192];
                try (in) {
                  int n;
                  while ((n = in.read(b)) > 0) {
                    append(new String(b, 0, n, StandardCharsets.UTF_8));
                  }
                } catch (IOException ignored) {
                  // process ended
                }
              },
              threadName);
      t.setDaemon(true);
      t.start();
      return t;
    }

    synchronized void append(String s) {
      buf.append(s);
      if (buf.length() > maxChars) {
        int cut = buf.length() - maxChars;
        buf.delete(0, cut);
        dropped += cut;
      }
    }

    /** Everything collected so far (or the newest part of it). */
    synchronized String text() {
      return dropped > 0 ? "[... " + dropped + " chars dropped ...]\n" + buf : buf.toString();
    }

    /** Absolute position of the end of the output so far, for {@link #since(long)}. */
    synchronized long mark() {
      return dropped + buf.length();
    }

    /** Output appended after {@code mark}. */
    synchronized String since(long mark) {
      long start = Math.max(0, mark - dropped);
      return start >= buf.length() ? "" : buf.substring((int) start);
    }

    /** The last {@code lines} lines. */
    String tail(int lines) {
      String t = text();
      int idx = t.length();
      for (int i = 0; i < lines && idx > 0; i++) {
        idx = t.lastIndexOf('\n', idx - 2);
        if (idx < 0) {
          idx = 0;
          break;
        }
      }
      return t.substring(idx == 0 ? 0 : idx + 1);
    }
  }
}
