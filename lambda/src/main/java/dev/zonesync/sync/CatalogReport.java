package dev.zonesync.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One consumed catalog's result, as the report's {@code catalogs} list shows it (README, "Catalog
 * zones"): the catalog's own status and every member with its state. The members' zone reports are
 * in the run's {@code zones}.
 *
 * @param status {@code UP_TO_DATE} (nothing about the members changed), {@code APPLIED} (members
 *     added, created, exposed, quarantined…), {@code DRY_RUN}, {@code REJECTED} (a reading that
 *     removes more members than the shrink threshold allows) or {@code FAILED} (the catalog cannot
 *     be transferred, is broken, or its records cannot be read or written)
 * @param serial the catalog serial the run read, or null
 * @param membersOmitted how many {@code mirrored} members the function's response leaves out (its
 *     byte budget), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogReport(
    String name,
    Status status,
    String error,
    Long serial,
    List<Member> members,
    Integer membersOmitted) {

  public CatalogReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    members = List.copyOf(members);
  }

  /** Every member listed. */
  public CatalogReport(
      String name, Status status, String error, Long serial, List<Member> members) {
    this(name, status, error, serial, members, null);
  }

  /**
   * The same report without its {@code mirrored} members, counted in {@code membersOmitted} instead
   * ({@code app.ResponseBudget}: the members that need no one's eye go first).
   */
  public CatalogReport withoutMirrored() {
    List<Member> kept = members.stream().filter(m -> !m.state().equals("mirrored")).toList();
    return new CatalogReport(name, status, error, serial, kept, members.size() - kept.size());
  }

  /**
   * One member.
   *
   * @param state {@code mirrored}, {@code created}, {@code refused}, {@code quarantined}, {@code
   *     configured-elsewhere}, {@code handed-over}, {@code removed} (its state record removed this
   *     run: retired, taken over or gone)
   * @param reason why, for the operator
   * @param since when its recorded state last changed (ISO 8601), or null when none is recorded
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Member(
      String name, String hostedZoneId, String state, String reason, String since) {
    public Member {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(state, "state");
    }

    /** A member without a recorded state time. */
    public Member(String name, String hostedZoneId, String state, String reason) {
      this(name, hostedZoneId, state, reason, null);
    }
  }
}
