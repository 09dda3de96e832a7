package dev.zonesync.testing;

import java.util.List;

/**
 * corp.example. with two delegations, as the delegation tests serve it from a real named: {@code
 * branch} (to be delegated: NS targets in bailiwick with A/AAAA glue, one out of bailiwick, a DS,
 * and a name below the cut that is not glue) and {@code lab} (covered by nothing, six names below
 * it), plus {@code _msdcs}, a child zone mirrored into the same hosted zone. The expectations are
 * written by hand from these texts, in the format of {@link SyncHarness#mirrorLines}.
 */
public final class TwoCutsZone {

  public static final String ZONE = "corp.example.";
  public static final String MSDCS = "_msdcs.corp.example.";
  public static final long SERIAL = 2026120101L;

  private TwoCutsZone() {}

  /** corp.example. at {@code serial} with the given delegation blocks (zone-file lines). */
  public static String corp(long serial, String branch, String lab) {
    return """
        $ORIGIN corp.example.
        $TTL 3600
        @           IN SOA  ns1.corp.example. hostmaster.corp.example. %d 3600 600 1209600 300
                    IN NS   ns1
        ns1         IN A    192.0.2.53
        www         IN A    192.0.2.10
        ; the Active Directory child zone, mirrored into the same hosted zone
        _msdcs      IN NS   ns1
        %s
        %s
        """
        .formatted(serial, branch, lab);
  }

  /** The first version: both delegations as {@link #BRANCH} and {@link #LAB} write them. */
  public static String corp() {
    return corp(SERIAL, BRANCH, LAB);
  }

  /** The branch office's delegation: in-bailiwick ns1 (A + AAAA glue), one partner server. */
  public static final String BRANCH =
      """
      branch      IN NS   ns1.branch
                  IN NS   ns.partner.example.
                  IN DS   12345 13 2 2BB183AF5F22588179A53B0A98631FAD1A292118A2B7C0E2F30A69B0A89C4A8B
      ns1.branch  IN A    10.1.0.53
                  IN AAAA 2001:db8:1::53
      host.branch IN A    10.1.0.80
      """;

  /** The lab's delegation, six names below it. */
  public static final String LAB =
      """
      lab         IN NS   ns1.lab
                  IN NS   ns2.lab
      ns1.lab     IN A    10.2.0.53
      ns2.lab     IN A    10.2.0.54
      build.lab   IN A    10.2.0.10
      ci.lab      IN A    10.2.0.11
      git.lab     IN A    10.2.0.12
      wiki.lab    IN A    10.2.0.13
      """;

  public static final String MSDCS_ZONE =
      """
      $ORIGIN _msdcs.corp.example.
      $TTL 600
      @             IN SOA ns1.corp.example. hostmaster.corp.example. 2026120101 900 600 86400 600
                    IN NS  ns1.corp.example.
      _ldap._tcp.dc IN SRV 0 100 389 dc1.corp.example.
      gc            IN A   192.0.2.41
      """;

  /**
   * The two zones' entries: corp.example. in delegate mode with {@code cutKeys} (YAML lines of the
   * zone entry, e.g. {@code delegations: [branch.corp.example.]}), _msdcs into the same hosted
   * zone; one TSIG key whose secret is in the environment variable {@code secretEnv}.
   */
  public static String config(String zoneId, String master, String secretEnv, String... cutKeys) {
    StringBuilder keys = new StringBuilder();
    for (String k : cutKeys) {
      keys.append("    ").append(k).append('\n');
    }
    return """
        version: 1
        tsigKeys: [{name: %1$s, secret: {env: %5$s}}]
        zones:
          - name: corp.example.
            hostedZoneId: %2$s
            masters: ["%3$s"]
            tsig: %1$s
            zoneCuts: delegate
        %4$s  - name: _msdcs.corp.example.
            hostedZoneId: %2$s
            hostedZoneName: corp.example.
            masters: ["%3$s"]
            tsig: %1$s
        """
        .formatted(SyncHarness.KEY, zoneId, master, keys, secretEnv);
  }

  /** A named serving both zones (corp.example. static: edits are reloads with IXFR history). */
  public static NamedServer start(String secret) {
    return NamedServer.builder()
        .tsigKey(SyncHarness.KEY, "hmac-sha256", secret)
        .staticZoneText(ZONE, corp())
        .zoneText(MSDCS, MSDCS_ZONE)
        .start();
  }

  // ------------------------------------------------------------------------------------------
  // what Route 53 must hold (besides its apex NS and SOA)

  public static final List<String> MSDCS_LINES =
      List.of(
          "_ldap._tcp.dc._msdcs.corp.example. SRV 600 0 100 389 dc1.corp.example.",
          "gc._msdcs.corp.example. A 600 192.0.2.41",
          "_zonesync._msdcs.corp.example. TXT 300 \"zonesync=1 serial=2026120101"
              + " lineage=ns1.corp.example. rrsets=2 full=<reconciled>\"");

  public static final List<String> OUTSIDE_CUTS =
      List.of("ns1.corp.example. A 3600 192.0.2.53", "www.corp.example. A 3600 192.0.2.10");

  /** branch delegated: its NS and the glue of ns1.branch, nothing else below it. */
  public static final List<String> BRANCH_MIRRORED =
      List.of(
          "branch.corp.example. NS 3600 ns.partner.example. | ns1.branch.corp.example.",
          "ns1.branch.corp.example. A 3600 10.1.0.53",
          "ns1.branch.corp.example. AAAA 3600 2001:db8:1::53");

  /** corp.example.'s marker; {@code delegated} null when it records none. */
  public static String marker(long serial, int rrsets, String delegated, String cuts) {
    return "_zonesync.corp.example. TXT 300 \"zonesync=1 serial="
        + serial
        + " lineage=ns1.corp.example. rrsets="
        + rrsets
        + " full=<reconciled>\" \"soa=<hosted SOA>\""
        + (delegated == null ? "" : " \"delegated=" + delegated + "\"")
        + " \"cuts="
        + cuts
        + "\"";
  }

  /** What the first sync with branch delegated leaves. */
  public static List<String> firstSync() {
    return concat(
        OUTSIDE_CUTS,
        BRANCH_MIRRORED,
        MSDCS_LINES,
        List.of(marker(SERIAL, 5, "branch", "_msdcs,branch,lab")));
  }

  @SafeVarargs
  public static List<String> concat(List<String>... parts) {
    List<String> out = new java.util.ArrayList<>();
    for (List<String> p : parts) {
      out.addAll(p);
    }
    return out;
  }

  /** The UNRESOLVED_CUT warning for lab a full run writes. */
  public static final String LAB_WARNING =
      "lab.corp.example. is delegated on the master (to ns1.lab.corp.example.,"
          + " ns2.lab.corp.example.) and nothing resolves it in the VPC: every name of that child"
          + " zone answers NXDOMAIN there (6 name(s) below it in corp.example.:"
          + " build.lab.corp.example., ci.lab.corp.example., git.lab.corp.example.,"
          + " ns1.lab.corp.example., ns2.lab.corp.example., ...). Cover it: `zoneCuts: delegate`"
          + " with `delegations: [lab.corp.example.]` (and deployment.resolver for its Resolver"
          + " DELEGATE rule), mirror lab.corp.example. as a zone of its own, or list it in"
          + " `resolvedElsewhere` if a FORWARD rule or another zone resolves it";

  /** The UNRESOLVED_CUT warning for lab a run that read only the marker writes. */
  public static final String LAB_AS_RECORDED =
      "lab.corp.example. is delegated on the master (as the marker of corp.example. records) and"
          + " nothing resolves it in the VPC: every name of that child zone answers NXDOMAIN"
          + " there (the zone's next full run lists the names below it). Cover it: `zoneCuts:"
          + " delegate` with `delegations: [lab.corp.example.]` (and deployment.resolver for its"
          + " Resolver DELEGATE rule), mirror lab.corp.example. as a zone of its own, or list it"
          + " in `resolvedElsewhere` if a FORWARD rule or another zone resolves it";
}
