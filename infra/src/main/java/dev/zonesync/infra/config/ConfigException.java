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

  /**
   * The engine's parser refused the deployed configuration: its message, which lists every problem
   * with its zone and field, is the synth error.
   */
  public ConfigException(dev.zonesync.config.ConfigException engine) {
    super(ENGINE_FIELD + ": " + engine.getMessage(), engine);
    this.field = ENGINE_FIELD;
  }

  /** The field of errors found by the engine's parser (each problem names its own field). */
  public static final String ENGINE_FIELD = "(engine)";

  /** The path of the offending field, e.g. {@code zones[3].masters[0]}. */
  public String field() {
    return field;
  }
}
