package dev.zonesync.source;

/** The master answered with an error rcode (REFUSED, NOTAUTH, NOTIMP, SERVFAIL...). */
public class MasterRefusedException extends SourceException {
  private static final long serialVersionUID = 1L;

  private final int rcode;

  public MasterRefusedException(String message, int rcode) {
    super(message);
    this.rcode = rcode;
  }

  public int rcode() {
    return rcode;
  }
}
