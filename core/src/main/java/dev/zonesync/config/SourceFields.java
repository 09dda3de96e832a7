package dev.zonesync.config;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Master;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The fields that say where a zone comes from and where it goes — its masters, its TSIG key, its
 * hosted zone's ID — written the same way by zone entries, catalogs and catalog groups.
 */
final class SourceFields {

  private static final Pattern HOSTED_ZONE_ID = Pattern.compile("[A-Z0-9]{1,32}");

  private SourceFields() {}

  /**
   * The masters, in order; a problem for a missing or empty list and one for each entry that is not
   * host, host:port or [ipv6]:port.
   */
  static List<Master> masters(String at, List<String> texts, Problems problems) {
    List<Master> masters = new ArrayList<>();
    if (texts == null || texts.isEmpty()) {
      problems.add(at + ".masters: at least one master (host or host:port) is required");
      return masters;
    }
    for (int m = 0; m < texts.size(); m++) {
      try {
        masters.add(Master.parse(Objects.requireNonNull(texts.get(m), "empty")));
      } catch (RuntimeException e) {
        problems.add(at + ".masters[" + m + "]: " + e.getMessage());
      }
    }
    return masters;
  }

  /**
   * The key {@code text} names, or null for {@code none} (or after adding a problem).
   *
   * @param text as written; null adds the problem that says how to write it
   */
  static TsigKeySpec tsig(
      String at, String text, Map<DnsName, TsigKeySpec> keys, Problems problems) {
    if (text == null) {
      problems.add(
          at
              + ".tsig: missing; name a key from tsigKeys, or write 'tsig: none' to transfer"
              + " without TSIG (not recommended)");
      return null;
    }
    if (text.equalsIgnoreCase("none")) {
      return null;
    }
    DnsName keyName = problems.name(at + ".tsig", text);
    TsigKeySpec tsig = keyName == null ? null : keys.get(keyName);
    if (keyName != null && tsig == null) {
      problems.add(at + ".tsig: no key named " + keyName + " in tsigKeys " + keys.keySet());
    }
    return tsig;
  }

  /**
   * A hosted zone's ID as Route 53 gives it ({@code Z0123…}, a {@code /hostedzone/} prefix
   * dropped), or null after adding a problem.
   *
   * @param missing what the problem says when the ID is absent, after {@code at.hostedZoneId: }
   */
  static String hostedZoneId(String at, String text, String missing, Problems problems) {
    if (text == null || text.isBlank()) {
      problems.add(at + ".hostedZoneId: " + missing);
      return null;
    }
    String id = text.strip().replaceFirst("^/?hostedzone/", "");
    if (!HOSTED_ZONE_ID.matcher(id).matches()) {
      problems.add(
          at
              + ".hostedZoneId: '"
              + text
              + "' is not a hosted zone ID (like Z0123456789ABCDEFGHIJ)");
    }
    return id;
  }
}
