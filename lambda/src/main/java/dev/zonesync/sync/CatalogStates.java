package dev.zonesync.sync;

import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.MemberState;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import dev.zonesync.plan.Batch;
import dev.zonesync.plan.BatchLimits;
import dev.zonesync.plan.Change;
import dev.zonesync.sync.port.ApplyResult;
import dev.zonesync.sync.port.ChangeSink;
import dev.zonesync.sync.port.HostedZone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The state records zonesync keeps beside each member in a catalog's own hosted zone ({@code
 * _zonesync.<label>.zones.<catalog>}, see {@link MemberState}): read in one paginated listing,
 * written in as few requests as Route 53's limits allow.
 */
final class CatalogStates {

  private CatalogStates() {}

  /**
   * What the catalog's hosted zone holds.
   *
   * @param byLabel the readable state records, by member node label
   * @param records every state record set as Route 53 holds it (a DELETE or UPSERT of one starts
   *     from it), by label
   * @param unreadable labels whose record this version cannot read, with why (left alone)
   * @param newerFormat the highest newer format found, or 0: a later zonesync keeps this catalog
   */
  record Read(
      Map<String, MemberState> byLabel,
      Map<String, HostedRRset> records,
      Map<String, String> unreadable,
      int newerFormat) {
    Read {
      byLabel = Map.copyOf(byLabel);
      records = Map.copyOf(records);
      unreadable = Map.copyOf(unreadable);
    }

    /** What the zone holds once {@code writes} and {@code deletes} applied (as zonesync wrote). */
    Read after(DnsName catalog, List<MemberState> writes, List<String> deletes) {
      Map<String, MemberState> states = new LinkedHashMap<>(byLabel);
      Map<String, HostedRRset> sets = new LinkedHashMap<>(records);
      Map<String, String> bad = new LinkedHashMap<>(unreadable);
      for (String label : deletes) {
        states.remove(label);
        sets.remove(label);
        bad.remove(label);
      }
      for (MemberState w : writes) {
        states.put(w.label(), w);
        sets.put(w.label(), HostedRRset.written(w.toRRset(catalog)));
        bad.remove(w.label());
      }
      return new Read(states, sets, bad, newerFormat);
    }
  }

  /** Reads every state record of {@code catalog} from its hosted zone. */
  static Read read(HostedZone reader, DnsName catalog, String hostedZoneId) {
    Map<String, MemberState> byLabel = new LinkedHashMap<>();
    Map<String, HostedRRset> records = new LinkedHashMap<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    int newer = 0;
    for (HostedRRset h : reader.readAll(hostedZoneId)) {
      if (!h.type().equals(RrType.TXT) || !h.isPlain()) {
        continue;
      }
      String label = MemberState.labelOf(catalog, h.name()).orElse(null);
      if (label == null) {
        continue;
      }
      records.put(label, h);
      if (h.values().size() != 1) {
        unreadable.put(label, h.values().size() + " values where zonesync writes one");
        continue;
      }
      switch (MemberState.parse(h.values().get(0))) {
        case MemberState.Decoded.Read r -> {
          if (r.state().label().equals(label)) {
            byLabel.put(label, r.state());
          } else {
            unreadable.put(label, "it names label " + r.state().label());
          }
        }
        case MemberState.Decoded.Newer n -> newer = Math.max(newer, n.version());
        case MemberState.Decoded.Invalid i -> unreadable.put(label, i.reason());
      }
    }
    return new Read(byLabel, records, unreadable, newer);
  }

  /**
   * Writes {@code writes} (created or replaced) and deletes the records of {@code deletes}, given
   * what the zone holds now ({@code current}, by label).
   *
   * @return what happened (no commit: state records carry no serial)
   */
  static ApplyResult write(
      ChangeSink sink,
      String hostedZoneId,
      DnsName catalog,
      List<MemberState> writes,
      List<String> deletes,
      Map<String, HostedRRset> current,
      Deadline deadline) {
    List<Change> changes = new ArrayList<>();
    for (String label : deletes) {
      HostedRRset h = current.get(label);
      if (h != null) {
        changes.add(new Change.Delete(h));
      }
    }
    for (MemberState s : writes) {
      Objects.requireNonNull(s, "state");
      RRset want = s.toRRset(catalog);
      HostedRRset h = current.get(s.label());
      if (h == null) {
        changes.add(new Change.Create(want));
      } else if (h.ttl() != want.ttl() || !h.values().equals(want.values())) {
        changes.add(new Change.Update(h, want));
      }
    }
    if (changes.isEmpty()) {
      return new ApplyResult(0, 0, null, false, List.of(), false, 0);
    }
    return sink.apply(
        hostedZoneId,
        batches(changes, BatchLimits.ROUTE53),
        List.of(),
        deadline,
        "zonesync catalog " + catalog + " member states",
        null);
  }

  /** The changes in order, packed greedily within the limits (each state record is small). */
  static List<Batch> batches(List<Change> changes, BatchLimits limits) {
    List<Batch> out = new ArrayList<>();
    List<Change> current = new ArrayList<>();
    long values = 0;
    long chars = 0;
    for (Change c : changes) {
      if (!current.isEmpty()
          && !limits.fits(values + c.wireValues(), chars + c.wireChars(), current.size() + 1)) {
        out.add(new Batch(current, (int) values, (int) chars, false));
        current = new ArrayList<>();
        values = 0;
        chars = 0;
      }
      current.add(c);
      values += c.wireValues();
      chars += c.wireChars();
    }
    out.add(new Batch(current, (int) values, (int) chars, false));
    return out;
  }
}
