package dev.zonesync.oracle;

import dev.zonesync.oracle.History.MasterChange;
import dev.zonesync.oracle.History.Op;
import dev.zonesync.oracle.ZoneVersion.Data;
import dev.zonesync.oracle.ZoneVersion.Key;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Turns a history's master operations into the master's versions, before anything runs: the
 * master's content never depends on what the engines do, so a drift step can aim at what the next
 * master change will touch. Names a CNAME owns own nothing else, as in any valid zone.
 */
final class MasterScript {

  static final String APEX = ZoneVersion.ZONE;
  static final String WILDCARD = "*.w." + APEX;
  static final String[] TYPES = {"A", "AAAA", "TXT", "CNAME", "MX", "SRV", "CAA"};

  /** The versions a master change published, and the shapes it had. */
  record Published(int firstVersion, int lastVersion, Set<Key> touched, Set<String> shapes) {}

  private final TreeMap<Key, Data> zone = new TreeMap<>();
  private final List<ZoneVersion> versions = new ArrayList<>();
  private final Map<Integer, Published> byStep = new TreeMap<>();
  private final List<String> log = new ArrayList<>();
  private int fresh = 10;
  private Set<String> shapes;

  MasterScript(History h) {
    zone.put(new Key(APEX, "NS"), Data.of(86400, List.of("ns1." + APEX, "ns2." + APEX)));
    // a wildcard and names it covers, so that deleting a covered name has a wildcard to answer
    zone.put(new Key(WILDCARD, "A"), Data.of(300, List.of(Values.a(7))));
    zone.put(new Key(WILDCARD, "TXT"), Data.of(300, List.of(Values.txt(10))));
    zone.put(new Key("h1.w." + APEX, "A"), Data.of(300, List.of(Values.a(1))));
    // one value shared with the wildcard: its answer then overlaps what the differences delete
    zone.put(new Key("h2.w." + APEX, "A"), Data.of(300, List.of(Values.a(7), Values.a(2))));
    shapes = new LinkedHashSet<>();
    for (Op op : h.initial()) {
      apply(op, null);
    }
    versions.add(new ZoneVersion(1000, ZoneVersion.MNAME, zone));
    for (int i = 0; i < h.steps().size(); i++) {
      if (h.steps().get(i) instanceof MasterChange mc) {
        byStep.put(i, publish(mc));
      }
    }
  }

  List<ZoneVersion> versions() {
    return versions;
  }

  /** The master change at this step index, or null. */
  Published published(int step) {
    return byStep.get(step);
  }

  /** What each version changed, for the failure message. */
  List<String> log() {
    return log;
  }

  private Published publish(MasterChange mc) {
    int first = versions.size();
    shapes = new LinkedHashSet<>();
    if (mc.versions().size() > 1) {
      shapes.add("multi-version IXFR");
    }
    List<Key> deleteNext = new ArrayList<>();
    List<List<Op>> vs = new ArrayList<>(mc.versions());
    Set<Key> touched = new TreeSet<>();
    for (int v = 0; v < vs.size() || !deleteNext.isEmpty(); v++) {
      TreeMap<Key, Data> before = new TreeMap<>(zone);
      for (Key k : deleteNext) {
        zone.remove(k);
      }
      deleteNext.clear();
      for (Op op : v < vs.size() ? vs.get(v) : List.<Op>of()) {
        apply(op, deleteNext);
      }
      ZoneVersion next =
          new ZoneVersion(versions.get(versions.size() - 1).serial() + 1, ZoneVersion.MNAME, zone);
      versions.add(next);
      StringBuilder line = new StringBuilder("serial " + next.serial() + ":");
      Set<Key> keys = new TreeSet<>(before.keySet());
      keys.addAll(zone.keySet());
      for (Key k : keys) {
        Data was = before.get(k);
        Data now = zone.get(k);
        if (!java.util.Objects.equals(was, now)) {
          touched.add(k);
          line.append(now == null ? " -" : was == null ? " +" : " ~")
              .append(k)
              .append(now == null ? "" : " " + abbreviated(now));
        }
      }
      log.add(line.toString());
    }
    return new Published(first, versions.size() - 1, touched, shapes);
  }

  private static String abbreviated(Data d) {
    String s = d.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  private void apply(Op op, List<Key> deleteNext) {
    int a = op.a();
    int b = op.b();
    switch (op.kind()) {
      case ADD -> add(a, b);
      case DELETE -> {
        Key k = pick(a, key -> true);
        if (k != null) {
          zone.remove(k);
          shapes.add("delete");
        }
      }
      case VALUES -> values(a, b);
      case TTL -> {
        Key k = pick(a, key -> true);
        if (k != null) {
          ttl(k, b);
          shapes.add("TTL change");
        }
      }
      case TTL_THEN_DELETE -> {
        Key k = pick(a, key -> true);
        if (k != null) {
          ttl(k, b);
          if (deleteNext != null) {
            deleteNext.add(k);
            shapes.add("TTL change, then deleted in the next version");
          }
        }
      }
      case SWAP -> swap(a);
      case WILDCARD_ADD -> {
        Key wa = new Key(WILDCARD, "A");
        Key wt = new Key(WILDCARD, "TXT");
        if (!zone.containsKey(wa)) {
          zone.put(wa, Data.of(300, List.of(Values.a(7), Values.a(b))));
          shapes.add("wildcard added");
        } else if (!zone.containsKey(wt)) {
          zone.put(wt, Data.of(300, List.of(Values.txt(b))));
          shapes.add("wildcard added");
        }
      }
      case WILDCARD_REMOVE -> {
        if (zone.keySet().removeIf(k -> k.owner().equals(WILDCARD))) {
          shapes.add("wildcard removed");
        }
      }
      case DELETE_COVERED -> {
        Key k = pick(a, key -> key.owner().endsWith(".w." + APEX) && !key.owner().equals(WILDCARD));
        if (k != null) {
          zone.keySet().removeIf(x -> x.owner().equals(k.owner()));
          shapes.add(
              zone.keySet().stream().anyMatch(x -> x.owner().equals(WILDCARD))
                  ? "covered name deleted (wildcard present)"
                  : "covered name deleted (no wildcard)");
        }
      }
      case ESCAPED_TXT -> {
        Key k = Math.floorMod(b, 2) == 0 ? pick(a, key -> key.type().equals("TXT")) : null;
        if (k == null) {
          k = new Key("h" + fresh++ + "." + APEX, "TXT");
        }
        long ttl = zone.containsKey(k) ? zone.get(k).ttl() : 300;
        zone.put(k, Data.of(ttl, List.of(Values.escapedTxt(a + b))));
        shapes.add("escaped/UTF-8 TXT");
      }
      case BULK -> {
        int n = 101 + Math.floorMod(a, 30);
        for (int i = 0; i < n; i++) {
          zone.put(new Key("b" + fresh++ + "." + APEX, "A"), Data.of(300, List.of(Values.a(i))));
        }
        shapes.add("> 100 RRsets at once");
      }
    }
  }

  private void add(int a, int b) {
    String type = TYPES[Math.floorMod(a, TYPES.length)];
    int where = Math.floorMod(b, 4);
    String owner = null;
    if (where == 2 && !type.equals("CNAME")) {
      // another type at a name that has RRsets (never one a CNAME owns)
      Key k =
          pick(
              a + b,
              key ->
                  !key.owner().startsWith("*")
                      && !at(key.owner()).containsKey("CNAME")
                      && !at(key.owner()).containsKey(type));
      owner = k == null ? null : k.owner();
    } else if (where == 3) {
      owner =
          switch (type) {
            case "A", "AAAA", "TXT" -> "h" + fresh++ + ".w." + APEX;
            case "MX", "CAA" -> at(APEX).containsKey(type) ? null : APEX;
            default -> null;
          };
    }
    if (owner == null) {
      owner = (type.equals("SRV") ? "_s" + fresh++ + "._tcp." : "h" + fresh++ + ".") + APEX;
    }
    List<String> values = new ArrayList<>();
    values.add(Values.of(type, a * 31 + b));
    if (Math.floorMod(b, 3) == 0 && !type.equals("CNAME")) {
      values.add(Values.of(type, a * 31 + b + 1));
    }
    zone.put(new Key(owner, type), Data.of(Values.TTLS[Math.floorMod(a + b, 5)], values));
    shapes.add("add");
  }

  private void values(int a, int b) {
    Key k = pick(a, key -> true);
    if (k == null) {
      return;
    }
    Data d = zone.get(k);
    TreeSet<String> v = new TreeSet<>(d.values());
    String fresh = Values.of(k.type(), b * 7 + 3);
    int how = k.type().equals("CNAME") ? 0 : Math.floorMod(b, 3);
    if (how == 2 && v.size() < 2) {
      how = 0;
    }
    switch (how) {
      case 0 -> {
        v.remove(new ArrayList<>(v).get(Math.floorMod(a, v.size())));
        v.add(fresh);
      }
      case 1 -> v.add(fresh);
      default -> v.remove(new ArrayList<>(v).get(Math.floorMod(a, v.size())));
    }
    if (v.isEmpty()) {
      v.add(fresh);
    }
    zone.put(k, new Data(d.ttl(), v));
    shapes.add("value change");
  }

  private void ttl(Key k, int b) {
    Data d = zone.get(k);
    long ttl = Values.TTLS[Math.floorMod(b, 5)];
    if (ttl == d.ttl()) {
      ttl = Values.TTLS[Math.floorMod(b + 1, 5)];
    }
    zone.put(k, new Data(ttl, d.values()));
  }

  private void swap(int a) {
    Key k =
        pick(
            a,
            key ->
                (key.type().equals("A") || key.type().equals("CNAME"))
                    && !key.owner().startsWith("*")
                    && at(key.owner()).size() == 1);
    if (k == null) {
      return;
    }
    zone.remove(k);
    if (k.type().equals("A")) {
      zone.put(new Key(k.owner(), "CNAME"), Data.of(300, List.of(Values.cname(a))));
      shapes.add("A -> CNAME swap");
    } else {
      zone.put(new Key(k.owner(), "A"), Data.of(300, List.of(Values.a(a))));
      shapes.add("CNAME -> A swap");
    }
  }

  private Map<String, Data> at(String owner) {
    Map<String, Data> out = new TreeMap<>();
    zone.forEach(
        (k, d) -> {
          if (k.owner().equals(owner)) {
            out.put(k.type(), d);
          }
        });
    return out;
  }

  /** One of the master's RRsets (the apex NS never: Route 53 owns it). */
  private Key pick(int a, Predicate<Key> p) {
    List<Key> keys = new ArrayList<>();
    for (Key k : zone.keySet()) {
      if (!(k.owner().equals(APEX) && k.type().equals("NS")) && p.test(k)) {
        keys.add(k);
      }
    }
    return keys.isEmpty() ? null : keys.get(Math.floorMod(a, keys.size()));
  }
}
