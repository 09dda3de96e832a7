package dev.zonesync.source;

/**
 * A transfer arrived but cannot be trusted (docs/architecture.md, invariant 2): TSIG missing or
 * wrong on a message, opening and closing SOA disagree, names outside the zone, no apex SOA or NS,
 * or a size limit exceeded. Nothing is planned from it.
 */
public class TransferVerificationException extends SourceException {
  private static final long serialVersionUID = 1L;

  public TransferVerificationException(String message) {
    super(message);
  }
}
