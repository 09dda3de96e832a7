package dev.zonesync.plan;

/** What a catalog run does with one member (docs/architecture.md, "Catalog zones"). */
public enum MemberAction {
  /** Recorded here and still listed: synced. */
  KEEP,
  /** New member: its hosted zone is created, then it is synced, then exposed. */
  CREATE,
  /** Its recorded hosted zone is gone (an operator deleted it): created again, next generation. */
  RECREATE,
  /** Not mirrored: outside allow, a dangerous name, an unknown group, or nothing to sync into. */
  REFUSE,
  /** A zone configured under {@code zones:} (or the catalog itself) has this name and wins. */
  CONFIGURED_ELSEWHERE,
  /** Already a member of another consumed catalog, with no {@code coo} to this one. */
  CLASH,
  /** Migrated here by {@code coo} from another consumed catalog: its hosted zone is kept. */
  ADOPT,
  /** Same member, new member node label: its hosted zone kept, its next sync a full one. */
  RELABEL,
  /** Recorded, no longer listed: not synced, its hosted zone kept and reported. */
  QUARANTINE,
  /** Quarantined and listed again: synced again, in full. */
  RESUME,
  /** Quarantined and still not listed. */
  STILL_QUARANTINED,
  /** Its {@code coo} points at another consumed catalog that took it: no longer synced here. */
  HAND_OVER,
  /** Handed over (or retired, or taken) and gone from this catalog: its state record removed. */
  DROP
}
