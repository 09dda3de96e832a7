package dev.zonesync.handler;

/** The Lambda payload is not a request zonesync understands; nothing ran. */
public class InvalidRequestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }
}
