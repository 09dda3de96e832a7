package dev.zonesync.config;

import java.util.List;

/**
 * The configuration is invalid. Each problem names the zone and field (e.g. {@code zones[1]
 * (corp.example.).masters[0]}) and what to write instead. Nothing runs with a bad configuration, so
 * Route 53 is untouched.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super("invalid configuration " + source + ":\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of(message);
  }

  public List<String> problems() {
    return problems;
  }
}
