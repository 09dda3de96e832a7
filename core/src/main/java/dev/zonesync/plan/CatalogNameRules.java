package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which member names zonesync may create and mirror a private hosted zone for. Pure.
 *
 * <p>A private hosted zone answers NXDOMAIN for every name it does not hold and never falls back,
 * so a member named {@code amazonaws.com.} or {@code co.uk.} would black-hole that namespace in
 * every associated VPC. The catalog's producer is a master outside AWS; these rules hold whatever
 * {@code allow} says (a name the deployment really owns there can still be listed under {@code
 * zones:}). In the order checked:
 *
 * <ol>
 *   <li>a name Route 53 cannot create a hosted zone for: a wildcard label, or octets outside
 *       printable ASCII;
 *   <li>the root or a top-level domain (one label): {@code com.}, {@code internal.};
 *   <li>AWS's own namespaces, at or below {@code amazonaws.com.}, {@code amazonaws.com.cn.} or
 *       {@code aws.}: a private zone there hides AWS endpoints (zonesync's own included) from the
 *       VPCs;
 *   <li>at or above a public suffix of two labels: the reverse-mapping trees {@code in-addr.arpa.}
 *       and {@code ip6.arpa.}, and a registry's second level under a two-letter country code
 *       ({@code co.uk.}, {@code com.au.}, {@code ac.jp.}; the public suffix list itself is not
 *       bundled: this is the shape of nearly all of its multi-label entries);
 *   <li>inside the catalog zone itself: its names are the catalog's, not a member's;
 *   <li>outside every {@code allow} pattern.
 * </ol>
 */
public final class CatalogNameRules {

  /** Second-level labels that registries under a country code hand out below. */
  private static final Set<String> REGISTRY_SECOND_LEVELS =
      Set.of(
          "ac", "co", "com", "edu", "go", "gob", "gov", "govt", "gv", "int", "ltd", "mil", "ne",
          "net", "nhs", "nom", "or", "org", "plc", "sch");

  private static final List<DnsName> AWS_NAMESPACES =
      List.of(DnsName.of("amazonaws.com."), DnsName.of("amazonaws.com.cn."), DnsName.of("aws."));

  private static final List<DnsName> REVERSE_TREES =
      List.of(DnsName.of("in-addr.arpa."), DnsName.of("ip6.arpa."));

  private CatalogNameRules() {}

  /**
   * Why zonesync must not mirror {@code member} from {@code catalog}, or empty when it may.
   *
   * @param allow the catalog's allow patterns
   */
  public static Optional<String> refusal(DnsName catalog, DnsName member, List<NamePattern> allow) {
    if (member.isWildcard() || member.text().contains(".*.") || !member.isRoute53Compatible()) {
      return Optional.of(
          "Route 53 cannot create a hosted zone named "
              + member
              + " (a wildcard label, or octets outside printable ASCII)");
    }
    if (member.labelCount() <= 1) {
      return Optional.of(
          member
              + " is "
              + (member.isRoot() ? "the root" : "a top-level domain")
              + ": a private zone for it would black-hole it in every associated VPC; zonesync"
              + " never creates one from a catalog (list it under zones: if it is really yours)");
    }
    for (DnsName aws : AWS_NAMESPACES) {
      if (member.isSubdomainOf(aws)) {
        return Optional.of(
            member
                + " lies in AWS's namespace "
                + aws
                + ": a private zone there would hide AWS endpoints from every associated VPC");
      }
    }
    Optional<DnsName> suffix = publicSuffixAtOrBelow(member);
    if (suffix.isPresent()) {
      return Optional.of(
          member
              + " is at or above the public suffix "
              + suffix.get()
              + ": no deployment can own it, and a private zone for it would black-hole it in"
              + " every associated VPC");
    }
    if (member.isSubdomainOf(catalog) && !member.equals(catalog)) {
      return Optional.of(member + " lies inside the catalog zone " + catalog);
    }
    if (allow.stream().noneMatch(p -> p.matches(member, null))) {
      return Optional.of(
          member
              + " is outside allow ["
              + allow.stream().map(NamePattern::glob).collect(Collectors.joining(", "))
              + "]");
    }
    return Optional.empty();
  }

  /**
   * The two-label public suffix {@code member} is, or lies above. Above a two-label name is only a
   * top-level domain, refused before; so this is the member itself when it is one.
   */
  private static Optional<DnsName> publicSuffixAtOrBelow(DnsName member) {
    if (REVERSE_TREES.contains(member)) {
      return Optional.of(member);
    }
    if (member.labelCount() == 2) {
      String first = CatalogReader.firstLabel(member);
      String tld = CatalogReader.firstLabel(member.parent());
      if (tld.length() == 2
          && tld.chars().allMatch(Character::isLetter)
          && REGISTRY_SECOND_LEVELS.contains(first)) {
        return Optional.of(member);
      }
    }
    return Optional.empty();
  }

  /**
   * Checks that an allow pattern cannot admit names it does not mean: a wildcard ends at a label
   * boundary ({@code *corp.example.} would admit {@code evilcorp.example.}) and is followed by at
   * least two literal labels ({@code *.com.} would admit every .com name); no type limit.
   *
   * @throws IllegalArgumentException naming the pattern and what is wrong
   */
  public static NamePattern requireAllowPattern(NamePattern pattern) {
    if (pattern.type() != null) {
      throw new IllegalArgumentException(
          "allow pattern " + pattern + " names a type: allow patterns are names only");
    }
    String glob = pattern.glob();
    int wild = Math.max(glob.lastIndexOf('*'), glob.lastIndexOf('?'));
    if (wild < 0) {
      return pattern;
    }
    String rest = glob.substring(wild + 1);
    if (!rest.startsWith(".")) {
      throw new IllegalArgumentException(
          "allow pattern "
              + glob
              + ": a wildcard must end at a label boundary ('*.corp.example.', not"
              + " '*corp.example.', which also admits 'evilcorp.example.')");
    }
    DnsName literal;
    try {
      literal = rest.equals(".") ? DnsName.ROOT : DnsName.of(rest.substring(1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "allow pattern " + glob + ": '" + rest.substring(1) + "' is not a domain name", e);
    }
    if (literal.labelCount() < 2) {
      throw new IllegalArgumentException(
          "allow pattern "
              + glob
              + ": a wildcard needs at least two labels after it (it would admit all of "
              + literal
              + ")");
    }
    return pattern;
  }
}
