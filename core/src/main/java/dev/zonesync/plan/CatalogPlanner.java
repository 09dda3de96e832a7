package dev.zonesync.plan;

import dev.zonesync.model.CatalogMember;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.MemberState;
import dev.zonesync.model.MemberState.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides what a catalog run does with each member: from the catalog's reading, the state records
 * Route 53 holds (this catalog's and the other consumed catalogs'), the hosted zones found gone and
 * the configuration's policy. Pure; every rule is one row of {@code CatalogPlannerTest}, and
 * docs/architecture.md ("Catalog zones: reading and deciding") lists them.
 *
 * <p>A broken reading (RFC 9432 §5.1), and a valid one that would remove more members than the
 * shrink threshold allows, change nothing: every recorded member that is not quarantined or handed
 * over keeps syncing from its recorded state.
 *
 * <p>Migration by {@code coo} (RFC 9432 §4.4.1) takes a handshake through the state records, since
 * each catalog runs on its own schedule and sees the other only through them, and one hosted zone
 * must never have two writers: the old catalog's record offers the member ({@code handedTo}); the
 * new catalog, once it lists the member, adopts the hosted zone (its own record) but does not sync
 * it yet; the old catalog, seeing the adoption while its {@code coo} still points there, hands it
 * over and stops; the new catalog then syncs it. A member of another consumed catalog that is not
 * offered is a name clash (§5.2): the catalog that recorded it first keeps it.
 */
public final class CatalogPlanner {

  private CatalogPlanner() {}

  /**
   * Plans one run.
   *
   * @param now the time recorded as {@code since} for every state that changes
   */
  public static CatalogPlan plan(
      DnsName catalog,
      CatalogReading reading,
      CatalogRecords records,
      CatalogPolicy policy,
      Instant now) {
    Run run = new Run(catalog, records, policy, now);
    return switch (reading) {
      case CatalogReading.Broken broken ->
          run.hold(
              CatalogPlan.Outcome.BROKEN,
              "catalog "
                  + catalog
                  + " is broken: "
                  + broken.reason()
                  + ". Nothing was changed; the members of its last valid reading keep syncing"
                  + " until it is fixed (RFC 9432 §5.1).");
      case CatalogReading.Valid valid -> run.apply(valid);
    };
  }

  /** One planning run's inputs, indexed. */
  private static final class Run {
    private final DnsName catalog;
    private final CatalogRecords records;
    private final CatalogPolicy policy;
    private final Instant now;
    private final Map<DnsName, MemberState> recordedByMember = new HashMap<>();
    private final Map<DnsName, List<RecordedElsewhere>> elsewhere = new HashMap<>();

    Run(DnsName catalog, CatalogRecords records, CatalogPolicy policy, Instant now) {
      this.catalog = catalog;
      this.records = records;
      this.policy = policy;
      this.now = now;
      for (MemberState s : records.here().values()) {
        recordedByMember.put(s.member(), s);
      }
      for (RecordedElsewhere r : records.elsewhere()) {
        if (!r.catalog().equals(catalog)) {
          elsewhere.computeIfAbsent(r.state().member(), k -> new ArrayList<>()).add(r);
        }
      }
      // one order whatever the engine's, so reasons name the same catalog every run
      elsewhere.values().forEach(l -> l.sort(Comparator.comparing(RecordedElsewhere::catalog)));
    }

    // ---- a reading that changes nothing ----

    CatalogPlan hold(CatalogPlan.Outcome outcome, String why) {
      String kept =
          outcome == CatalogPlan.Outcome.BROKEN
              ? "kept from the last valid reading (the catalog is broken)"
              : "kept (the reading was rejected)";
      List<MemberDecision> decisions = new ArrayList<>();
      for (MemberState r : records.here().values()) {
        decisions.add(
            switch (r.state()) {
              case CREATED, MIRRORED -> {
                if (r.hostedZoneId() == null) {
                  yield decision(
                      r,
                      MemberAction.KEEP,
                      kept + "; its hosted zone is not created yet",
                      r,
                      false);
                }
                if (gone(r)) {
                  yield decision(
                      r,
                      MemberAction.KEEP,
                      kept
                          + "; its hosted zone "
                          + r.hostedZoneId()
                          + " is gone: created again once a reading is applied",
                      r,
                      false);
                }
                Optional<RecordedElsewhere> offering = offeringSameZone(r);
                if (offering.isPresent()) {
                  yield decision(
                      r, MemberAction.ADOPT, kept + "; " + waitingFor(offering.get()), r, false);
                }
                yield decision(r, MemberAction.KEEP, kept, r, true);
              }
              case QUARANTINED ->
                  decision(r, MemberAction.STILL_QUARANTINED, quarantinedText(r), r, false);
              case HANDED_OVER ->
                  decision(
                      r,
                      MemberAction.HAND_OVER,
                      "handed over to " + r.handedTo() + " by coo; " + kept,
                      r,
                      false);
            });
      }
      return new CatalogPlan(catalog, outcome, why, sorted(decisions), List.of(), List.of());
    }

    // ---- a valid reading ----

    CatalogPlan apply(CatalogReading.Valid valid) {
      Map<DnsName, CatalogMember> listed = new HashMap<>();
      for (CatalogMember m : valid.members()) {
        listed.put(m.zone(), m);
      }
      int base = 0;
      int removed = 0;
      for (MemberState r : records.here().values()) {
        if (r.active()) {
          base++;
          if (!listed.containsKey(r.member()) && !handedToHolder(r)) {
            removed++;
          }
        }
      }
      String note = "";
      CatalogShrinkLimits limits = policy.shrink();
      if (base >= limits.minMembers() && base > 0 && removed > limits.maxRemoveFraction() * base) {
        String what =
            String.format(
                Locale.ROOT,
                "the reading removes %d of the %d members synced now (%.1f %%), above"
                    + " shrink.maxRemoveFraction = %.0f %%",
                removed,
                base,
                100.0 * removed / base,
                100.0 * limits.maxRemoveFraction());
        if (!policy.force()) {
          return hold(
              CatalogPlan.Outcome.REJECTED,
              "catalog "
                  + catalog
                  + ": "
                  + what
                  + ". Nothing was changed; its recorded members keep syncing. If the catalog"
                  + " really lost these members, re-run with force (CLI --force, request"
                  + " \"force\": true) or raise the catalog's shrink limits; otherwise check its"
                  + " producer (a generator that lost its zone list?).");
        }
        note = what + " (overridden by force)";
      }

      Map<DnsName, MemberDecision> decisions = new HashMap<>();
      Set<String> held = new HashSet<>();
      for (MemberState r : records.here().values()) {
        if (!listed.containsKey(r.member())) {
          MemberDecision d = unlisted(r);
          decisions.put(r.member(), d);
          if (d.state() != null) {
            held.add(d.state().label());
          }
        }
      }
      for (CatalogMember m : valid.members()) {
        decisions.put(m.zone(), listed(m));
      }
      settleLabels(valid, decisions, held);
      List<MemberDecision> ordered = sorted(new ArrayList<>(decisions.values()));
      return new CatalogPlan(
          catalog, CatalogPlan.Outcome.APPLIED, note, ordered, writes(ordered), deletes(ordered));
    }

    /**
     * State records are named by label, and a producer may give a label that still names another
     * member's kept record (a quarantined one, say) to a new member. The kept record holds its
     * label; a listed member wanting it stays under its recorded label, or, new, waits (refused)
     * until that record goes. Each step frees no label and holds a recorded one, so it ends.
     */
    private void settleLabels(
        CatalogReading.Valid valid, Map<DnsName, MemberDecision> decisions, Set<String> held) {
      Set<DnsName> settled = new HashSet<>();
      boolean changed = true;
      while (changed) {
        changed = false;
        for (CatalogMember m : valid.members()) {
          MemberDecision d = decisions.get(m.zone());
          if (settled.contains(m.zone())
              || d.state() == null
              || !held.contains(d.state().label())) {
            continue;
          }
          String label = d.state().label();
          String holder = holderOf(label, decisions, m.zone());
          MemberState r = recordedByMember.get(m.zone());
          MemberDecision settledDecision;
          if (r != null && !held.contains(r.label())) {
            MemberDecision stay =
                listed(new CatalogMember(m.zone(), r.label(), m.groups(), m.coo()));
            settledDecision =
                new MemberDecision(
                    stay.member(),
                    stay.label(),
                    stay.action(),
                    stay.reason()
                        + " (listed under "
                        + m.label()
                        + ", which still names the state record of "
                        + holder
                        + ": kept under "
                        + r.label()
                        + " until that record goes)",
                    stay.state(),
                    stay.sync());
            held.add(r.label());
          } else {
            settledDecision =
                new MemberDecision(
                    m.zone(),
                    m.label(),
                    MemberAction.REFUSE,
                    "its member node label "
                        + m.label()
                        + " still names the state record of "
                        + holder
                        + ": give it another label in the catalog, or retire "
                        + holder
                        + " (delete its hosted zone)",
                    r,
                    false);
            if (r != null) {
              held.add(r.label());
            }
          }
          decisions.put(m.zone(), settledDecision);
          settled.add(m.zone());
          changed = true;
        }
      }
    }

    private static String holderOf(
        String label, Map<DnsName, MemberDecision> decisions, DnsName except) {
      return decisions.values().stream()
          .filter(d -> !d.member().equals(except))
          .filter(d -> d.state() != null && d.state().label().equals(label))
          .map(d -> d.member().text())
          .findFirst()
          .orElse("another member");
    }

    private MemberDecision listed(CatalogMember m) {
      MemberState r = recordedByMember.get(m.zone());
      if (m.zone().equals(catalog)) {
        return decision(
            m,
            MemberAction.CONFIGURED_ELSEWHERE,
            "is the catalog zone itself: a member whose name clashes with a configured zone is"
                + " ignored (RFC 9432 §5.2)",
            null,
            false);
      }
      if (policy.configuredZones().contains(m.zone())) {
        return decision(
            m,
            MemberAction.CONFIGURED_ELSEWHERE,
            "listed under zones:, which wins (RFC 9432 §5.2)"
                + (r == null || r.hostedZoneId() == null
                    ? ""
                    : "; this catalog's state record of hosted zone "
                        + r.hostedZoneId()
                        + " is removed: the zones: entry decides its hosted zone, and one it"
                        + " does not use can be retired"),
            null,
            false);
      }
      Optional<String> refusal = CatalogNameRules.refusal(catalog, m.zone(), policy.allow());
      if (refusal.isPresent()) {
        return refuse(m, r, refusal.get());
      }
      String group = null;
      if (!policy.groups().isEmpty() && !m.groups().isEmpty()) {
        group = policy.groups().stream().filter(m.groups()::contains).findFirst().orElse(null);
        if (group == null) {
          return refuse(
              m,
              r,
              "it names only groups the configuration does not define: "
                  + m.groups()
                  + " (configured: "
                  + policy.groups()
                  + ")");
        }
      }
      return r == null ? newMember(m, group) : recorded(m, r, group);
    }

    /** Refused: never mirrored; a member synced until now is quarantined, not dropped. */
    private MemberDecision refuse(CatalogMember m, MemberState r, String why) {
      if (r == null) {
        return decision(m, MemberAction.REFUSE, why, null, false);
      }
      if (r.active() && r.hostedZoneId() == null) {
        return decision(
            m, MemberAction.REFUSE, why + "; no hosted zone was recorded for it", null, false);
      }
      if (r.active()) {
        return decision(
            m,
            MemberAction.REFUSE,
            why + "; its hosted zone " + r.hostedZoneId() + " is quarantined",
            r.withLabel(m.label()).in(State.QUARANTINED, now),
            false);
      }
      return decision(m, MemberAction.REFUSE, why, r.withLabel(m.label()), false);
    }

    private MemberDecision newMember(CatalogMember m, String group) {
      List<RecordedElsewhere> others = elsewhere.getOrDefault(m.zone(), List.of());
      Optional<RecordedElsewhere> offer =
          others.stream()
              .filter(o -> catalog.equals(o.state().handedTo()))
              .filter(o -> o.state().hostedZoneId() != null)
              .findFirst();
      if (offer.isPresent()) {
        MemberState from = offer.get().state();
        boolean handed = from.state() == State.HANDED_OVER;
        boolean reset = !from.label().equals(m.label());
        MemberState adopted =
            new MemberState(
                m.zone(),
                m.label(),
                from.hostedZoneId(),
                State.CREATED,
                from.generation(),
                false,
                now,
                group,
                reset,
                null);
        return decision(
            m,
            MemberAction.ADOPT,
            "migrated here by coo from "
                + offer.get().catalog()
                + ": its hosted zone "
                + from.hostedZoneId()
                + " is kept"
                + (handed
                    ? " and synced here, then exposed to this catalog's exposeTo"
                    : "; " + offer.get().catalog() + " syncs it until it hands it over")
                + (reset
                    ? "; its label changed from "
                        + from.label()
                        + " to "
                        + m.label()
                        + ", so its state is reset and the first sync here is a full one"
                        + " (RFC 9432 §4.4.1)"
                    : ""),
            adopted,
            handed);
      }
      Optional<RecordedElsewhere> holder = holder(others);
      if (holder.isPresent()) {
        return decision(m, MemberAction.CLASH, clashText(holder.get()), null, false);
      }
      Optional<RecordedElsewhere> left =
          others.stream()
              .filter(o -> o.state().state() == State.QUARANTINED)
              .max(Comparator.comparing((RecordedElsewhere o) -> o.state().since()));
      if (left.isPresent()) {
        MemberState from = left.get().state();
        return decision(
            m,
            MemberAction.ADOPT,
            "left "
                + left.get().catalog()
                + ", which quarantined it: its hosted zone "
                + from.hostedZoneId()
                + " is taken over and synced in full (a second private zone of the same name"
                + " could not be exposed to the same VPCs)",
            new MemberState(
                m.zone(),
                m.label(),
                from.hostedZoneId(),
                State.CREATED,
                from.generation(),
                false,
                now,
                group,
                true,
                null),
            true);
      }
      if (!policy.create()) {
        return decision(
            m,
            MemberAction.REFUSE,
            "hostedZones.create is false and no hosted zone is recorded for it",
            null,
            false);
      }
      return decision(
          m,
          MemberAction.CREATE,
          "new member: a private hosted zone is created for it, synced in full, then exposed",
          MemberState.toCreate(m.zone(), m.label(), 1, group, now),
          true);
    }

    private MemberDecision recorded(CatalogMember m, MemberState r, String group) {
      List<RecordedElsewhere> others = elsewhere.getOrDefault(m.zone(), List.of());
      return switch (r.state()) {
        case HANDED_OVER -> {
          DnsName to = r.handedTo();
          if (to.equals(m.coo())) {
            yield decision(
                m,
                MemberAction.HAND_OVER,
                "handed over to " + to + " by coo; " + to + " syncs it",
                r.withLabel(m.label()),
                false);
          }
          Optional<RecordedElsewhere> holder =
              others.stream().filter(o -> o.catalog().equals(to) && o.state().active()).findFirst();
          if (holder.isPresent()) {
            yield decision(
                m,
                MemberAction.CLASH,
                "handed over to "
                    + to
                    + ", which holds it; its coo no longer points there (RFC 9432 §5.2)",
                r.withLabel(m.label()),
                false);
          }
          yield decision(
              m,
              MemberAction.RESUME,
              "handed over to "
                  + to
                  + ", which no longer holds it, and listed here without coo to it: taken back"
                  + " and synced in full",
              resumed(r, m, group),
              true);
        }
        case QUARANTINED -> {
          if (gone(r)) {
            yield recreate(m, r, group);
          }
          Optional<RecordedElsewhere> holder = holder(others);
          if (holder.isPresent() && r.hostedZoneId().equals(holder.get().state().hostedZoneId())) {
            yield decision(
                m,
                MemberAction.CLASH,
                "quarantined here, and "
                    + holder.get().catalog()
                    + " now holds it with the same hosted zone "
                    + r.hostedZoneId()
                    + ": this catalog's state record is removed (RFC 9432 §5.2)",
                null,
                false);
          }
          if (holder.isPresent()) {
            yield decision(
                m,
                MemberAction.CLASH,
                "quarantined here (hosted zone "
                    + r.hostedZoneId()
                    + "), and "
                    + clashText(holder.get()),
                r.withLabel(m.label()),
                false);
          }
          yield decision(
              m,
              MemberAction.RESUME,
              "listed again after its quarantine: its hosted zone "
                  + r.hostedZoneId()
                  + " is synced again, in full"
                  + relabelNote(r, m),
              resumed(r, m, group),
              true);
        }
        case CREATED, MIRRORED -> active(m, r, group, others);
      };
    }

    private MemberDecision active(
        CatalogMember m, MemberState r, String group, List<RecordedElsewhere> others) {
      if (r.hostedZoneId() == null) {
        if (!policy.create()) {
          return decision(
              m,
              MemberAction.REFUSE,
              "hostedZones.create is false and no hosted zone is recorded for it",
              r.withLabel(m.label()),
              false);
        }
        return decision(
            m,
            MemberAction.CREATE,
            "its hosted zone was not recorded as created: created now (the same caller reference"
                + " finds one an earlier run created)",
            MemberState.toCreate(m.zone(), m.label(), r.generation(), group, now),
            true);
      }
      if (gone(r)) {
        return recreate(m, r, group);
      }
      Optional<RecordedElsewhere> offering = offeringSameZone(r);
      if (offering.isPresent()) {
        return decision(
            m, MemberAction.ADOPT, waitingFor(offering.get()), moved(r, m, group), false);
      }
      Optional<RecordedElsewhere> rival =
          others.stream()
              .filter(o -> o.state().active())
              .filter(o -> !o.catalog().equals(r.handedTo()))
              .min(
                  Comparator.comparing((RecordedElsewhere o) -> o.state().since())
                      .thenComparing(RecordedElsewhere::catalog));
      if (rival.isPresent() && holdsFirst(rival.get(), r)) {
        RecordedElsewhere o = rival.get();
        boolean sameZone = r.hostedZoneId().equals(o.state().hostedZoneId());
        return decision(
            m,
            MemberAction.CLASH,
            o.catalog()
                + " holds it too and recorded it first (RFC 9432 §5.2: the new instance is"
                + " ignored)"
                + (sameZone
                    ? "; this catalog's state record of the same hosted zone "
                        + r.hostedZoneId()
                        + " is removed"
                    : "; its hosted zone " + r.hostedZoneId() + " here is quarantined"),
            sameZone ? null : r.withLabel(m.label()).in(State.QUARANTINED, now),
            false);
      }
      DnsName to = m.coo();
      boolean migrating = to != null && !to.equals(catalog) && policy.otherCatalogs().contains(to);
      if (migrating && heldBy(to, m.zone(), r.hostedZoneId())) {
        return decision(
            m,
            MemberAction.HAND_OVER,
            "its coo points at "
                + to
                + ", which now holds it (the same hosted zone "
                + r.hostedZoneId()
                + "): handed over, no longer synced here (RFC 9432 §4.4.1)",
            r.withLabel(m.label()).withGroup(group).handedOver(to, now),
            false);
      }
      MemberState next = moved(r, m, group).withHandedTo(migrating ? to : null);
      String coo =
          migrating
              ? "; its coo points at "
                  + to
                  + ": offered, and synced here until "
                  + to
                  + " lists it and takes it over (RFC 9432 §4.4.1)"
              : to != null && !to.equals(catalog)
                  ? "; its coo points at " + to + ", which this deployment does not consume"
                  : "";
      String groupNote =
          Objects.equals(r.group(), group)
              ? ""
              : "; its group changed from "
                  + (r.group() == null ? "the catalog's defaults" : r.group())
                  + " to "
                  + (group == null ? "the catalog's defaults" : group);
      if (!r.label().equals(m.label())) {
        return decision(
            m,
            MemberAction.RELABEL,
            "listed under a new label ("
                + r.label()
                + " -> "
                + m.label()
                + "): its hosted zone "
                + r.hostedZoneId()
                + " is kept and its state reset, so its next sync is a full one (RFC 9432 §5.4)"
                + groupNote
                + coo,
            next,
            true);
      }
      return decision(
          m,
          MemberAction.KEEP,
          (r.state() == State.CREATED ? "created; its first complete sync is pending" : "mirrored")
              + groupNote
              + coo,
          next,
          true);
    }

    private MemberDecision unlisted(MemberState r) {
      return switch (r.state()) {
        case HANDED_OVER ->
            decision(
                r,
                MemberAction.DROP,
                "handed over to "
                    + r.handedTo()
                    + " and no longer listed here: its state record is removed",
                null,
                false);
        case QUARANTINED -> {
          if (gone(r)) {
            yield decision(
                r,
                MemberAction.DROP,
                "quarantined, and its hosted zone "
                    + r.hostedZoneId()
                    + " was deleted (retired): its state record is removed",
                null,
                false);
          }
          Optional<RecordedElsewhere> taker =
              elsewhere.getOrDefault(r.member(), List.of()).stream()
                  .filter(o -> o.state().active())
                  .filter(o -> r.hostedZoneId().equals(o.state().hostedZoneId()))
                  .findFirst();
          if (taker.isPresent()) {
            yield decision(
                r,
                MemberAction.DROP,
                "quarantined here, and "
                    + taker.get().catalog()
                    + " took over its hosted zone "
                    + r.hostedZoneId()
                    + ": its state record here is removed",
                null,
                false);
          }
          yield decision(r, MemberAction.STILL_QUARANTINED, quarantinedText(r), r, false);
        }
        case CREATED, MIRRORED -> {
          if (r.hostedZoneId() == null) {
            yield decision(
                r,
                MemberAction.DROP,
                "left the catalog before its hosted zone was recorded (caller reference "
                    + r.callerReference(catalog)
                    + " finds one if it was created)",
                null,
                false);
          }
          if (handedToHolder(r)) {
            yield decision(
                r,
                MemberAction.DROP,
                "handed over to "
                    + r.handedTo()
                    + " by coo, which holds it, and no longer listed here: its state record is"
                    + " removed",
                null,
                false);
          }
          if (gone(r)) {
            yield decision(
                r,
                MemberAction.DROP,
                "left the catalog, and its hosted zone "
                    + r.hostedZoneId()
                    + " is gone: its state record is removed",
                null,
                false);
          }
          yield decision(
              r,
              MemberAction.QUARANTINE,
              "no longer listed: quarantined; its hosted zone "
                  + r.hostedZoneId()
                  + " is kept as it is and no longer synced (zonesync never deletes a hosted"
                  + " zone; delete it to retire it)",
              r.in(State.QUARANTINED, now).withReset(false),
              false);
        }
      };
    }

    // ---- helpers ----

    private MemberDecision recreate(CatalogMember m, MemberState r, String group) {
      if (!policy.create()) {
        return decision(
            m,
            MemberAction.REFUSE,
            "its hosted zone " + r.hostedZoneId() + " is gone and hostedZones.create is false",
            r.withLabel(m.label()),
            false);
      }
      int generation = r.generation() + 1;
      return decision(
          m,
          MemberAction.RECREATE,
          "its hosted zone "
              + r.hostedZoneId()
              + " is gone (deleted outside zonesync): created again (generation "
              + generation
              + "), synced in full, then exposed",
          MemberState.toCreate(m.zone(), m.label(), generation, group, now),
          true);
    }

    /** A quarantined or taken-back member synced again: in full, exposed as it was. */
    private MemberState resumed(MemberState r, CatalogMember m, String group) {
      return new MemberState(
          m.zone(),
          m.label(),
          r.hostedZoneId(),
          r.exposed() ? State.MIRRORED : State.CREATED,
          r.generation(),
          r.exposed(),
          now,
          group,
          true,
          null);
    }

    /** The recorded state under the listed label (a new one resets it) with the chosen group. */
    private static MemberState moved(MemberState r, CatalogMember m, String group) {
      MemberState s = r.withGroup(group);
      return r.label().equals(m.label()) ? s : s.withLabel(m.label()).withReset(true);
    }

    private String relabelNote(MemberState r, CatalogMember m) {
      return r.label().equals(m.label())
          ? ""
          : " (listed under a new label, " + r.label() + " -> " + m.label() + ")";
    }

    private boolean gone(MemberState r) {
      return r.hostedZoneId() != null && records.goneHostedZones().contains(r.hostedZoneId());
    }

    /** Another catalog's active record of this member that offers it here, same hosted zone. */
    private Optional<RecordedElsewhere> offeringSameZone(MemberState r) {
      return elsewhere.getOrDefault(r.member(), List.of()).stream()
          .filter(o -> o.state().active())
          .filter(o -> catalog.equals(o.state().handedTo()))
          .filter(
              o -> r.hostedZoneId() != null && r.hostedZoneId().equals(o.state().hostedZoneId()))
          .findFirst();
    }

    private static String waitingFor(RecordedElsewhere from) {
      return "adopted from "
          + from.catalog()
          + " by coo; "
          + from.catalog()
          + " syncs it until it hands it over (one writer per hosted zone)";
    }

    /** Whether {@code other} recorded the member before this catalog did (ties: by name). */
    private boolean holdsFirst(RecordedElsewhere other, MemberState mine) {
      int c = other.state().since().compareTo(mine.since());
      return c < 0 || (c == 0 && other.catalog().compareTo(catalog) < 0);
    }

    /** The catalog whose {@code coo} this member followed holds it now, with the same zone. */
    private boolean handedToHolder(MemberState r) {
      return r.handedTo() != null && heldBy(r.handedTo(), r.member(), r.hostedZoneId());
    }

    private boolean heldBy(DnsName other, DnsName member, String hostedZoneId) {
      return hostedZoneId != null
          && elsewhere.getOrDefault(member, List.of()).stream()
              .anyMatch(
                  o ->
                      o.catalog().equals(other)
                          && o.state().active()
                          && hostedZoneId.equals(o.state().hostedZoneId()));
    }

    /** The other catalog that holds the member (active, or handed on), earliest first. */
    private static Optional<RecordedElsewhere> holder(List<RecordedElsewhere> others) {
      return others.stream()
          .filter(o -> o.state().active() || o.state().state() == State.HANDED_OVER)
          .min(
              Comparator.comparing((RecordedElsewhere o) -> !o.state().active())
                  .thenComparing(o -> o.state().since())
                  .thenComparing(RecordedElsewhere::catalog));
    }

    private static String clashText(RecordedElsewhere holder) {
      MemberState s = holder.state();
      if (s.state() == State.HANDED_OVER) {
        return "already a member of "
            + holder.catalog()
            + ", which handed it over to "
            + s.handedTo()
            + " (RFC 9432 §5.2: the new instance is ignored)";
      }
      return "already a member of "
          + holder.catalog()
          + (s.hostedZoneId() == null ? "" : " (hosted zone " + s.hostedZoneId() + ")")
          + ", whose coo does not point here (RFC 9432 §5.2: the new instance is ignored)";
    }

    private static String quarantinedText(MemberState r) {
      return "quarantined since "
          + r.since()
          + ": not listed; its hosted zone "
          + r.hostedZoneId()
          + " is kept as it is (delete it to retire it)";
    }

    private static MemberDecision decision(
        CatalogMember m, MemberAction action, String reason, MemberState state, boolean sync) {
      return new MemberDecision(m.zone(), m.label(), action, reason, state, sync);
    }

    private static MemberDecision decision(
        MemberState r, MemberAction action, String reason, MemberState state, boolean sync) {
      return new MemberDecision(r.member(), r.label(), action, reason, state, sync);
    }

    private static List<MemberDecision> sorted(List<MemberDecision> decisions) {
      decisions.sort(
          Comparator.comparing(MemberDecision::member).thenComparing(MemberDecision::label));
      return List.copyOf(decisions);
    }

    private List<MemberState> writes(List<MemberDecision> decisions) {
      Set<String> labels = new HashSet<>();
      List<MemberState> writes = new ArrayList<>();
      for (MemberDecision d : decisions) {
        MemberState s = d.state();
        if (s == null) {
          continue;
        }
        if (!labels.add(s.label())) {
          throw new IllegalStateException(
              "catalog " + catalog + ": two members' states under label " + s.label());
        }
        if (!s.equals(records.here().get(s.label()))) {
          writes.add(s);
        }
      }
      return writes;
    }

    private List<String> deletes(List<MemberDecision> decisions) {
      Set<String> kept = new HashSet<>();
      for (MemberDecision d : decisions) {
        if (d.state() != null) {
          kept.add(d.state().label());
        }
      }
      TreeSet<String> deletes = new TreeSet<>(records.here().keySet());
      deletes.removeAll(kept);
      return List.copyOf(deletes);
    }
  }
}
