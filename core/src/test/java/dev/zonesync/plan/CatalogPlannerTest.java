package dev.zonesync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.model.CatalogMember;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.MemberState;
import dev.zonesync.model.MemberState.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalog planner as tables: a member listed or recorded, what Route 53 holds about it here and
 * in the other consumed catalogs, the policy; out come its decision, the state records written and
 * deleted. Every decision and every rule of {@link CatalogPlanner} has a row.
 */
class CatalogPlannerTest {

  static final DnsName CAT = DnsName.of("catalog.corp.example.");
  static final DnsName OLD = DnsName.of("old.corp.example.");
  static final DnsName NEW = DnsName.of("new.corp.example.");
  static final Instant T0 = Instant.ofEpochSecond(1_700_000_000);
  static final Instant T1 = Instant.ofEpochSecond(1_750_000_000);
  static final Instant NOW = Instant.ofEpochSecond(1_796_119_200);

  // ---- builders ----

  /** {@code a} is {@code a.corp.example.}; a name with a trailing dot is taken as it is. */
  static DnsName z(String name) {
    return DnsName.of(name.endsWith(".") ? name : name + ".corp.example.");
  }

  static CatalogMember listed(String name, String label, String... groups) {
    return new CatalogMember(z(name), label, List.of(groups), null);
  }

  static CatalogMember listedWithCoo(String name, String label, DnsName coo) {
    return new CatalogMember(z(name), label, List.of(), coo);
  }

  static MemberState state(String name, String label, String zone, State s, Instant since) {
    return new MemberState(
        z(name),
        label,
        zone,
        s,
        1,
        s == State.MIRRORED || s == State.QUARANTINED,
        since,
        null,
        false,
        null);
  }

  static MemberState mirrored(String name, String label, String zone) {
    return state(name, label, zone, State.MIRRORED, T0);
  }

  static MemberState created(String name, String label, String zone) {
    return state(name, label, zone, State.CREATED, T0);
  }

  static MemberState quarantined(String name, String label, String zone) {
    return state(name, label, zone, State.QUARANTINED, T0);
  }

  static RecordedElsewhere at(DnsName catalog, MemberState state) {
    return new RecordedElsewhere(catalog, state);
  }

  static CatalogPolicy policy() {
    return policy(true, Set.of(), List.of(), CatalogShrinkLimits.DEFAULT, false);
  }

  static CatalogPolicy policy(
      boolean create,
      Set<DnsName> configured,
      List<String> groups,
      CatalogShrinkLimits shrink,
      boolean force) {
    return new CatalogPolicy(
        List.of(NamePattern.parse("corp.example."), NamePattern.parse("*.corp.example.")),
        create,
        configured,
        Set.of(OLD, NEW),
        groups,
        shrink,
        force);
  }

  static CatalogPolicy groups(String... names) {
    return policy(true, Set.of(), List.of(names), CatalogShrinkLimits.DEFAULT, false);
  }

  static CatalogPolicy noCreate() {
    return policy(false, Set.of(), List.of(), CatalogShrinkLimits.DEFAULT, false);
  }

  static CatalogPolicy configured(String name) {
    return policy(true, Set.of(z(name)), List.of(), CatalogShrinkLimits.DEFAULT, false);
  }

  /** One row: what the planner is given, and what it must answer. */
  static final class Row {
    final String what;
    List<CatalogMember> listed = List.of();
    List<MemberState> here = List.of();
    Set<String> gone = Set.of();
    List<RecordedElsewhere> elsewhere = List.of();
    CatalogPolicy policy = CatalogPlannerTest.policy();
    String decision;
    List<String> writes = List.of();
    List<String> deletes = List.of();

    Row(String what) {
      this.what = what;
    }

    Row listed(CatalogMember... m) {
      listed = List.of(m);
      return this;
    }

    Row here(MemberState... s) {
      here = List.of(s);
      return this;
    }

    Row gone(String... ids) {
      gone = Set.of(ids);
      return this;
    }

    Row elsewhere(RecordedElsewhere... r) {
      elsewhere = List.of(r);
      return this;
    }

    Row policy(CatalogPolicy p) {
      policy = p;
      return this;
    }

    Row decides(String d) {
      decision = d;
      return this;
    }

    Row writes(String... w) {
      writes = List.of(w);
      return this;
    }

    Row deletes(String... d) {
      deletes = List.of(d);
      return this;
    }

    CatalogPlan plan() {
      return CatalogPlanner.plan(
          CAT, new CatalogReading.Valid(2, listed), records(here, gone, elsewhere), policy, NOW);
    }

    @Override
    public String toString() {
      return what;
    }
  }

  static Row row(String what) {
    return new Row(what);
  }

  static CatalogRecords records(
      List<MemberState> here, Set<String> gone, List<RecordedElsewhere> elsewhere) {
    Map<String, MemberState> byLabel = new HashMap<>();
    here.forEach(s -> byLabel.put(s.label(), s));
    return new CatalogRecords(byLabel, gone, elsewhere);
  }

  /** {@code member@label ACTION[ sync]: reason}. */
  static String show(MemberDecision d) {
    return d.member()
        + "@"
        + d.label()
        + " "
        + d.action()
        + (d.sync() ? " sync" : "")
        + ": "
        + d.reason();
  }

  /** {@code label state zone|- gN[ exposed][ reset][ group=g][ to=catalog] since=T0|T1|NOW}. */
  static String show(MemberState s) {
    return s.label()
        + " "
        + s.state().text()
        + " "
        + (s.hostedZoneId() == null ? "-" : s.hostedZoneId())
        + " g"
        + s.generation()
        + (s.exposed() ? " exposed" : "")
        + (s.reset() ? " reset" : "")
        + (s.group() == null ? "" : " group=" + s.group())
        + (s.handedTo() == null ? "" : " to=" + s.handedTo())
        + " since="
        + (s.since().equals(T0)
            ? "T0"
            : s.since().equals(T1) ? "T1" : s.since().equals(NOW) ? "NOW" : s.since());
  }

  // ---- one member at a time ----

  static Stream<Row> members() {
    return Stream.of(
        // KEEP
        row("mirrored and still listed")
            .listed(listed("a", "m1"))
            .here(mirrored("a", "m1", "Z1"))
            .decides("a.corp.example.@m1 KEEP sync: mirrored"),
        row("created, its first complete sync still to come")
            .listed(listed("a", "m1"))
            .here(created("a", "m1", "Z1"))
            .decides("a.corp.example.@m1 KEEP sync: created; its first complete sync is pending"),
        row("a group named: recorded")
            .policy(groups("internal", "external"))
            .listed(listed("a", "m1", "internal"))
            .here(mirrored("a", "m1", "Z1"))
            .decides(
                "a.corp.example.@m1 KEEP sync: mirrored; its group changed from the catalog's"
                    + " defaults to internal")
            .writes("m1 mirrored Z1 g1 exposed group=internal since=T0"),
        row("several groups named: the first in configuration order wins")
            .policy(groups("internal", "external"))
            .listed(listed("a", "m1", "external", "internal", "unknown"))
            .here(mirrored("a", "m1", "Z1").withGroup("internal"))
            .decides("a.corp.example.@m1 KEEP sync: mirrored"),
        row("another group now")
            .policy(groups("internal", "external"))
            .listed(listed("a", "m1", "external", "unknown"))
            .here(mirrored("a", "m1", "Z1").withGroup("internal"))
            .decides(
                "a.corp.example.@m1 KEEP sync: mirrored; its group changed from internal to"
                    + " external")
            .writes("m1 mirrored Z1 g1 exposed group=external since=T0"),
        row("no group named any more: the catalog's defaults")
            .policy(groups("internal"))
            .listed(listed("a", "m1"))
            .here(mirrored("a", "m1", "Z1").withGroup("internal"))
            .decides(
                "a.corp.example.@m1 KEEP sync: mirrored; its group changed from internal to the"
                    + " catalog's defaults")
            .writes("m1 mirrored Z1 g1 exposed since=T0"),
        row("groups named, none configured: all ignored (RFC 9432 §4.4.2)")
            .listed(listed("a", "m1", "knot-template"))
            .here(mirrored("a", "m1", "Z1"))
            .decides("a.corp.example.@m1 KEEP sync: mirrored"),
        row("a coo to a catalog this deployment does not consume")
            .listed(listedWithCoo("a", "m1", z("elsewhere.example.")))
            .here(mirrored("a", "m1", "Z1"))
            .decides(
                "a.corp.example.@m1 KEEP sync: mirrored; its coo points at elsewhere.example.,"
                    + " which this deployment does not consume"),
        row("a coo to this catalog itself")
            .listed(listedWithCoo("a", "m1", CAT))
            .here(mirrored("a", "m1", "Z1"))
            .decides("a.corp.example.@m1 KEEP sync: mirrored"),
        row("a coo to another consumed catalog: offered, still synced here")
            .listed(listedWithCoo("a", "m1", NEW))
            .here(mirrored("a", "m1", "Z1"))
            .decides(
                "a.corp.example.@m1 KEEP sync: mirrored; its coo points at new.corp.example.:"
                    + " offered, and synced here until new.corp.example. lists it and takes it"
                    + " over (RFC 9432 §4.4.1)")
            .writes("m1 mirrored Z1 g1 exposed to=new.corp.example. since=T0"),
        row("offered, the coo withdrawn before the other catalog took it")
            .listed(listed("a", "m1"))
            .here(mirrored("a", "m1", "Z1").withHandedTo(NEW))
            .decides("a.corp.example.@m1 KEEP sync: mirrored")
            .writes("m1 mirrored Z1 g1 exposed since=T0"),
        row("offered, and the other catalog holds another zone of that name")
            .listed(listedWithCoo("a", "m1", NEW))
            .here(mirrored("a", "m1", "Z1"))
            .elsewhere(at(NEW, state("a", "m7", "Z9", State.CREATED, T1)))
            .decides(
                "a.corp.example.@m1 KEEP sync: mirrored; its coo points at new.corp.example.:"
                    + " offered, and synced here until new.corp.example. lists it and takes it"
                    + " over (RFC 9432 §4.4.1)")
            .writes("m1 mirrored Z1 g1 exposed to=new.corp.example. since=T0"),
        row("another catalog holds it too, but recorded it later: this one keeps it")
            .listed(listed("a", "m1"))
            .here(mirrored("a", "m1", "Z1"))
            .elsewhere(at(OLD, state("a", "m1", "Z7", State.MIRRORED, T1)))
            .decides("a.corp.example.@m1 KEEP sync: mirrored"),
        // CREATE, RECREATE
        row("a new member")
            .listed(listed("a", "m1"))
            .decides(
                "a.corp.example.@m1 CREATE sync: new member: a private hosted zone is created for"
                    + " it, synced in full, then exposed")
            .writes("m1 created - g1 since=NOW"),
        row("a new member with a group")
            .policy(groups("internal", "external"))
            .listed(listed("a", "m1", "external"))
            .decides(
                "a.corp.example.@m1 CREATE sync: new member: a private hosted zone is created for"
                    + " it, synced in full, then exposed")
            .writes("m1 created - g1 group=external since=NOW"),
        row("recorded to be created, the zone's ID never recorded: same generation")
            .listed(listed("a", "m1"))
            .here(MemberState.toCreate(z("a"), "m1", 2, null, T0))
            .decides(
                "a.corp.example.@m1 CREATE sync: its hosted zone was not recorded as created:"
                    + " created now (the same caller reference finds one an earlier run created)")
            .writes("m1 created - g2 since=NOW"),
        row("its hosted zone was deleted: the next generation")
            .listed(listed("a", "m1"))
            .here(mirrored("a", "m1", "Z1"))
            .gone("Z1")
            .decides(
                "a.corp.example.@m1 RECREATE sync: its hosted zone Z1 is gone (deleted outside"
                    + " zonesync): created again (generation 2), synced in full, then exposed")
            .writes("m1 created - g2 since=NOW"),
        row("quarantined, its zone deleted, and listed again")
            .listed(listed("a", "m1"))
            .here(quarantined("a", "m1", "Z1"))
            .gone("Z1")
            .decides(
                "a.corp.example.@m1 RECREATE sync: its hosted zone Z1 is gone (deleted outside"
                    + " zonesync): created again (generation 2), synced in full, then exposed")
            .writes("m1 created - g2 since=NOW"),
        // REFUSE
        row("a name that merely ends in an allowed suffix's letters")
            .listed(listed("evilcorp.example.", "m1"))
            .decides(
                "evilcorp.example.@m1 REFUSE: evilcorp.example. is outside allow [corp.example.,"
                    + " *.corp.example.]"),
        row("AWS's own namespace")
            .listed(listed("amazonaws.com.", "m1"))
            .decides(
                "amazonaws.com.@m1 REFUSE: amazonaws.com. lies in AWS's namespace amazonaws.com.:"
                    + " a private zone there would hide AWS endpoints from every associated VPC"),
        row("a top-level domain")
            .listed(listed("com.", "m1"))
            .decides(
                "com.@m1 REFUSE: com. is a top-level domain: a private zone for it would"
                    + " black-hole it in every associated VPC; zonesync never creates one from a"
                    + " catalog (list it under zones: if it is really yours)"),
        row("a name inside the catalog")
            .listed(listed("sub.catalog", "m1"))
            .decides(
                "sub.catalog.corp.example.@m1 REFUSE: sub.catalog.corp.example. lies inside the"
                    + " catalog zone catalog.corp.example."),
        row("new, and create: false")
            .policy(noCreate())
            .listed(listed("a", "m1"))
            .decides(
                "a.corp.example.@m1 REFUSE: hostedZones.create is false and no hosted zone is"
                    + " recorded for it"),
        row("its zone deleted, and create: false: the record kept for its generation")
            .policy(noCreate())
            .listed(listed("a", "m1"))
            .here(mirrored("a", "m1", "Z1"))
            .gone("Z1")
            .decides(
                "a.corp.example.@m1 REFUSE: its hosted zone Z1 is gone and hostedZones.create is"
                    + " false"),
        row("to be created, never created, and create: false now")
            .policy(noCreate())
            .listed(listed("a", "m1"))
            .here(MemberState.toCreate(z("a"), "m1", 1, null, T0))
            .decides(
                "a.corp.example.@m1 REFUSE: hostedZones.create is false and no hosted zone is"
                    + " recorded for it"),
        row("only groups the configuration does not define")
            .policy(groups("internal", "external"))
            .listed(listed("a", "m1", "other"))
            .decides(
                "a.corp.example.@m1 REFUSE: it names only groups the configuration does not"
                    + " define: [other] (configured: [internal, external])"),
        row("mirrored, now outside allow: quarantined")
            .listed(listed("a.other.example.", "m1"))
            .here(mirrored("a.other.example.", "m1", "Z1"))
            .decides(
                "a.other.example.@m1 REFUSE: a.other.example. is outside allow [corp.example.,"
                    + " *.corp.example.]; its hosted zone Z1 is quarantined")
            .writes("m1 quarantined Z1 g1 exposed since=NOW"),
        row("mirrored, now naming only unknown groups: quarantined")
            .policy(groups("internal"))
            .listed(listed("a", "m1", "other"))
            .here(mirrored("a", "m1", "Z1"))
            .decides(
                "a.corp.example.@m1 REFUSE: it names only groups the configuration does not"
                    + " define: [other] (configured: [internal]); its hosted zone Z1 is"
                    + " quarantined")
            .writes("m1 quarantined Z1 g1 exposed since=NOW"),
        row("quarantined and outside allow: stays as it is")
            .listed(listed("a.other.example.", "m1"))
            .here(quarantined("a.other.example.", "m1", "Z1"))
            .decides(
                "a.other.example.@m1 REFUSE: a.other.example. is outside allow [corp.example.,"
                    + " *.corp.example.]"),
        row("to be created, never created, now outside allow: forgotten")
            .listed(listed("a.other.example.", "m1"))
            .here(MemberState.toCreate(z("a.other.example."), "m1", 1, null, T0))
            .decides(
                "a.other.example.@m1 REFUSE: a.other.example. is outside allow [corp.example.,"
                    + " *.corp.example.]; no hosted zone was recorded for it")
            .deletes("m1"),
        // CONFIGURED_ELSEWHERE
        row("listed under zones:")
            .policy(configured("a"))
            .listed(listed("a", "m1"))
            .decides(
                "a.corp.example.@m1 CONFIGURED_ELSEWHERE: listed under zones:, which wins (RFC"
                    + " 9432 §5.2)"),
        row("mirrored, and now listed under zones:")
            .policy(configured("a"))
            .listed(listed("a", "m1"))
            .here(mirrored("a", "m1", "Z1"))
            .decides(
                "a.corp.example.@m1 CONFIGURED_ELSEWHERE: listed under zones:, which wins (RFC"
                    + " 9432 §5.2); this catalog's state record of hosted zone Z1 is removed: the"
                    + " zones: entry decides its hosted zone, and one it does not use can be"
                    + " retired")
            .deletes("m1"),
        row("the catalog itself")
            .listed(listed("catalog", "m1"))
            .decides(
                "catalog.corp.example.@m1 CONFIGURED_ELSEWHERE: is the catalog zone itself: a"
                    + " member whose name clashes with a configured zone is ignored (RFC 9432"
                    + " §5.2)"),
        // CLASH
        row("new here, a member of another consumed catalog")
            .listed(listed("a", "m1"))
            .elsewhere(at(OLD, mirrored("a", "m1", "Z7")))
            .decides(
                "a.corp.example.@m1 CLASH: already a member of old.corp.example. (hosted zone Z7),"
                    + " whose coo does not point here (RFC 9432 §5.2: the new instance is"
                    + " ignored)"),
        row("new here, handed by another catalog to a third")
            .listed(listed("a", "m1"))
            .elsewhere(at(OLD, mirrored("a", "m1", "Z7").handedOver(NEW, T0)))
            .decides(
                "a.corp.example.@m1 CLASH: already a member of old.corp.example., which handed it"
                    + " over to new.corp.example. (RFC 9432 §5.2: the new instance is ignored)"),
        row("both hold it with their own zones, the other recorded it first")
            .listed(listed("a", "m1"))
            .here(state("a", "m1", "Z1", State.MIRRORED, T1))
            .elsewhere(at(OLD, mirrored("a", "m1", "Z7")))
            .decides(
                "a.corp.example.@m1 CLASH: old.corp.example. holds it too and recorded it first"
                    + " (RFC 9432 §5.2: the new instance is ignored); its hosted zone Z1 here is"
                    + " quarantined")
            .writes("m1 quarantined Z1 g1 exposed since=NOW"),
        row("both hold the same zone, the other recorded it first (a coo withdrawn in time)")
            .listed(listed("a", "m1"))
            .here(state("a", "m1", "Z7", State.CREATED, T1))
            .elsewhere(at(OLD, mirrored("a", "m1", "Z7")))
            .decides(
                "a.corp.example.@m1 CLASH: old.corp.example. holds it too and recorded it first"
                    + " (RFC 9432 §5.2: the new instance is ignored); this catalog's state record"
                    + " of the same hosted zone Z7 is removed")
            .deletes("m1"),
        row("quarantined here, and another catalog took its zone")
            .listed(listed("a", "m1"))
            .here(quarantined("a", "m1", "Z1"))
            .elsewhere(at(OLD, created("a", "m1", "Z1")))
            .decides(
                "a.corp.example.@m1 CLASH: quarantined here, and old.corp.example. now holds it"
                    + " with the same hosted zone Z1: this catalog's state record is removed (RFC"
                    + " 9432 §5.2)")
            .deletes("m1"),
        row("quarantined here, and another catalog holds the name with its own zone")
            .listed(listed("a", "m1"))
            .here(quarantined("a", "m1", "Z1"))
            .elsewhere(at(OLD, mirrored("a", "m1", "Z7")))
            .decides(
                "a.corp.example.@m1 CLASH: quarantined here (hosted zone Z1), and already a member"
                    + " of old.corp.example. (hosted zone Z7), whose coo does not point here (RFC"
                    + " 9432 §5.2: the new instance is ignored)"),
        row("handed over, listed again without the coo, and the new owner holds it")
            .listed(listed("a", "m1"))
            .here(mirrored("a", "m1", "Z1").handedOver(NEW, T0))
            .elsewhere(at(NEW, mirrored("a", "m1", "Z1")))
            .decides(
                "a.corp.example.@m1 CLASH: handed over to new.corp.example., which holds it; its"
                    + " coo no longer points there (RFC 9432 §5.2)"),
        // ADOPT
        row("offered here by the old catalog's coo: adopted, the old one syncs until it hands over")
            .listed(listed("a", "m1"))
            .elsewhere(at(OLD, mirrored("a", "m1", "Z7").withHandedTo(CAT)))
            .decides(
                "a.corp.example.@m1 ADOPT: migrated here by coo from old.corp.example.: its hosted"
                    + " zone Z7 is kept; old.corp.example. syncs it until it hands it over")
            .writes("m1 created Z7 g1 since=NOW"),
        row("offered here under another label: adopted and reset (RFC 9432 §4.4.1)")
            .listed(listed("a", "m1"))
            .elsewhere(at(OLD, mirrored("a", "m9", "Z7").withHandedTo(CAT)))
            .decides(
                "a.corp.example.@m1 ADOPT: migrated here by coo from old.corp.example.: its hosted"
                    + " zone Z7 is kept; old.corp.example. syncs it until it hands it over; its"
                    + " label changed from m9 to m1, so its state is reset and the first sync here"
                    + " is a full one (RFC 9432 §4.4.1)")
            .writes("m1 created Z7 g1 reset since=NOW"),
        row("offered here, and create: false: adopting creates nothing")
            .policy(noCreate())
            .listed(listed("a", "m1"))
            .elsewhere(at(OLD, mirrored("a", "m1", "Z7").withHandedTo(CAT)))
            .decides(
                "a.corp.example.@m1 ADOPT: migrated here by coo from old.corp.example.: its hosted"
                    + " zone Z7 is kept; old.corp.example. syncs it until it hands it over")
            .writes("m1 created Z7 g1 since=NOW"),
        row("handed over here already (this catalog's records lost): adopted and synced")
            .listed(listed("a", "m1"))
            .elsewhere(at(OLD, mirrored("a", "m1", "Z7").handedOver(CAT, T1)))
            .decides(
                "a.corp.example.@m1 ADOPT sync: migrated here by coo from old.corp.example.: its"
                    + " hosted zone Z7 is kept and synced here, then exposed to this catalog's"
                    + " exposeTo")
            .writes("m1 created Z7 g1 since=NOW"),
        row("left another catalog, which quarantined it: its zone taken over, synced in full")
            .listed(listed("a", "m1"))
            .elsewhere(at(OLD, quarantined("a", "m1", "Z7")))
            .decides(
                "a.corp.example.@m1 ADOPT sync: left old.corp.example., which quarantined it: its"
                    + " hosted zone Z7 is taken over and synced in full (a second private zone of"
                    + " the same name could not be exposed to the same VPCs)")
            .writes("m1 created Z7 g1 reset since=NOW"),
        row("adopted, the old catalog has not handed it over yet: not synced here")
            .listed(listed("a", "m1"))
            .here(state("a", "m1", "Z7", State.CREATED, T1))
            .elsewhere(at(OLD, mirrored("a", "m1", "Z7").withHandedTo(CAT)))
            .decides(
                "a.corp.example.@m1 ADOPT: adopted from old.corp.example. by coo; old.corp.example."
                    + " syncs it until it hands it over (one writer per hosted zone)"),
        row("adopted, and the old catalog handed it over: synced here")
            .listed(listed("a", "m1"))
            .here(state("a", "m1", "Z7", State.CREATED, T1))
            .elsewhere(at(OLD, mirrored("a", "m1", "Z7").handedOver(CAT, T1)))
            .decides("a.corp.example.@m1 KEEP sync: created; its first complete sync is pending"),
        // RELABEL
        row("a new label: the zone kept, the state reset (RFC 9432 §5.4)")
            .listed(listed("a", "m2"))
            .here(mirrored("a", "m1", "Z1"))
            .decides(
                "a.corp.example.@m2 RELABEL sync: listed under a new label (m1 -> m2): its hosted"
                    + " zone Z1 is kept and its state reset, so its next sync is a full one (RFC"
                    + " 9432 §5.4)")
            .writes("m2 mirrored Z1 g1 exposed reset since=T0")
            .deletes("m1"),
        row("a new label and a new group")
            .policy(groups("internal"))
            .listed(listed("a", "m2", "internal"))
            .here(mirrored("a", "m1", "Z1"))
            .decides(
                "a.corp.example.@m2 RELABEL sync: listed under a new label (m1 -> m2): its hosted"
                    + " zone Z1 is kept and its state reset, so its next sync is a full one (RFC"
                    + " 9432 §5.4); its group changed from the catalog's defaults to internal")
            .writes("m2 mirrored Z1 g1 exposed reset group=internal since=T0")
            .deletes("m1"),
        // QUARANTINE, STILL_QUARANTINED, RESUME
        row("no longer listed: quarantined")
            .here(mirrored("a", "m1", "Z1"))
            .decides(
                "a.corp.example.@m1 QUARANTINE: no longer listed: quarantined; its hosted zone Z1"
                    + " is kept as it is and no longer synced (zonesync never deletes a hosted"
                    + " zone; delete it to retire it)")
            .writes("m1 quarantined Z1 g1 exposed since=NOW"),
        row("created but not exposed yet, no longer listed: quarantined")
            .here(created("a", "m1", "Z1"))
            .decides(
                "a.corp.example.@m1 QUARANTINE: no longer listed: quarantined; its hosted zone Z1"
                    + " is kept as it is and no longer synced (zonesync never deletes a hosted"
                    + " zone; delete it to retire it)")
            .writes("m1 quarantined Z1 g1 since=NOW"),
        row("offered by coo, and gone from the catalog before the other catalog took it")
            .here(mirrored("a", "m1", "Z1").withHandedTo(NEW))
            .decides(
                "a.corp.example.@m1 QUARANTINE: no longer listed: quarantined; its hosted zone Z1"
                    + " is kept as it is and no longer synced (zonesync never deletes a hosted"
                    + " zone; delete it to retire it)")
            .writes("m1 quarantined Z1 g1 exposed since=NOW"),
        row("quarantined and still not listed")
            .here(quarantined("a", "m1", "Z1"))
            .decides(
                "a.corp.example.@m1 STILL_QUARANTINED: quarantined since 2023-11-14T22:13:20Z: not"
                    + " listed; its hosted zone Z1 is kept as it is (delete it to retire it)"),
        row("quarantined and listed again: resumed in full")
            .listed(listed("a", "m1"))
            .here(quarantined("a", "m1", "Z1"))
            .decides(
                "a.corp.example.@m1 RESUME sync: listed again after its quarantine: its hosted zone"
                    + " Z1 is synced again, in full")
            .writes("m1 mirrored Z1 g1 exposed reset since=NOW"),
        row("quarantined before it was ever exposed, listed again: exposed once complete")
            .listed(listed("a", "m1"))
            .here(quarantined("a", "m1", "Z1").withExposed(false))
            .decides(
                "a.corp.example.@m1 RESUME sync: listed again after its quarantine: its hosted zone"
                    + " Z1 is synced again, in full")
            .writes("m1 created Z1 g1 reset since=NOW"),
        row("quarantined and listed again under a new label")
            .listed(listed("a", "m2"))
            .here(quarantined("a", "m1", "Z1"))
            .decides(
                "a.corp.example.@m2 RESUME sync: listed again after its quarantine: its hosted zone"
                    + " Z1 is synced again, in full (listed under a new label, m1 -> m2)")
            .writes("m2 mirrored Z1 g1 exposed reset since=NOW")
            .deletes("m1"),
        row("handed over, listed again without the coo, the new owner let it go: taken back")
            .listed(listed("a", "m1"))
            .here(mirrored("a", "m1", "Z1").handedOver(NEW, T0))
            .elsewhere(at(NEW, quarantined("a", "m1", "Z1")))
            .decides(
                "a.corp.example.@m1 RESUME sync: handed over to new.corp.example., which no longer"
                    + " holds it, and listed here without coo to it: taken back and synced in full")
            .writes("m1 mirrored Z1 g1 exposed reset since=NOW"),
        // HAND_OVER
        row("its coo points at a consumed catalog that adopted it: handed over")
            .listed(listedWithCoo("a", "m1", NEW))
            .here(mirrored("a", "m1", "Z1").withHandedTo(NEW))
            .elsewhere(at(NEW, state("a", "m1", "Z1", State.CREATED, T1)))
            .decides(
                "a.corp.example.@m1 HAND_OVER: its coo points at new.corp.example., which now"
                    + " holds it (the same hosted zone Z1): handed over, no longer synced here (RFC"
                    + " 9432 §4.4.1)")
            .writes("m1 handed-over Z1 g1 exposed to=new.corp.example. since=NOW"),
        row("handed over, still listed with the coo")
            .listed(listedWithCoo("a", "m1", NEW))
            .here(mirrored("a", "m1", "Z1").handedOver(NEW, T1))
            .elsewhere(at(NEW, mirrored("a", "m1", "Z1")))
            .decides(
                "a.corp.example.@m1 HAND_OVER: handed over to new.corp.example. by coo;"
                    + " new.corp.example. syncs it"),
        // DROP
        row("handed over and no longer listed: forgotten here, never quarantined")
            .here(mirrored("a", "m1", "Z1").handedOver(NEW, T1))
            .decides(
                "a.corp.example.@m1 DROP: handed over to new.corp.example. and no longer listed"
                    + " here: its state record is removed")
            .deletes("m1"),
        row("offered, taken, and removed from the catalog before this one handed it over")
            .here(mirrored("a", "m1", "Z1").withHandedTo(NEW))
            .elsewhere(at(NEW, state("a", "m1", "Z1", State.CREATED, T1)))
            .decides(
                "a.corp.example.@m1 DROP: handed over to new.corp.example. by coo, which holds it,"
                    + " and no longer listed here: its state record is removed")
            .deletes("m1"),
        row("quarantined, and its zone deleted by an operator: retired")
            .here(quarantined("a", "m1", "Z1"))
            .gone("Z1")
            .decides(
                "a.corp.example.@m1 DROP: quarantined, and its hosted zone Z1 was deleted"
                    + " (retired): its state record is removed")
            .deletes("m1"),
        row("quarantined, and another catalog took over its zone")
            .here(quarantined("a", "m1", "Z1"))
            .elsewhere(at(OLD, created("a", "m4", "Z1")))
            .decides(
                "a.corp.example.@m1 DROP: quarantined here, and old.corp.example. took over its"
                    + " hosted zone Z1: its state record here is removed")
            .deletes("m1"),
        row("no longer listed, and its zone already deleted")
            .here(mirrored("a", "m1", "Z1"))
            .gone("Z1")
            .decides(
                "a.corp.example.@m1 DROP: left the catalog, and its hosted zone Z1 is gone: its"
                    + " state record is removed")
            .deletes("m1"),
        row("no longer listed before its zone's ID was recorded")
            .here(MemberState.toCreate(z("a"), "m1", 1, null, T0))
            .decides(
                "a.corp.example.@m1 DROP: left the catalog before its hosted zone was recorded"
                    + " (caller reference zonesync/a.corp.example./g1/18f31984b55c49ab7d258b0d"
                    + " finds one if it was created)")
            .deletes("m1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("members")
  void plan_decidesEachMemberByTheTable(Row row) {
    CatalogPlan plan = row.plan();

    assertThat(plan.outcome()).isEqualTo(CatalogPlan.Outcome.APPLIED);
    assertThat(plan.reason()).isEmpty();
    assertThat(plan.decisions()).hasSize(1);
    assertThat(show(plan.decisions().get(0))).isEqualTo(row.decision);
    assertThat(plan.writes().stream().map(CatalogPlannerTest::show).toList())
        .containsExactlyElementsOf(row.writes);
    assertThat(plan.deletes()).containsExactlyElementsOf(row.deletes);
  }

  @Test
  void plan_syncsWhatItDecidedTo_intoTheStatesItRecords() {
    CatalogPlan plan =
        CatalogPlanner.plan(
            CAT,
            new CatalogReading.Valid(
                2,
                List.of(
                    listed("a", "m1"),
                    listed("b", "m2"),
                    listed("c", "m3"),
                    listed("evilcorp.example.", "m4"))),
            records(
                List.of(
                    mirrored("a", "m1", "Z1"),
                    quarantined("c", "m9", "Z3"),
                    mirrored("d", "m5", "Z4")),
                Set.of(),
                List.of()),
            policy(),
            NOW);

    assertThat(plan.decisions().stream().map(d -> d.member() + " " + d.action()).toList())
        .containsExactly(
            "a.corp.example. KEEP",
            "b.corp.example. CREATE",
            "c.corp.example. RESUME",
            "d.corp.example. QUARANTINE",
            "evilcorp.example. REFUSE");
    assertThat(plan.toSync().stream().map(CatalogPlannerTest::show).toList())
        .containsExactly(
            "m1 mirrored Z1 g1 exposed since=T0",
            "m2 created - g1 since=NOW",
            "m3 mirrored Z3 g1 exposed reset since=NOW");
    assertThat(plan.writes().stream().map(CatalogPlannerTest::show).toList())
        .containsExactly(
            "m2 created - g1 since=NOW",
            "m3 mirrored Z3 g1 exposed reset since=NOW",
            "m5 quarantined Z4 g1 exposed since=NOW");
    assertThat(plan.deletes()).containsExactly("m9");
  }

  // ---- a reading that changes nothing ----

  /** Every kind of record there is, as a broken or rejected reading leaves it. */
  static List<MemberState> everyKindOfRecord() {
    return List.of(
        mirrored("a", "m1", "Z1"),
        created("b", "m2", "Z2"),
        mirrored("c", "m3", "Z3"),
        quarantined("d", "m4", "Z4"),
        mirrored("e", "m5", "Z5").handedOver(NEW, T1),
        state("f", "m6", "Z6", State.CREATED, T1),
        MemberState.toCreate(z("g"), "m7", 1, null, T0));
  }

  static List<String> held(String kept) {
    return List.of(
        "a.corp.example.@m1 KEEP sync: " + kept,
        "b.corp.example.@m2 KEEP sync: " + kept,
        "c.corp.example.@m3 KEEP: "
            + kept
            + "; its hosted zone Z3 is gone: created again once a reading is applied",
        "d.corp.example.@m4 STILL_QUARANTINED: quarantined since 2023-11-14T22:13:20Z: not"
            + " listed; its hosted zone Z4 is kept as it is (delete it to retire it)",
        "e.corp.example.@m5 HAND_OVER: handed over to new.corp.example. by coo; " + kept,
        "f.corp.example.@m6 ADOPT: "
            + kept
            + "; adopted from old.corp.example. by coo;"
            + " old.corp.example. syncs it until it hands it over (one writer per hosted zone)",
        "g.corp.example.@m7 KEEP: " + kept + "; its hosted zone is not created yet");
  }

  @Test
  void plan_ofABrokenCatalog_changesNothing_andTheRecordedMembersKeepSyncing() {
    CatalogPlan plan =
        CatalogPlanner.plan(
            CAT,
            new CatalogReading.Broken("no version property"),
            records(
                everyKindOfRecord(),
                Set.of("Z3"),
                List.of(at(OLD, mirrored("f", "m6", "Z6").withHandedTo(CAT)))),
            policy(),
            NOW);

    assertThat(plan.outcome()).isEqualTo(CatalogPlan.Outcome.BROKEN);
    assertThat(plan.reason())
        .isEqualTo(
            "catalog catalog.corp.example. is broken: no version property. Nothing was changed;"
                + " the members of its last valid reading keep syncing until it is fixed (RFC 9432"
                + " §5.1).");
    assertThat(plan.decisions().stream().map(CatalogPlannerTest::show).toList())
        .containsExactlyElementsOf(
            held("kept from the last valid reading (the catalog is broken)"));
    assertThat(plan.writes()).isEmpty();
    assertThat(plan.deletes()).isEmpty();
    assertThat(plan.toSync().stream().map(s -> s.member().text()).toList())
        .containsExactly("a.corp.example.", "b.corp.example.");
  }

  // ---- the shrink threshold ----

  /** {@code n} mirrored members, {@code m0.corp.example.} under label {@code l0} and so on. */
  static List<MemberState> synced(int n) {
    List<MemberState> states = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      states.add(mirrored("m" + i, "l" + i, "Z" + i));
    }
    return states;
  }

  static List<CatalogMember> listing(int from, int to) {
    List<CatalogMember> members = new ArrayList<>();
    for (int i = from; i < to; i++) {
      members.add(listed("m" + i, "l" + i));
    }
    return members;
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> shrinks() {
    return Stream.of(
        // members synced, listed of them, limits, force, outcome, reason
        org.junit.jupiter.params.provider.Arguments.of(
            10, 7, CatalogShrinkLimits.DEFAULT, false, CatalogPlan.Outcome.APPLIED, ""),
        org.junit.jupiter.params.provider.Arguments.of(
            10,
            6,
            CatalogShrinkLimits.DEFAULT,
            false,
            CatalogPlan.Outcome.REJECTED,
            "catalog catalog.corp.example.: the reading removes 4 of the 10 members synced now"
                + " (40.0 %), above shrink.maxRemoveFraction = 30 %. Nothing was changed; its"
                + " recorded members keep syncing. If the catalog really lost these members,"
                + " re-run with force (CLI --force, request \"force\": true) or raise the"
                + " catalog's shrink limits; otherwise check its producer (a generator that lost"
                + " its zone list?)."),
        org.junit.jupiter.params.provider.Arguments.of(
            10,
            0,
            CatalogShrinkLimits.DEFAULT,
            true,
            CatalogPlan.Outcome.APPLIED,
            "the reading removes 10 of the 10 members synced now (100.0 %), above"
                + " shrink.maxRemoveFraction = 30 % (overridden by force)"),
        // fewer members than the minimum: any reading goes
        org.junit.jupiter.params.provider.Arguments.of(
            9, 0, CatalogShrinkLimits.DEFAULT, false, CatalogPlan.Outcome.APPLIED, ""),
        org.junit.jupiter.params.provider.Arguments.of(
            4,
            3,
            new CatalogShrinkLimits(0.0, 0),
            false,
            CatalogPlan.Outcome.REJECTED,
            "catalog catalog.corp.example.: the reading removes 1 of the 4 members synced now"
                + " (25.0 %), above shrink.maxRemoveFraction = 0 %. Nothing was changed; its"
                + " recorded members keep syncing. If the catalog really lost these members,"
                + " re-run with force (CLI --force, request \"force\": true) or raise the"
                + " catalog's shrink limits; otherwise check its producer (a generator that lost"
                + " its zone list?)."));
  }

  @ParameterizedTest(name = "{0} synced, {1} listed, {2}, force={3} -> {4}")
  @MethodSource("shrinks")
  void plan_ofAReadingThatRemovesTooMany_isRejectedUnlessForced(
      int synced,
      int listedOfThem,
      CatalogShrinkLimits limits,
      boolean force,
      CatalogPlan.Outcome outcome,
      String reason) {
    CatalogPlan plan =
        CatalogPlanner.plan(
            CAT,
            new CatalogReading.Valid(2, listing(0, listedOfThem)),
            records(synced(synced), Set.of(), List.of()),
            policy(true, Set.of(), List.of(), limits, force),
            NOW);

    assertThat(plan.outcome()).isEqualTo(outcome);
    assertThat(plan.reason()).isEqualTo(reason);
    if (outcome == CatalogPlan.Outcome.REJECTED) {
      assertThat(plan.writes()).isEmpty();
      assertThat(plan.deletes()).isEmpty();
      assertThat(plan.toSync()).hasSize(synced);
      assertThat(plan.decisions())
          .allSatisfy(
              d -> {
                assertThat(d.action()).isEqualTo(MemberAction.KEEP);
                assertThat(d.reason()).isEqualTo("kept (the reading was rejected)");
              });
    } else {
      assertThat(plan.writes()).hasSize(synced - listedOfThem);
    }
  }

  @Test
  void plan_countsOnlyMembersThatLeaveTheSyncedOnes_asRemoved() {
    // 12 synced: 3 leave, 2 leave by a completed coo migration (not a removal); 5 quarantined ones
    // stay so (not synced): 3 of 12 is within 30 %, where 5 of 12 or 3 of 10 would not be
    List<MemberState> here = new ArrayList<>(synced(10));
    here.add(mirrored("h1", "x1", "Z91").withHandedTo(NEW));
    here.add(mirrored("h2", "x2", "Z92").withHandedTo(NEW));
    for (int i = 0; i < 5; i++) {
      here.add(quarantined("q" + i, "q" + i, "Z8" + i));
    }
    List<RecordedElsewhere> taken =
        List.of(at(NEW, created("h1", "y1", "Z91")), at(NEW, created("h2", "y2", "Z92")));

    CatalogPlan plan =
        CatalogPlanner.plan(
            CAT,
            new CatalogReading.Valid(2, listing(3, 10)),
            records(here, Set.of(), taken),
            policy(),
            NOW);

    assertThat(plan.outcome()).isEqualTo(CatalogPlan.Outcome.APPLIED);
    assertThat(plan.decisions().stream().filter(d -> d.action() == MemberAction.DROP).count())
        .isEqualTo(2);
  }

  // ---- labels ----

  @Test
  void plan_whenANewMemberTakesTheLabelOfAQuarantinedOne_waitsUntilThatRecordGoes() {
    CatalogPlan plan =
        CatalogPlanner.plan(
            CAT,
            new CatalogReading.Valid(2, List.of(listed("b", "m1"))),
            records(List.of(quarantined("a", "m1", "Z1")), Set.of(), List.of()),
            policy(),
            NOW);

    assertThat(plan.decisions().stream().map(CatalogPlannerTest::show).toList())
        .containsExactly(
            "a.corp.example.@m1 STILL_QUARANTINED: quarantined since 2023-11-14T22:13:20Z: not"
                + " listed; its hosted zone Z1 is kept as it is (delete it to retire it)",
            "b.corp.example.@m1 REFUSE: its member node label m1 still names the state record of"
                + " a.corp.example.: give it another label in the catalog, or retire"
                + " a.corp.example. (delete its hosted zone)");
    assertThat(plan.writes()).isEmpty();
    assertThat(plan.deletes()).isEmpty();
  }

  @Test
  void plan_whenARecordedMemberMovesToALabelStillTaken_staysUnderItsOwn() {
    // b moves to m1, still taken by a (now quarantined); c, new, wants m2, which b then keeps
    CatalogPlan plan =
        CatalogPlanner.plan(
            CAT,
            new CatalogReading.Valid(2, List.of(listed("b", "m1"), listed("c", "m2"))),
            records(
                List.of(mirrored("a", "m1", "Z1"), mirrored("b", "m2", "Z2")), Set.of(), List.of()),
            policy(),
            NOW);

    assertThat(plan.decisions().stream().map(CatalogPlannerTest::show).toList())
        .containsExactly(
            "a.corp.example.@m1 QUARANTINE: no longer listed: quarantined; its hosted zone Z1 is"
                + " kept as it is and no longer synced (zonesync never deletes a hosted zone;"
                + " delete it to retire it)",
            "b.corp.example.@m2 KEEP sync: mirrored (listed under m1, which still names the state"
                + " record of a.corp.example.: kept under m2 until that record goes)",
            "c.corp.example.@m2 REFUSE: its member node label m2 still names the state record of"
                + " b.corp.example.: give it another label in the catalog, or retire"
                + " b.corp.example. (delete its hosted zone)");
    assertThat(plan.writes().stream().map(CatalogPlannerTest::show).toList())
        .containsExactly("m1 quarantined Z1 g1 exposed since=NOW");
    assertThat(plan.deletes()).isEmpty();
  }

  @Test
  void plan_whenTwoMembersSwapLabels_relabelsBoth_andDeletesNothing() {
    CatalogPlan plan =
        CatalogPlanner.plan(
            CAT,
            new CatalogReading.Valid(2, List.of(listed("a", "m2"), listed("b", "m1"))),
            records(
                List.of(mirrored("a", "m1", "Z1"), mirrored("b", "m2", "Z2")), Set.of(), List.of()),
            policy(),
            NOW);

    assertThat(plan.decisions())
        .extracting(MemberDecision::action)
        .containsExactly(MemberAction.RELABEL, MemberAction.RELABEL);
    assertThat(plan.writes().stream().map(CatalogPlannerTest::show).toList())
        .containsExactly(
            "m2 mirrored Z1 g1 exposed reset since=T0", "m1 mirrored Z2 g1 exposed reset since=T0");
    assertThat(plan.deletes()).isEmpty();
  }

  // ---- a migration end to end, as the two catalogs' runs see each other's records ----

  @Test
  void aCooMigration_neverHasTwoWriters_andEndsWithTheNewCatalogSyncingTheSameZone() {
    CatalogPolicy oldPolicy =
        new CatalogPolicy(
            List.of(NamePattern.parse("*.corp.example.")),
            true,
            Set.of(),
            Set.of(NEW),
            List.of(),
            CatalogShrinkLimits.DEFAULT,
            false);
    CatalogPolicy newPolicy =
        new CatalogPolicy(
            List.of(NamePattern.parse("*.corp.example.")),
            true,
            Set.of(),
            Set.of(OLD),
            List.of(),
            CatalogShrinkLimits.DEFAULT,
            false);
    Map<String, MemberState> inOld = new HashMap<>(Map.of("m1", mirrored("a", "m1", "Z1")));
    Map<String, MemberState> inNew = new HashMap<>();
    CatalogReading oldListsWithCoo =
        new CatalogReading.Valid(2, List.of(listedWithCoo("a", "m1", NEW)));
    CatalogReading newLists = new CatalogReading.Valid(2, List.of(listed("a", "n1")));
    List<String> writers = new ArrayList<>();

    // 1. the old catalog sees the coo: offers it, still syncs it
    CatalogPlan p1 = run(OLD, oldListsWithCoo, inOld, inNew, NEW, oldPolicy, writers);
    // 2. the new catalog lists it: adopts the zone, waits
    CatalogPlan p2 = run(NEW, newLists, inNew, inOld, OLD, newPolicy, writers);
    // 3. the old catalog sees the adoption: hands it over, stops
    CatalogPlan p3 = run(OLD, oldListsWithCoo, inOld, inNew, NEW, oldPolicy, writers);
    // 4. the new catalog syncs it
    CatalogPlan p4 = run(NEW, newLists, inNew, inOld, OLD, newPolicy, writers);
    // 5. the old catalog's producer removes it: forgotten there, never quarantined
    CatalogPlan p5 =
        run(OLD, new CatalogReading.Valid(2, List.of()), inOld, inNew, NEW, oldPolicy, writers);

    assertThat(Stream.of(p1, p2, p3, p4, p5).map(p -> p.decisions().get(0).action()).toList())
        .containsExactly(
            MemberAction.KEEP,
            MemberAction.ADOPT,
            MemberAction.HAND_OVER,
            MemberAction.KEEP,
            MemberAction.DROP);
    assertThat(writers).containsExactly("old.corp.example. Z1", "new.corp.example. Z1");
    assertThat(inOld).isEmpty();
    assertThat(show(inNew.get("n1"))).isEqualTo("n1 created Z1 g1 reset since=NOW");
  }

  /** One catalog's run: plans, records who synced which zone, applies the state records. */
  private static CatalogPlan run(
      DnsName catalog,
      CatalogReading reading,
      Map<String, MemberState> mine,
      Map<String, MemberState> theirs,
      DnsName them,
      CatalogPolicy policy,
      List<String> writers) {
    CatalogPlan plan =
        CatalogPlanner.plan(
            catalog,
            reading,
            new CatalogRecords(
                mine,
                Set.of(),
                theirs.values().stream().map(s -> new RecordedElsewhere(them, s)).toList()),
            policy,
            NOW);
    plan.toSync().forEach(s -> writers.add(catalog + " " + s.hostedZoneId()));
    plan.deletes().forEach(mine::remove);
    plan.writes().forEach(s -> mine.put(s.label(), s));
    return plan;
  }

  // ---- inputs ----

  @Test
  void records_withTwoLabelsForOneMember_areRefused() {
    Map<String, MemberState> here =
        Map.of("m1", mirrored("a", "m1", "Z1"), "m2", quarantined("a", "m2", "Z2"));

    assertThatThrownBy(() -> new CatalogRecords(here, Set.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "two state records name member a.corp.example., under labels m1 and m2: remove the"
                + " one that is wrong");
  }

  @Test
  void records_underAnotherLabelThanTheirOwn_areRefused() {
    assertThatThrownBy(
            () -> new CatalogRecords(Map.of("m2", mirrored("a", "m1", "Z1")), Set.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state record under label m2 names label m1 (member a.corp.example.)");
  }

  @Test
  void policy_withoutAllowPatterns_isRefused() {
    assertThatThrownBy(
            () ->
                new CatalogPolicy(
                    List.of(),
                    true,
                    Set.of(),
                    Set.of(),
                    List.of(),
                    CatalogShrinkLimits.DEFAULT,
                    false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a catalog needs at least one allow pattern: the member names zonesync may mirror");
  }

  @Test
  void policy_withAnAllowPatternThatAdmitsMore_isRefused() {
    assertThatThrownBy(
            () ->
                new CatalogPolicy(
                    List.of(NamePattern.parse("*corp.example.")),
                    true,
                    Set.of(),
                    Set.of(),
                    List.of(),
                    CatalogShrinkLimits.DEFAULT,
                    false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("allow pattern *corp.example.: a wildcard must end at a label");
  }

  @Test
  void policy_withAGroupTwice_isRefused() {
    assertThatThrownBy(
            () ->
                new CatalogPolicy(
                    List.of(NamePattern.parse("corp.example.")),
                    true,
                    Set.of(),
                    Set.of(),
                    Arrays.asList("a", "b", "a"),
                    CatalogShrinkLimits.DEFAULT,
                    false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("group names repeat: [a, b, a]");
  }

  @Test
  void shrinkLimits_outsideTheirRanges_areRefused() {
    assertThatThrownBy(() -> new CatalogShrinkLimits(1.5, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRemoveFraction must be within 0..1, got 1.5");
    assertThatThrownBy(() -> new CatalogShrinkLimits(0.3, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minMembers must be >= 0, got -1");
  }
}
