package dev.zonesync.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What zonesync writes next to the SOA serial so a later run can prove the hosted zone holds a
 * given serial <em>of the same master lineage</em>, and continue incrementally from it: a TXT
 * record {@code _zonesync.<source zone>} with
 *
 * <pre>
 * "zonesync=1 serial=&lt;n&gt; lineage=&lt;primary&gt; rrsets=&lt;managed RRsets&gt; full=&lt;epoch s&gt;"
 * "soa=&lt;ttl&gt; &lt;mname&gt; &lt;rname&gt; &lt;refresh&gt; &lt;retry&gt; &lt;expire&gt; &lt;minimum&gt;" "cuts=&lt;delegations&gt;"
 * </pre>
 *
 * <p>The lineage is the SOA MNAME the master reported. BIND primaries and their secondaries share
 * it (and their serials); every Active Directory domain controller names itself, so a serial from
 * another DC never short-circuits a sync. {@code rrsets} is the number of RRsets zonesync manages
 * (the safety thresholds' denominator for incremental runs) and {@code cuts} the zone's delegations
 * relative to the zone (an incremental run must know which names lie below a cut); {@code cuts=?}
 * means too many to record, which disables incremental runs for the zone.
 *
 * <p>{@code full} is when the zone was last reconciled in full (its own period decides the next
 * one). {@code soa} is the apex SOA the same commit wrote, all but the serial: written in one
 * atomic batch with the marker, it lets one read of the marker stand for both
 * (docs/architecture.md, "Route 53 calls"). Markers of older versions lack both; they are read as
 * unknown.
 *
 * @param cuts delegation points, or null when unknown
 * @param soa the apex SOA written with this marker, or null (not this zone's, or unknown)
 * @param fullAt when the zone was last reconciled in full, or null when unknown
 * @param fullFailures the full reconciles that failed since the last one that succeeded, or null
 *     when none did ({@code fullFailed=<count>@<epoch s>}: a failing one is retried with a back-off
 *     while incremental runs go on)
 * @param delegated the cuts whose NS and glue the commit left mirrored for Resolver DELEGATE rules
 *     ({@code delegated=<cuts>}; empty when none, or written by an older version)
 */
public record SyncMarker(
    Serial serial,
    DnsName lineage,
    long rrsets,
    Set<DnsName> cuts,
    SoaTemplate soa,
    java.time.Instant fullAt,
    FullFailures fullFailures,
    Set<DnsName> delegated) {

  /**
   * Full reconciles that failed (REJECTED, FAILED or stopped by the deadline) in a row.
   *
   * @param count how many, at least 1
   * @param last when the last one failed
   */
  public record FullFailures(int count, java.time.Instant last) {
    public FullFailures {
      Objects.requireNonNull(last, "last");
      if (count < 1) {
        throw new IllegalArgumentException("a failure count is at least 1, got " + count);
      }
      last = java.time.Instant.ofEpochSecond(last.getEpochSecond());
    }

    /** One more failure, at {@code at}. */
    public static FullFailures after(FullFailures before, java.time.Instant at) {
      return new FullFailures(before == null ? 1 : before.count + 1, at);
    }
  }

  public static final String LABEL = "_zonesync";
  public static final long TTL = 300;

  /** The marker format this version writes and reads. */
  public static final int FORMAT = 1;

  private static final String VERSION_KEY = "zonesync=";
  private static final String VERSION = VERSION_KEY + FORMAT;
  private static final String SOA_PREFIX = "soa=";
  private static final String DELEGATED_PREFIX = "delegated=";

  /**
   * Longest marker value as written (Route 53 allows 4000 characters per value): past it the cut
   * list is left out ({@code cuts=?}). Measured on the written text, where every quote, backslash
   * and string boundary of the TXT encoding counts.
   */
  static final int MAX_VALUE_CHARS = 4000;

  public SyncMarker {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(lineage, "lineage");
    cuts = cuts == null ? null : Set.copyOf(cuts);
    delegated = delegated == null ? Set.of() : Set.copyOf(delegated);
    if (fullAt != null) {
      fullAt = java.time.Instant.ofEpochSecond(fullAt.getEpochSecond());
    }
  }

  /** A marker without delegated cuts. */
  public SyncMarker(
      Serial serial,
      DnsName lineage,
      long rrsets,
      Set<DnsName> cuts,
      SoaTemplate soa,
      java.time.Instant fullAt,
      FullFailures fullFailures) {
    this(serial, lineage, rrsets, cuts, soa, fullAt, fullFailures, Set.of());
  }

  /** A marker without full-reconcile failures or delegated cuts. */
  public SyncMarker(
      Serial serial,
      DnsName lineage,
      long rrsets,
      Set<DnsName> cuts,
      SoaTemplate soa,
      java.time.Instant fullAt) {
    this(serial, lineage, rrsets, cuts, soa, fullAt, null, Set.of());
  }

  /** A marker without SOA template or full-reconcile time. */
  public SyncMarker(Serial serial, DnsName lineage, long rrsets, Set<DnsName> cuts) {
    this(serial, lineage, rrsets, cuts, null, null, null, Set.of());
  }

  public SyncMarker withSoa(SoaTemplate template) {
    return new SyncMarker(serial, lineage, rrsets, cuts, template, fullAt, fullFailures, delegated);
  }

  public SyncMarker withFullAt(java.time.Instant at) {
    return new SyncMarker(serial, lineage, rrsets, cuts, soa, at, fullFailures, delegated);
  }

  /** The same marker, recording the cuts whose NS and glue are mirrored. */
  public SyncMarker withDelegated(Set<DnsName> cutsMirrored) {
    return new SyncMarker(serial, lineage, rrsets, cuts, soa, fullAt, fullFailures, cutsMirrored);
  }

  /** The same marker, recording one more failed full reconcile at {@code at}. */
  public SyncMarker withFullFailure(java.time.Instant at) {
    return new SyncMarker(
        serial,
        lineage,
        rrsets,
        cuts,
        soa,
        fullAt,
        FullFailures.after(fullFailures, at),
        delegated);
  }

  /**
   * The marker the next commit of an incremental run writes: the new serial, count and cuts, the
   * zone's full-reconcile bookkeeping carried over (the SOA template is the commit's to set).
   */
  public SyncMarker next(Serial serial, long rrsets, Set<DnsName> cuts) {
    return new SyncMarker(serial, lineage, rrsets, cuts, null, fullAt, fullFailures, delegated);
  }

  /** The marker's owner name for a source zone. */
  public static DnsName nameFor(DnsName sourceZone) {
    return sourceZone.child(LABEL);
  }

  /** True for any zonesync marker name (leftmost label {@code _zonesync}). */
  public static boolean isMarkerName(DnsName name) {
    return name.text().startsWith(LABEL + ".");
  }

  /** Canonical TXT value for a marker of {@code zone}. */
  public String toTxtValue(DnsName zone) {
    String value = txtValue(zone, cutsText(zone));
    if (cuts != null && Rdata.written(RrType.TXT, value).length() > MAX_VALUE_CHARS) {
      return txtValue(zone, "?"); // too many delegations to list: incremental runs are off
    }
    return value;
  }

  private String txtValue(DnsName zone, String cutText) {
    List<byte[]> strings = new ArrayList<>();
    strings.add(
        (VERSION
                + " serial="
                + serial
                + " lineage="
                + lineage.text()
                + " rrsets="
                + rrsets
                + (fullAt == null ? "" : " full=" + fullAt.getEpochSecond())
                + (fullFailures == null
                    ? ""
                    : " fullFailed="
                        + fullFailures.count()
                        + "@"
                        + fullFailures.last().getEpochSecond()))
            .getBytes(StandardCharsets.ISO_8859_1));
    if (soa != null) {
      strings.add((SOA_PREFIX + soa.text()).getBytes(StandardCharsets.ISO_8859_1));
    }
    if (!delegated.isEmpty()) {
      strings.add(
          (DELEGATED_PREFIX + relative(delegated, zone)).getBytes(StandardCharsets.ISO_8859_1));
    }
    if (cutText != null) {
      strings.add(("cuts=" + cutText).getBytes(StandardCharsets.ISO_8859_1));
    }
    return Rdata.characterStrings(strings);
  }

  private String cutsText(DnsName zone) {
    if (cuts == null) {
      return "?";
    }
    if (cuts.isEmpty()) {
      return null;
    }
    return relative(cuts, zone);
  }

  /** Names relative to the zone, in order, comma-separated. */
  private static String relative(Set<DnsName> names, DnsName zone) {
    List<String> rel = new ArrayList<>();
    for (DnsName c : new TreeSet<>(names)) {
      String t = c.text();
      rel.add(t.substring(0, t.length() - zone.text().length() - 1));
    }
    return String.join(",", rel);
  }

  public RRset toRRset(DnsName sourceZone) {
    return new RRset(nameFor(sourceZone), RrType.TXT, TTL, List.of(toTxtValue(sourceZone)));
  }

  /** Reads a marker from a canonical TXT value; empty when it is not one of ours. */
  public static Optional<SyncMarker> parse(String txtValue, DnsName zone) {
    List<String> strings;
    try {
      strings = new ArrayList<>();
      // decode the character-strings: cut names carry backslashes, which TXT escapes again
      for (byte[] b : Rdata.characterStringBytes(txtValue)) {
        strings.add(new String(b, StandardCharsets.ISO_8859_1));
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (strings.isEmpty()) {
      return Optional.empty();
    }
    // strings longer than 255 bytes were split; the SOA and the cut list start strings of their own
    int cutsAt = strings.size();
    int soaAt = -1;
    int delegatedAt = -1;
    for (int i = 1; i < strings.size(); i++) {
      if (soaAt < 0 && delegatedAt < 0 && strings.get(i).startsWith(SOA_PREFIX)) {
        soaAt = i;
      } else if (delegatedAt < 0 && strings.get(i).startsWith(DELEGATED_PREFIX)) {
        delegatedAt = i;
      } else if (strings.get(i).startsWith("cuts=")) {
        cutsAt = i;
        break;
      }
    }
    int mainEnd = soaAt >= 0 ? soaAt : delegatedAt >= 0 ? delegatedAt : cutsAt;
    int soaEnd = delegatedAt >= 0 ? delegatedAt : cutsAt;
    String[] parts = String.join("", strings.subList(0, mainEnd)).split("\\s+");
    if (parts.length < 3 || !parts[0].equals(VERSION)) {
      return Optional.empty();
    }
    try {
      Serial serial = null;
      DnsName lineage = null;
      long rrsets = -1;
      java.time.Instant fullAt = null;
      FullFailures failures = null;
      for (String p : parts) {
        if (p.startsWith("serial=")) {
          serial = Serial.of(Long.parseLong(p.substring(7)));
        } else if (p.startsWith("lineage=")) {
          lineage = DnsName.of(p.substring(8));
        } else if (p.startsWith("rrsets=")) {
          rrsets = Long.parseLong(p.substring(7));
        } else if (p.startsWith("full=")) {
          fullAt = java.time.Instant.ofEpochSecond(Long.parseLong(p.substring(5)));
        } else if (p.startsWith("fullFailed=")) {
          String[] f = p.substring("fullFailed=".length()).split("@", 2);
          failures =
              new FullFailures(
                  Integer.parseInt(f[0]), java.time.Instant.ofEpochSecond(Long.parseLong(f[1])));
        }
      }
      if (serial == null || lineage == null) {
        return Optional.empty();
      }
      String rest = String.join("", strings.subList(cutsAt, strings.size()));
      Set<DnsName> cuts = new TreeSet<>();
      if (rest.startsWith("cuts=")) {
        String list = rest.substring(5);
        if (list.equals("?")) {
          cuts = null;
        } else {
          for (String c : list.split(",")) {
            if (!c.isEmpty()) {
              cuts.add(DnsName.of(c + "." + zone.text()));
            }
          }
        }
      }
      SoaTemplate soa =
          soaAt < 0
              ? null
              : SoaTemplate.parse(
                      String.join("", strings.subList(soaAt, soaEnd))
                          .substring(SOA_PREFIX.length()))
                  .orElse(null);
      Set<DnsName> delegated = new TreeSet<>();
      if (delegatedAt >= 0) {
        String list =
            String.join("", strings.subList(delegatedAt, cutsAt))
                .substring(DELEGATED_PREFIX.length());
        for (String c : list.split(",")) {
          if (!c.isEmpty()) {
            delegated.add(DnsName.of(c + "." + zone.text()));
          }
        }
      }
      return Optional.of(
          new SyncMarker(serial, lineage, rrsets, cuts, soa, fullAt, failures, delegated));
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  /**
   * The format version a marker value says it has ({@code zonesync=<n>} opening its first string),
   * or -1 when it does not start like a marker at all. A version above {@link #FORMAT} was written
   * by a newer zonesync, whose marker this one must not overwrite.
   */
  public static int version(String txtValue) {
    List<byte[]> strings;
    try {
      strings = Rdata.characterStringBytes(txtValue);
    } catch (IllegalArgumentException e) {
      return -1;
    }
    if (strings.isEmpty()) {
      return -1;
    }
    String first = new String(strings.get(0), StandardCharsets.ISO_8859_1);
    if (!first.startsWith(VERSION_KEY)) {
      return -1;
    }
    int end = VERSION_KEY.length();
    while (end < first.length() && Character.isDigit(first.charAt(end))) {
      end++;
    }
    if (end == VERSION_KEY.length() || end - VERSION_KEY.length() > 9) {
      return -1;
    }
    return Integer.parseInt(first.substring(VERSION_KEY.length(), end));
  }
}
