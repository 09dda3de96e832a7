package dev.zonesync.model;

import java.util.List;
import java.util.Objects;

/**
 * One member zone of an RFC 9432 catalog zone, as the catalog lists it: a PTR at {@code
 * <label>.zones.<catalog>} naming the member, with the properties below that node that zonesync
 * understands.
 *
 * @param zone the member zone (the PTR's target; names compare case-insensitively because {@link
 *     DnsName} is lower-cased)
 * @param label the member node's unique label ({@code <unique-N>}), in canonical label text; a new
 *     label for the same member resets its state (RFC 9432 §5.4)
 * @param groups the values of its {@code group} property (TXT), in the RRset's canonical order (an
 *     RRset has no other); empty when it names none
 * @param coo the target of its {@code coo} property (the catalog it migrates to), or null
 */
public record CatalogMember(DnsName zone, String label, List<String> groups, DnsName coo) {

  public CatalogMember {
    Objects.requireNonNull(zone, "zone");
    requireLabel(label);
    groups = List.copyOf(groups);
  }

  /** A member without properties. */
  public CatalogMember(DnsName zone, String label) {
    this(zone, label, List.of(), null);
  }

  /**
   * Checks that {@code label} is one label in canonical {@link DnsName} text (as the first label of
   * an owner name reads): member nodes and state records are named by it.
   *
   * @throws IllegalArgumentException when it is not
   */
  public static String requireLabel(String label) {
    Objects.requireNonNull(label, "label");
    DnsName asName;
    try {
      asName = new DnsName(label + ".");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a member node label in canonical text: '" + label + "'", e);
    }
    if (asName.labelCount() != 1) {
      throw new IllegalArgumentException("a member node label is one label, got '" + label + "'");
    }
    if (asName.labels().get(0).length > 63) {
      throw new IllegalArgumentException(
          "member node label longer than 63 octets: '" + label + "'");
    }
    return label;
  }
}
