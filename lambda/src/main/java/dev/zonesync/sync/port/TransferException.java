package dev.zonesync.sync.port;

/**
 * A zone transfer failed or was refused; for an incremental transfer the sync falls back to a full
 * one. Messages name the zone, the master and what to do.
 */
public class TransferException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TransferException(String message) {
    super(message);
  }

  public TransferException(String message, Throwable cause) {
    super(message, cause);
  }
}
