package dev.zonesync.route53;

/** A Route 53 call failed; the message names the hosted zone, the operation and what to do. */
public class HostedZoneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HostedZoneException(String message, Throwable cause) {
    super(message, cause);
  }

  public HostedZoneException(String message) {
    super(message);
  }
}
