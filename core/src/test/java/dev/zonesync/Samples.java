package dev.zonesync;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared fixtures in {@code samples/} and {@code events/} from any test. */
public final class Samples {

  private Samples() {}

  public static Path projectRoot() {
    String prop = System.getProperty("zonesync.projectRoot");
    if (prop != null && Files.exists(Path.of(prop, "mvnw"))) {
      return Path.of(prop);
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("samples"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new IllegalStateException("cannot find the project root (a directory with mvnw)");
  }

  public static Path sample(String name) {
    return projectRoot().resolve("samples").resolve(name);
  }

  public static Path event(String name) {
    return projectRoot().resolve("events").resolve(name);
  }
}
