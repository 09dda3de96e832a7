package dev.zonesync.plan;

import dev.zonesync.model.CatalogMember;
import dev.zonesync.model.DnsName;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What {@link CatalogReader} made of a catalog zone: its members, or why it is broken. */
public sealed interface CatalogReading permits CatalogReading.Valid, CatalogReading.Broken {

  /**
   * A catalog zonesync may process.
   *
   * @param version the schema version ({@code version.<catalog>} TXT); always 2 today
   * @param members one per member zone and per label, ordered by member name
   */
  record Valid(int version, List<CatalogMember> members) implements CatalogReading {
    public Valid {
      members = members.stream().sorted(Comparator.comparing(CatalogMember::zone)).toList();
      Set<DnsName> zones = new HashSet<>();
      Set<String> labels = new HashSet<>();
      for (CatalogMember m : members) {
        if (!zones.add(m.zone())) {
          throw new IllegalArgumentException("member " + m.zone() + " listed twice");
        }
        if (!labels.add(m.label())) {
          throw new IllegalArgumentException("member node label " + m.label() + " used twice");
        }
      }
    }
  }

  /**
   * A catalog that must not be processed (RFC 9432 §5.1): nothing changes, the members of the last
   * valid reading keep syncing.
   *
   * @param reason for the operator, naming the record at fault
   */
  record Broken(String reason) implements CatalogReading {
    public Broken {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
