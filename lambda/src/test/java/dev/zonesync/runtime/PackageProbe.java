package dev.zonesync.runtime;

import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;

/**
 * Runs in a fresh JVM whose class path is an unpacked deployment package plus this one class: loads
 * the handler class (its static logger starts log4j), logs through SLF4J and resolves host names,
 * as the first invocation does. Uses only the JDK at compile time, so it can be copied alone.
 */
public final class PackageProbe {

  private PackageProbe() {}

  public static void main(String[] args) {
    try {
      Class<?> handler = Class.forName(args[0]);
      Object logger =
          Class.forName("org.slf4j.LoggerFactory")
              .getMethod("getLogger", String.class)
              .invoke(null, "probe");
      logger.getClass().getMethod("info", String.class).invoke(logger, "probe logger works");
      InetAddress localhost = InetAddress.getByName("localhost");
      String local = InetAddress.getLocalHost().getHostName();
      System.out.println(
          "PROBE-OK "
              + handler.getName()
              + " "
              + localhost
              + " "
              + local
              + " java.version="
              + System.getProperty("java.version"));
    } catch (InvocationTargetException e) {
      e.getCause().printStackTrace();
      System.exit(1);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
  }
}
