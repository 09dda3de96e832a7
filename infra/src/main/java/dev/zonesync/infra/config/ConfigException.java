package dev.zonesync.infra.config;

/**
 * An invalid zonesync config. The message always starts with the path of the offending field (for
 * example {@code deployment.vpc.subnetIds[1]}) so a failed synth tells the operator what to fix.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public ConfigException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public ConfigException(String field, String problem, Throwable cause) {
    super(field + ": " + problem, cause);
    this.field = field;
  }

  /** The path of the offending field, e.g. {@code zones[3].masters[0]}. */
  public String field() {
    return field;
  }
}
