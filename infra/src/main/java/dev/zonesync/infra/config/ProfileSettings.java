package dev.zonesync.infra.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code deployment.profile}: the Route 53 Profile that carries the mirrored hosted zones and the
 * DELEGATE rules to other accounts' VPCs (README, "Delegations and other accounts").
 *
 * @param id an existing Profile ({@code rp-…}) of this account, or empty when the stack creates one
 * @param name the created Profile's name (empty with {@code id})
 * @param shareWith the RAM principals the Profile is shared with: 12-digit account IDs,
 *     organization and OU ARNs; empty: not shared
 * @param associateVpcs VPCs of this account and region associated with the Profile
 * @param allowExternalPrincipals whether the share may reach accounts outside this account's
 *     organization
 */
public record ProfileSettings(
    Optional<String> id,
    Optional<String> name,
    List<String> shareWith,
    List<String> associateVpcs,
    boolean allowExternalPrincipals) {

  public ProfileSettings {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (id.isPresent() == name.isPresent()) {
      throw new IllegalArgumentException("a Profile has either an id or, created, a name");
    }
    shareWith = List.copyOf(shareWith);
    associateVpcs = List.copyOf(associateVpcs);
  }

  /** Whether the stack creates the Profile. */
  public boolean create() {
    return id.isEmpty();
  }
}
