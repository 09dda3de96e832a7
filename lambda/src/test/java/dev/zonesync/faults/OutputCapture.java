package dev.zonesync.faults;

import dev.zonesync.logging.LogConfig;
import dev.zonesync.logging.LogEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * Captures everything this JVM writes while open: {@code System.out} and {@code System.err} (still
 * passed through), and every log event of every logger at level ALL — message, MDC/context data and
 * the full stack trace with causes — whatever the configured levels are. Restores the logging
 * configuration on close.
 */
final class OutputCapture implements AutoCloseable {

  private final ByteArrayOutputStream streams = new ByteArrayOutputStream();
  private final StringBuilder events = new StringBuilder();
  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;
  private final AutoCloseable logCapture;

  OutputCapture() {
    this(true);
  }

  /**
   * @param passThrough also write to the real stdout/stderr (false for a test that prints a planted
   *     secret on purpose)
   */
  OutputCapture(boolean passThrough) {
    OutputStream nowhere = OutputStream.nullOutputStream();
    System.setOut(
        new PrintStream(
            new Tee(passThrough ? originalOut : nowhere), true, StandardCharsets.UTF_8));
    System.setErr(
        new PrintStream(
            new Tee(passThrough ? originalErr : nowhere), true, StandardCharsets.UTF_8));
    logCapture = LogConfig.captureAll(this::event);
  }

  /** Everything captured so far: streams, then log events. */
  String text() {
    synchronized (this) {
      return streams.toString(StandardCharsets.UTF_8) + "\n" + events;
    }
  }

  /** Adds text produced elsewhere (reports, exception traces, child process output). */
  synchronized void add(String more) {
    events.append(more).append('\n');
  }

  static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  @Override
  public void close() {
    System.setOut(originalOut);
    System.setErr(originalErr);
    try {
      logCapture.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private final class Tee extends OutputStream {
    private final OutputStream through;

    Tee(OutputStream through) {
      this.through = through;
    }

    @Override
    public void write(int b) {
      synchronized (OutputCapture.this) {
        streams.write(b);
      }
      try {
        through.write(b);
      } catch (java.io.IOException ignored) {
        // best effort
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (OutputCapture.this) {
        streams.write(b, off, len);
      }
      try {
        through.write(b, off, len);
      } catch (java.io.IOException ignored) {
        // best effort
      }
    }
  }

  private void event(LogEvent e) {
    StringBuilder sb = new StringBuilder();
    sb.append(e.level()).append(' ').append(e.logger()).append(" - ").append(e.message());
    if (!e.mdc().isEmpty()) {
      sb.append(' ').append(e.mdc());
    }
    if (e.thrown() != null) {
      sb.append('\n').append(stackTrace(e.thrown()));
    }
    synchronized (this) {
      events.append(sb).append('\n');
    }
  }
}
