package dev.zonesync.plan;

import dev.zonesync.model.MemberState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Route 53 holds about a catalog's members, as the engine read it.
 *
 * @param here this catalog's state records by member node label (one record per member: the planner
 *     never writes two, and refuses to guess between hand-made ones)
 * @param goneHostedZones the hosted zone IDs recorded here that the engine found deleted
 * @param elsewhere the records other consumed catalogs hold for this catalog's members (listed or
 *     recorded here)
 */
public record CatalogRecords(
    Map<String, MemberState> here, Set<String> goneHostedZones, List<RecordedElsewhere> elsewhere) {

  /** No records: a catalog consumed for the first time. */
  public static final CatalogRecords NONE = new CatalogRecords(Map.of(), Set.of(), List.of());

  public CatalogRecords {
    here = Map.copyOf(here);
    goneHostedZones = Set.copyOf(goneHostedZones);
    elsewhere = List.copyOf(elsewhere);
    Map<Object, String> labelOf = new HashMap<>();
    for (Map.Entry<String, MemberState> e : here.entrySet()) {
      if (!e.getKey().equals(e.getValue().label())) {
        throw new IllegalArgumentException(
            "state record under label "
                + e.getKey()
                + " names label "
                + e.getValue().label()
                + " (member "
                + e.getValue().member()
                + ")");
      }
      String other = labelOf.put(e.getValue().member(), e.getKey());
      if (other != null) {
        throw new IllegalArgumentException(
            "two state records name member "
                + e.getValue().member()
                + ", under labels "
                + (other.compareTo(e.getKey()) < 0
                    ? other + " and " + e.getKey()
                    : e.getKey() + " and " + other)
                + ": remove the one that is wrong");
      }
    }
  }
}
