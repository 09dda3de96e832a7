package dev.zonesync.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether output goes to a terminal (for colours and the progress line). */
final class Terminal {

  private Terminal() {}

  /**
   * True when stdin/stdout are a terminal. {@code System.console()} alone is not enough on JDK 22+,
   * where it exists even when output is redirected; {@code Console.isTerminal()} (22+) says it.
   */
  static boolean stdoutIsTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Method m = Console.class.getMethod("isTerminal");
      return (Boolean) m.invoke(c);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console exists only for a terminal
    }
  }

  /** Best effort for stderr: a terminal session, and a terminal type that is not dumb. */
  static boolean isTerminal() {
    return stdoutIsTerminal() || (System.getenv("TERM") != null && System.console() != null);
  }
}
