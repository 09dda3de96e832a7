package dev.zonesync.sync;

/** Which zone transfer a run used. */
public enum TransferKind {
  NONE,
  IXFR,
  AXFR
}
