package dev.zonesync.model;

/** Record data that cannot be read as its type's presentation format. */
public class InvalidRdataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidRdataException(RrType type, String value, String problem) {
    super("invalid " + type + " value '" + value + "': " + problem);
  }

  public InvalidRdataException(RrType type, String value, String problem, Throwable cause) {
    super("invalid " + type + " value '" + value + "': " + problem, cause);
  }
}
