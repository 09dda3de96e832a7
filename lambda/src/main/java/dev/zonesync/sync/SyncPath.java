package dev.zonesync.sync;

/** Which path a zone's run took, as the report's {@code path} shows it (README, "Reports"). */
enum SyncPath {
  /** The serials matched: one read of the marker (or none, when this container wrote it). */
  SERIAL_CHECK("serial-check"),
  /** Incremental, in one validated request, without reading the touched names. */
  OPTIMISTIC("optimistic"),
  /** The validated request was refused: the touched names were read and reconciled. */
  OPTIMISTIC_REFUSED("optimistic-refused"),
  /** Incremental, reading the touched names first. */
  READ("read"),
  /** A full transfer against a full read of the hosted zone. */
  FULL("full");

  private final String text;

  SyncPath(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }
}
