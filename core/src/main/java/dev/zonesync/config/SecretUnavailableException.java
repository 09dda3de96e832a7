package dev.zonesync.config;

/** A TSIG secret could not be read. The message names where it was looked for, never the value. */
public class SecretUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SecretUnavailableException(String message) {
    super(message);
  }

  public SecretUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
