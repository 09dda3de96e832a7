package dev.zonesync.config;

import java.util.List;

/**
 * A zone was asked for by name (CLI {@code --zone}, request {@code zones}) that the configuration
 * does not hold: an argument error, not an invalid configuration.
 */
public final class UnknownZoneException extends ConfigException {
  private static final long serialVersionUID = 1L;

  public UnknownZoneException(List<String> unknown, List<String> configured) {
    super("unknown zone(s) " + unknown + "; configured zones are " + configured, (Throwable) null);
  }
}
