package dev.zonesync.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code deployment.resolver} and {@code deployment.profile} (README, "Delegations and other
 * accounts"). What needs the zones too (a delegated cut without a resolver, the resource budget) is
 * checked by {@link DelegationPlan}.
 */
final class ResolverProfileKeys {

  static final Pattern OUTBOUND_ENDPOINT_ID = Pattern.compile("rslvr-out-[0-9a-f]{8,32}");

  /** The engine's pattern for a Profile ID ({@code catalogs[].hostedZones.exposeTo.profile}). */
  static final Pattern PROFILE_ID = Pattern.compile("rp-[0-9a-f]{1,64}");

  /** Route 53 Profiles' names: letters, digits, '-', '_', ' ', not only digits, at most 64. */
  static final Pattern PROFILE_NAME = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9_ -]{1,64}");

  static final Pattern ORGANIZATION_ARN =
      Pattern.compile("arn:aws[a-z-]*:organizations::(\\d{12}):organization/(o-[a-z0-9]{10,32})");
  static final Pattern OU_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:organizations::(\\d{12}):ou/(o-[a-z0-9]{10,32})/ou-[a-z0-9]{4,32}"
              + "-[a-z0-9]{8,32}");

  private static final String VPC =
      "a VPC ID of this account and region such as" + " vpc-0123456789abcdef0";

  private ResolverProfileKeys() {}

  /** {@code deployment.resolver}, when present. */
  static Optional<ResolverSettings> resolver(Fields d) {
    if (!d.has("resolver")) {
      return Optional.empty();
    }
    Fields r = d.object("resolver");
    String endpoint =
        r.matching(
            "outboundEndpointId",
            null,
            OUTBOUND_ENDPOINT_ID,
            "the ID of an outbound Resolver endpoint such as rslvr-out-0123456789abcdef0 (an"
                + " inbound one, rslvr-in-..., receives queries and cannot send them to the"
                + " delegated name servers)");
    List<String> vpcs = r.strings("vpcs", ZoneSyncConfig.VPC_ID, VPC);
    unique(r.child("vpcs"), vpcs);
    r.rejectUnknownKeys();
    return Optional.of(new ResolverSettings(endpoint, vpcs));
  }

  /** {@code deployment.profile}, when present. */
  static Optional<ProfileSettings> profile(Fields d, String account, String deploymentName) {
    if (!d.has("profile")) {
      return Optional.empty();
    }
    Fields p = d.object("profile");
    Optional<String> id = p.optionalString("id");
    id.ifPresent(
        v -> {
          if (!PROFILE_ID.matcher(v).matches()) {
            throw new ConfigException(
                p.child("id"),
                "'"
                    + v
                    + "' is not valid: expected a Route 53 Profile ID such as"
                    + " rp-0123456789abcdef");
          }
        });
    boolean createGiven = p.has("create");
    boolean create = p.bool("create", false);
    if (id.isPresent() && createGiven) {
      throw new ConfigException(
          p.child("create"),
          "cannot be used with id: id names an existing Profile, create: true makes the stack"
              + " create one; keep one of them");
    }
    if (id.isEmpty() && !create) {
      throw new ConfigException(
          p.path(),
          "needs id: rp-... (an existing Profile of this account) or create: true (the stack"
              + " creates one)");
    }
    Optional<String> name = p.optionalString("name");
    if (id.isPresent() && name.isPresent()) {
      throw new ConfigException(
          p.child("name"),
          "names a Profile the stack creates: with id (an existing Profile) remove it");
    }
    if (name.isPresent() && !PROFILE_NAME.matcher(name.get()).matches()) {
      throw new ConfigException(
          p.child("name"),
          "'"
              + name.get()
              + "' is not valid: expected at most 64 letters, digits, '-', '_' or spaces, not"
              + " only digits");
    }
    List<String> shareWith = p.list("shareWith", ResolverProfileKeys::principal);
    unique(p.child("shareWith"), shareWith);
    checkPrincipals(p.child("shareWith"), shareWith, account);
    boolean external =
        p.bool(
            "allowExternalPrincipals",
            shareWith.stream().anyMatch(s -> ZoneSyncConfig.ACCOUNT.matcher(s).matches()));
    List<String> associate = p.strings("associateVpcs", ZoneSyncConfig.VPC_ID, VPC);
    unique(p.child("associateVpcs"), associate);
    p.rejectUnknownKeys();
    return Optional.of(
        new ProfileSettings(
            id,
            id.isPresent() ? Optional.empty() : Optional.of(name.orElse(deploymentName)),
            shareWith,
            associate,
            external));
  }

  /**
   * A VPC gets the rules either directly or through the Profile: associated both ways, the same
   * rule would be associated with it twice.
   */
  static void checkVpcsOnce(
      Optional<ResolverSettings> resolver, Optional<ProfileSettings> profile) {
    if (resolver.isEmpty() || profile.isEmpty()) {
      return;
    }
    List<String> direct = resolver.get().vpcs();
    List<String> viaProfile = profile.get().associateVpcs();
    for (int i = 0; i < direct.size(); i++) {
      int j = viaProfile.indexOf(direct.get(i));
      if (j >= 0) {
        throw new ConfigException(
            "deployment.resolver.vpcs[" + i + "]",
            direct.get(i)
                + " is also deployment.profile.associateVpcs["
                + j
                + "]: the Profile already brings the DELEGATE rules to its VPCs; list the VPC in"
                + " one of the two");
      }
    }
  }

  /** One {@code shareWith} entry: a quoted account ID, an organization ARN or an OU ARN. */
  private static String principal(String path, JsonNode node) {
    if (node != null && node.isNumber()) {
      throw new ConfigException(
          path,
          "write the account ID as a quoted string, e.g. \"222233334444\": YAML reads an unquoted"
              + " one as a number and drops leading zeros");
    }
    if (node == null || !node.isTextual()) {
      throw new ConfigException(path, "must be a string, got " + Fields.describe(node));
    }
    String v = node.asText().trim();
    if (ZoneSyncConfig.ACCOUNT.matcher(v).matches()
        || ORGANIZATION_ARN.matcher(v).matches()
        || OU_ARN.matcher(v).matches()) {
      return v;
    }
    throw new ConfigException(
        path,
        "'"
            + v
            + "' is not a principal RAM shares with: expected a quoted 12-digit account ID, an"
            + " organization ARN (arn:aws:organizations::111122223333:organization/o-exampleorgid)"
            + " or an OU ARN (arn:aws:organizations::111122223333:ou/o-exampleorgid/"
            + "ou-ab12-cdefgh34)");
  }

  /**
   * Not this account (the Profile is its own already), and OU and organization ARNs of one
   * organization: an account belongs to one organization, and a share that allows no external
   * principals reaches its own organization only.
   */
  private static void checkPrincipals(String path, List<String> principals, String account) {
    String organization = null;
    int firstIndex = -1;
    for (int i = 0; i < principals.size(); i++) {
      String v = principals.get(i);
      if (v.equals(account)) {
        throw new ConfigException(
            path + "[" + i + "]",
            v
                + " is this deployment's own account (deployment.account): the Profile is its own"
                + " already; associate this account's VPCs with associateVpcs");
      }
      Matcher m = ORGANIZATION_ARN.matcher(v);
      if (!m.matches()) {
        m = OU_ARN.matcher(v);
      }
      if (!m.matches()) {
        continue;
      }
      if (organization == null) {
        organization = m.group(2);
        firstIndex = i;
      } else if (!organization.equals(m.group(2))) {
        throw new ConfigException(
            path + "[" + i + "]",
            "names organization "
                + m.group(2)
                + ", ["
                + firstIndex
                + "] names "
                + organization
                + ": an account belongs to one organization; share with accounts of another by"
                + " their account IDs");
      }
    }
  }

  private static void unique(String path, List<String> values) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      Integer first = seen.putIfAbsent(values.get(i).toLowerCase(Locale.ROOT), i);
      if (first != null) {
        throw new ConfigException(
            path + "[" + i + "]", "'" + values.get(i) + "' is listed twice (also [" + first + "])");
      }
    }
  }
}
