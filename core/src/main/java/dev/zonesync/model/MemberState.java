package dev.zonesync.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What zonesync keeps about one member of a catalog it consumes, in Route 53 beside the member: a
 * TXT record {@code _zonesync.<label>.zones.<catalog>} in the catalog's own private hosted zone.
 * The leftmost {@code _zonesync} label makes the catalog's zone sync treat it as zonesync's own
 * (never mirrored, never deleted: {@link SyncMarker#isMarkerName}), and the catalog reader ignore
 * it.
 *
 * <p>Written like the marker, one logical string split into character-strings of at most 255
 * octets:
 *
 * <pre>
 * "zsmember=1 member=&lt;zone&gt; label=&lt;label&gt; state=&lt;state&gt; gen=&lt;n&gt; since=&lt;epoch s&gt;
 *  exposed=&lt;0|1&gt; reset=&lt;0|1&gt; [zone=&lt;hosted zone ID&gt;] [group=&lt;%-encoded&gt;] [to=&lt;catalog&gt;]"
 * </pre>
 *
 * A reader ignores fields it does not know (a later version may add some) and refuses a value whose
 * own fields are missing or malformed; a value of a later format version is not this version's to
 * read or overwrite.
 *
 * @param member the member zone
 * @param label the member node label it was listed under when this was written
 * @param hostedZoneId its private hosted zone (without {@code /hostedzone/}), or null while it is
 *     {@link State#CREATED} and not yet created
 * @param state where the member is in its life
 * @param generation how many times a hosted zone was created for it, at least 1: it goes up when an
 *     operator deleted the zone and it must be created again (Route 53 never accepts a caller
 *     reference twice, see {@link #callerReference})
 * @param exposed whether the zone was associated with the catalog's {@code exposeTo} VPCs or
 *     Profile (done only after its first complete sync: an empty private zone black-holes its name)
 * @param since when the state last changed
 * @param group the configured group chosen for it (its masters, TSIG and options), or null for the
 *     catalog's defaults
 * @param reset the next sync of the member is a full one (its label changed, RFC 9432 §5.4, or it
 *     came back after leaving)
 * @param handedTo the other consumed catalog its {@code coo} points at: while {@link State#CREATED}
 *     or {@link State#MIRRORED} an offer that catalog's consumer may take (RFC 9432 §4.4.1), once
 *     {@link State#HANDED_OVER} the catalog that took it; else null
 */
public record MemberState(
    DnsName member,
    String label,
    String hostedZoneId,
    State state,
    int generation,
    boolean exposed,
    Instant since,
    String group,
    boolean reset,
    DnsName handedTo) {

  /** Where a member is in its life. */
  public enum State {
    /** Its hosted zone was created (or taken over); its first complete sync here is pending. */
    CREATED("created"),
    /** Synced here. */
    MIRRORED("mirrored"),
    /** It left the catalog: not synced, its hosted zone kept and reported (never deleted). */
    QUARANTINED("quarantined"),
    /** Migrated by {@code coo} to another catalog this deployment consumes, which syncs it. */
    HANDED_OVER("handed-over");

    private final String text;

    State(String text) {
      this.text = text;
    }

    /** The name in the record and in reports. */
    public String text() {
      return text;
    }

    static State of(String text) {
      for (State s : values()) {
        if (s.text.equals(text)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown state '" + text + "'");
    }
  }

  /** The leftmost label of a state record's owner name. */
  public static final String LABEL = SyncMarker.LABEL;

  public static final long TTL = 300;

  /** The format this version writes and reads. */
  public static final int FORMAT = 1;

  /** Route 53's limit on one record value, in characters as written. */
  public static final int MAX_VALUE_CHARS = 4000;

  /** The longest group name, in UTF-8 octets; with the other fields' limits it bounds the value. */
  public static final int MAX_GROUP_OCTETS = 255;

  /** Route 53's limit on CreateHostedZone's CallerReference. */
  public static final int MAX_CALLER_REFERENCE = 128;

  private static final String VERSION_KEY = "zsmember=";
  private static final Pattern HOSTED_ZONE_ID = Pattern.compile("[A-Z0-9]{1,32}");

  public MemberState {
    Objects.requireNonNull(member, "member");
    CatalogMember.requireLabel(label);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
    since = Instant.ofEpochSecond(since.getEpochSecond());
    if (hostedZoneId != null && !HOSTED_ZONE_ID.matcher(hostedZoneId).matches()) {
      throw new IllegalArgumentException(
          "member " + member + ": '" + hostedZoneId + "' is not a hosted zone ID");
    }
    if (hostedZoneId == null && state != State.CREATED) {
      throw new IllegalArgumentException(
          "member " + member + " is " + state.text() + " without a hosted zone ID");
    }
    if (generation < 1) {
      throw new IllegalArgumentException(
          "member " + member + ": generation is at least 1, got " + generation);
    }
    if (group != null
        && (group.isEmpty() || group.getBytes(StandardCharsets.UTF_8).length > MAX_GROUP_OCTETS)) {
      throw new IllegalArgumentException(
          "member " + member + ": a group name has 1.." + MAX_GROUP_OCTETS + " octets: " + group);
    }
    if (state == State.HANDED_OVER && handedTo == null) {
      throw new IllegalArgumentException(
          "member " + member + " is handed over without the catalog it went to");
    }
    if (state == State.QUARANTINED && handedTo != null) {
      throw new IllegalArgumentException(
          "member " + member + " is quarantined but names a catalog it went to: " + handedTo);
    }
  }

  /** The state of a member that is to be created now: no hosted zone yet. */
  public static MemberState toCreate(
      DnsName member, String label, int generation, String group, Instant now) {
    return new MemberState(
        member, label, null, State.CREATED, generation, false, now, group, false, null);
  }

  public MemberState withHostedZoneId(String id) {
    return new MemberState(
        member, label, id, state, generation, exposed, since, group, reset, handedTo);
  }

  /**
   * The member in {@code next} state since {@code now} (a quarantined member offers itself to no
   * catalog: the offer is dropped).
   */
  public MemberState in(State next, Instant now) {
    return new MemberState(
        member,
        label,
        hostedZoneId,
        next,
        generation,
        exposed,
        now,
        group,
        reset,
        next == State.QUARANTINED ? null : handedTo);
  }

  /** The member handed over to {@code catalog} since {@code now}. */
  public MemberState handedOver(DnsName catalog, Instant now) {
    return new MemberState(
        member,
        label,
        hostedZoneId,
        State.HANDED_OVER,
        generation,
        exposed,
        now,
        group,
        false,
        Objects.requireNonNull(catalog, "catalog"));
  }

  public MemberState withLabel(String newLabel) {
    return new MemberState(
        member, newLabel, hostedZoneId, state, generation, exposed, since, group, reset, handedTo);
  }

  public MemberState withExposed(boolean now) {
    return new MemberState(
        member, label, hostedZoneId, state, generation, now, since, group, reset, handedTo);
  }

  public MemberState withReset(boolean full) {
    return new MemberState(
        member, label, hostedZoneId, state, generation, exposed, since, group, full, handedTo);
  }

  public MemberState withGroup(String chosen) {
    return new MemberState(
        member, label, hostedZoneId, state, generation, exposed, since, chosen, reset, handedTo);
  }

  public MemberState withHandedTo(DnsName catalog) {
    return new MemberState(
        member, label, hostedZoneId, state, generation, exposed, since, group, reset, catalog);
  }

  /**
   * The state after the member's first complete sync here: mirrored, exposed, the reset done. The
   * engine writes it once the sync committed and the zone was associated with {@code exposeTo}.
   */
  public MemberState afterCompleteSync(Instant now) {
    Instant changed = state == State.MIRRORED ? since : now;
    return new MemberState(
        member,
        label,
        hostedZoneId,
        State.MIRRORED,
        generation,
        true,
        changed,
        group,
        false,
        handedTo);
  }

  /** True while it is synced here, or is to be: created or mirrored. */
  public boolean active() {
    return state == State.CREATED || state == State.MIRRORED;
  }

  /** The state record's owner name: {@code _zonesync.<label>.zones.<catalog>}. */
  public static DnsName nameFor(DnsName catalog, String label) {
    try {
      // the text constructor checks the form, not the length: rebuilding from labels checks both
      return DnsName.fromLabels(catalog.child("zones").child(label).child(LABEL).labels());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "no state record name for label " + label + " in catalog " + catalog, e);
    }
  }

  /** The member node label a state record's owner name stands for, or empty when it is none. */
  public static Optional<String> labelOf(DnsName catalog, DnsName owner) {
    DnsName zones = catalog.child("zones");
    if (owner.labelCount() != zones.labelCount() + 2
        || !owner.isSubdomainOf(zones)
        || !SyncMarker.isMarkerName(owner)) {
      return Optional.empty();
    }
    String node = owner.parent().text();
    return Optional.of(node.substring(0, node.indexOf('.')));
  }

  public RRset toRRset(DnsName catalog) {
    return new RRset(nameFor(catalog, label), RrType.TXT, TTL, List.of(toTxtValue()));
  }

  /**
   * The canonical TXT value. The fields' own limits (names of at most 255 octets, a label of 63, a
   * group of {@link #MAX_GROUP_OCTETS}) keep it within Route 53's {@value #MAX_VALUE_CHARS}
   * characters however many escapes they need; this checks it.
   */
  public String toTxtValue() {
    StringBuilder sb = new StringBuilder(160);
    sb.append(VERSION_KEY).append(FORMAT);
    sb.append(" member=").append(member.text());
    sb.append(" label=").append(label);
    sb.append(" state=").append(state.text());
    sb.append(" gen=").append(generation);
    sb.append(" since=").append(since.getEpochSecond());
    sb.append(" exposed=").append(exposed ? 1 : 0);
    sb.append(" reset=").append(reset ? 1 : 0);
    if (hostedZoneId != null) {
      sb.append(" zone=").append(hostedZoneId);
    }
    if (group != null) {
      sb.append(" group=").append(percentEncode(group));
    }
    if (handedTo != null) {
      sb.append(" to=").append(handedTo.text());
    }
    String value =
        Rdata.characterStrings(List.of(sb.toString().getBytes(StandardCharsets.ISO_8859_1)));
    int written = Rdata.written(RrType.TXT, value).length();
    if (written > MAX_VALUE_CHARS) {
      throw new IllegalStateException(
          "state record of "
              + member
              + " is "
              + written
              + " characters, above Route 53's "
              + MAX_VALUE_CHARS
              + ": the field limits should make this impossible");
    }
    return value;
  }

  /** What a state record's value holds. */
  public sealed interface Decoded permits Decoded.Read, Decoded.Newer, Decoded.Invalid {

    /** A state of this format. */
    record Read(MemberState state) implements Decoded {}

    /**
     * A state written by a later zonesync (format {@code version}): neither read nor overwritten.
     */
    record Newer(int version) implements Decoded {}

    /** Not a state record of any version, or one of this version with a malformed field. */
    record Invalid(String reason) implements Decoded {}
  }

  /** Reads a canonical TXT value. */
  public static Decoded parse(String txtValue) {
    String text;
    try {
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      // one logical string, split at 255 octets when written: join before splitting into fields
      for (byte[] s : Rdata.characterStringBytes(txtValue)) {
        joined.writeBytes(s);
      }
      text = joined.toString(StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException e) {
      return new Decoded.Invalid("not a TXT value: " + e.getMessage());
    }
    String[] fields = text.split(" ", -1);
    if (!fields[0].startsWith(VERSION_KEY)) {
      return new Decoded.Invalid("not a zonesync member state: " + abbreviate(text));
    }
    int version;
    try {
      String v = fields[0].substring(VERSION_KEY.length());
      if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(Character::isDigit)) {
        throw new NumberFormatException(v);
      }
      version = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return new Decoded.Invalid("malformed format version in: " + abbreviate(text));
    }
    if (version > FORMAT) {
      return new Decoded.Newer(version);
    }
    if (version != FORMAT) {
      return new Decoded.Invalid("format version " + version + " is not " + FORMAT);
    }
    try {
      return new Decoded.Read(fields(fields));
    } catch (IllegalArgumentException e) {
      // whole: the field at fault may be the last, and Route 53 bounds the value
      return new Decoded.Invalid(e.getMessage() + " in: " + text);
    }
  }

  private static MemberState fields(String[] fields) {
    String member = null;
    String label = null;
    String state = null;
    String gen = null;
    String since = null;
    String exposed = null;
    String reset = null;
    String zone = null;
    String group = null;
    String to = null;
    List<String> seen = new ArrayList<>();
    for (int i = 1; i < fields.length; i++) {
      String f = fields[i];
      int eq = f.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("field '" + f + "' is not key=value");
      }
      String key = f.substring(0, eq);
      String value = f.substring(eq + 1);
      if (seen.contains(key)) {
        throw new IllegalArgumentException("field " + key + " appears twice");
      }
      seen.add(key);
      switch (key) {
        case "member" -> member = value;
        case "label" -> label = value;
        case "state" -> state = value;
        case "gen" -> gen = value;
        case "since" -> since = value;
        case "exposed" -> exposed = value;
        case "reset" -> reset = value;
        case "zone" -> zone = value;
        case "group" -> group = value;
        case "to" -> to = value;
        default -> {
          // a field of a later version of this format: ignored, as promised
        }
      }
    }
    return new MemberState(
        DnsName.of(required("member", member)),
        required("label", label),
        zone,
        State.of(required("state", state)),
        (int) number("gen", required("gen", gen), Integer.MAX_VALUE),
        flag("exposed", required("exposed", exposed)),
        Instant.ofEpochSecond(
            number("since", required("since", since), Instant.MAX.getEpochSecond())),
        group == null ? null : percentDecode(group),
        flag("reset", required("reset", reset)),
        to == null ? null : DnsName.of(to));
  }

  private static String required(String key, String value) {
    if (value == null) {
      throw new IllegalArgumentException("field " + key + " missing");
    }
    return value;
  }

  private static long number(String key, String value, long max) {
    if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("field " + key + "=" + value + " is not a number");
    }
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field " + key + "=" + value + " is not a number", e);
    }
    if (n > max) {
      throw new IllegalArgumentException("field " + key + "=" + value + " is out of range");
    }
    return n;
  }

  private static boolean flag(String key, String value) {
    return switch (value) {
      case "0" -> false;
      case "1" -> true;
      default ->
          throw new IllegalArgumentException("field " + key + "=" + value + " is not 0 or 1");
    };
  }

  private static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }

  /**
   * Group names come from the configuration and may hold any character: every octet of their UTF-8
   * outside {@code A-Z a-z 0-9 - . _ ~} is written as {@code %XX}, so a field never holds a space.
   */
  static String percentEncode(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return sb.toString();
  }

  static String percentDecode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("truncated %-escape in '" + s + "'");
        }
        String hex = s.substring(i + 1, i + 3);
        if (!hex.matches("[0-9A-F]{2}")) {
          throw new IllegalArgumentException("bad %-escape %" + hex + " in '" + s + "'");
        }
        out.write(Integer.parseInt(hex, 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    String decoded = out.toString(StandardCharsets.UTF_8);
    if (!percentEncode(decoded).equals(s)) {
      // one text per group name, so a hand-edited or damaged value is not silently re-read
      throw new IllegalArgumentException("group '" + s + "' is not in canonical %-encoding");
    }
    return decoded;
  }

  /**
   * The CallerReference for creating this member's hosted zone: derived from the catalog, the
   * member, its label and its generation, so a retry after a lost response finds the zone the first
   * request created, and a zone created again (new generation, or a new label) gets a new one.
   * Readable where it fits ({@code zonesync/<member>/g<generation>/<hash>}); the hash of all four
   * keeps it unique when the member's name is cut to fit {@value #MAX_CALLER_REFERENCE} characters.
   */
  public String callerReference(DnsName catalog) {
    return callerReference(catalog, member, label, generation);
  }

  /** As {@link #callerReference(DnsName)}. */
  public static String callerReference(
      DnsName catalog, DnsName member, String label, int generation) {
    CatalogMember.requireLabel(label);
    String hash =
        HexFormat.of()
            .formatHex(
                sha256(catalog.text() + "\n" + member.text() + "\n" + label + "\n" + generation))
            .substring(0, 24);
    String tail = "/g" + generation + "/" + hash;
    String head = "zonesync/";
    int room = MAX_CALLER_REFERENCE - head.length() - tail.length();
    String name = member.text();
    if (name.length() > room) {
      name = name.substring(0, room - 1) + "~";
    }
    return head + name + tail;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
