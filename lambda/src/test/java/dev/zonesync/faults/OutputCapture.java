package dev.zonesync.faults;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures everything this JVM writes while open: {@code System.out} and {@code System.err} (still
 * passed through), and every log event of every logger at level ALL — message, MDC/context data and
 * the full stack trace with causes — whatever the configured levels and appenders are. Restores the
 * logging configuration on close.
 */
final class OutputCapture implements AutoCloseable {

  private final ByteArrayOutputStream streams = new ByteArrayOutputStream();
  private final StringBuilder events = new StringBuilder();
  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;
  private final LoggerContext context;
  private final Map<String, Level> levels = new HashMap<>();
  private final Appender appender = new Appender();

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
    context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    appender.start();
    config.addAppender(appender);
    for (LoggerConfig lc : config.getLoggers().values()) {
      levels.put(lc.getName(), lc.getLevel());
      lc.setLevel(Level.ALL);
      lc.addAppender(appender, Level.ALL, null);
    }
    LoggerConfig root = config.getRootLogger();
    if (!config.getLoggers().containsKey(root.getName())) {
      levels.put(root.getName(), root.getLevel());
      root.setLevel(Level.ALL);
      root.addAppender(appender, Level.ALL, null);
    }
    context.updateLoggers();
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
    Configuration config = context.getConfiguration();
    for (LoggerConfig lc : config.getLoggers().values()) {
      lc.removeAppender(appender.getName());
      Level l = levels.get(lc.getName());
      if (l != null) {
        lc.setLevel(l);
      }
    }
    config.getRootLogger().removeAppender(appender.getName());
    Level rootLevel = levels.get(config.getRootLogger().getName());
    if (rootLevel != null) {
      config.getRootLogger().setLevel(rootLevel);
    }
    context.updateLoggers();
    appender.stop();
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

  private final class Appender extends AbstractAppender {
    Appender() {
      super("fault-suite-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent e) {
      StringBuilder sb = new StringBuilder();
      sb.append(e.getLevel())
          .append(' ')
          .append(e.getLoggerName())
          .append(" - ")
          .append(e.getMessage().getFormattedMessage());
      if (e.getContextData() != null && !e.getContextData().isEmpty()) {
        sb.append(' ').append(e.getContextData());
      }
      if (e.getThrown() != null) {
        sb.append('\n').append(stackTrace(e.getThrown()));
      }
      synchronized (OutputCapture.this) {
        events.append(sb).append('\n');
      }
    }
  }
}
