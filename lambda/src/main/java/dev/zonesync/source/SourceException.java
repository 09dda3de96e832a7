package dev.zonesync.source;

import dev.zonesync.sync.port.TransferException;

/** A source zone could not be read. Messages name the zone, the master and what to do. */
public class SourceException extends TransferException {
  private static final long serialVersionUID = 1L;

  public SourceException(String message) {
    super(message);
  }

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
