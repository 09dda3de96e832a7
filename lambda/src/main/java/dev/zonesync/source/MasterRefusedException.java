package dev.zonesync.source;

/** The master answered with an error rcode (REFUSED, NOTAUTH, NOTIMP, SERVFAIL...). */
public class MasterRefusedException extends SourceException {
  private static final long serialVersionUID = 1L;

  public MasterRefusedException(String message) {
    super(message);
  }
}
