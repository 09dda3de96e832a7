package dev.zonesync.infra.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the deployed config into JSON fragments that each fit one SSM standard-tier parameter (4
 * KB), for the engine's {@code ZONESYNC_CONFIG=ssm-path:<prefix>} loader: the engine reads every
 * parameter under the prefix in name order and concatenates the {@code zones}, {@code catalogs} and
 * {@code tsigKeys} lists; any other top-level key appears in exactly one fragment (the first).
 *
 * <p>The {@code deployment} section is not deployed. A zone with {@code createHostedZone: true}
 * loses that key and gets {@code hostedZoneId} = a placeholder, which the stack replaces with the
 * created hosted zone's ID token ({@link #resolve}); so does a catalog without {@code
 * hostedZoneId}, whose own hosted zone the stack creates; sizes are computed as if the ID were 32
 * characters (Route 53 IDs are shorter). A zone's {@code alarms} block (CDK app only) is not
 * deployed either: alarm settings never change the function's config or version.
 *
 * @param values fragment JSON texts, in parameter order, placeholders unresolved
 * @param revision first 12 hex digits of the SHA-256 of all fragments: changes whenever the
 *     deployed config changes
 */
public record ConfigFragments(List<String> values, String revision) {

  /** SSM standard tier: a parameter value holds at most 4 KB. */
  public static final int STANDARD_TIER_LIMIT = 4096;

  private static final int ID_ESTIMATE = 32;
  private static final Pattern MARKER = Pattern.compile("@@zonesync-hosted-zone-id:([^@\"]+)@@");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Packs {@code config}'s engine part into fragments of at most {@code limitBytes}. */
  public static ConfigFragments pack(ZoneSyncConfig config, int limitBytes) {
    Map<Integer, String> created = new java.util.LinkedHashMap<>();
    for (Zone z : config.zones()) {
      if (z.createHostedZone()) {
        created.put(z.index(), z.name());
      }
    }
    Map<Integer, String> createdCatalogs = new java.util.LinkedHashMap<>();
    for (Catalog c : config.catalogs()) {
      if (c.createsHostedZone()) {
        createdCatalogs.put(c.index(), c.hostedZoneKey());
      }
    }
    return pack(config.engineConfig(), created, createdCatalogs, limitBytes);
  }

  /**
   * Packs an engine configuration (the file minus {@code deployment}) into fragments; {@code
   * createdZones} maps the index of each zone whose hosted zone the stack creates to its name.
   */
  public static ConfigFragments pack(
      ObjectNode engineConfig, Map<Integer, String> createdZones, int limitBytes) {
    return pack(engineConfig, createdZones, Map.of(), limitBytes);
  }

  /**
   * As above; {@code createdCatalogs} maps the index of each catalog whose own hosted zone the
   * stack creates to its key ({@link Catalog#hostedZoneKey()}): that catalog gets a placeholder
   * {@code hostedZoneId} like a created zone.
   */
  public static ConfigFragments pack(
      ObjectNode engineConfig,
      Map<Integer, String> createdZones,
      Map<Integer, String> createdCatalogs,
      int limitBytes) {
    ObjectNode deployed = engineConfig.deepCopy();
    JsonNode zones = deployed.remove("zones");
    JsonNode keys = deployed.remove("tsigKeys");
    JsonNode catalogs = deployed.remove("catalogs");
    for (int i = 0; zones != null && i < zones.size(); i++) {
      if (!(zones.get(i) instanceof ObjectNode node)) {
        continue; // the engine's parser names the bad entry
      }
      node.remove("alarms");
      if (createdZones.containsKey(i)) {
        node.remove("createHostedZone");
        node.put("hostedZoneId", marker(createdZones.get(i)));
      }
    }
    for (int i = 0; catalogs != null && i < catalogs.size(); i++) {
      if (createdCatalogs.containsKey(i) && catalogs.get(i) instanceof ObjectNode node) {
        node.put("hostedZoneId", marker(createdCatalogs.get(i)));
      }
    }

    List<ObjectNode> fragments = new ArrayList<>();
    ObjectNode current = deployed; // the first fragment carries every other top-level key
    if (size(current) > limitBytes) {
      throw new ConfigException(
          "(top-level keys other than zones, catalogs and tsigKeys)",
          "take "
              + size(current)
              + " bytes as JSON; one SSM parameter holds at most "
              + limitBytes);
    }
    boolean currentHasItems = !deployed.isEmpty();
    for (String list : List.of("tsigKeys", "zones", "catalogs")) {
      JsonNode items =
          switch (list) {
            case "zones" -> zones;
            case "catalogs" -> catalogs;
            default -> keys;
          };
      if (items == null || !items.isArray()) {
        continue;
      }
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        ObjectNode candidate = current.deepCopy();
        arrayOf(candidate, list).add(item);
        if (size(candidate) <= limitBytes) {
          current = candidate;
          currentHasItems = true;
          continue;
        }
        ObjectNode alone = JSON.createObjectNode();
        arrayOf(alone, list).add(item);
        if (size(alone) > limitBytes) {
          throw new ConfigException(
              list + "[" + i + "]",
              "takes "
                  + size(alone)
                  + " bytes as JSON; one SSM parameter holds at most "
                  + limitBytes);
        }
        if (currentHasItems) {
          fragments.add(current);
        }
        current = alone;
        currentHasItems = true;
      }
    }
    if (currentHasItems) {
      fragments.add(current);
    }

    List<String> values = fragments.stream().map(ConfigFragments::json).toList();
    return new ConfigFragments(values, revision(values));
  }

  /** Replaces hosted-zone placeholders with the IDs (or ID tokens) in {@code idsByZoneName}. */
  public static String resolve(String fragment, Map<String, String> idsByZoneName) {
    Matcher m = MARKER.matcher(fragment);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String id = idsByZoneName.get(m.group(1));
      if (id == null) {
        throw new IllegalStateException("no hosted zone ID for " + m.group(1));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(id));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The size a fragment will have once its placeholders hold real hosted zone IDs (at most). */
  public static int size(JsonNode fragment) {
    return size(json(fragment));
  }

  static int size(String json) {
    return MARKER
        .matcher(json)
        .replaceAll("Z".repeat(ID_ESTIMATE))
        .getBytes(StandardCharsets.UTF_8)
        .length;
  }

  private static String marker(String zoneName) {
    return "@@zonesync-hosted-zone-id:" + zoneName + "@@";
  }

  private static ArrayNode arrayOf(ObjectNode fragment, String list) {
    JsonNode existing = fragment.get(list);
    return existing instanceof ArrayNode a ? a : fragment.putArray(list);
  }

  private static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String revision(List<String> values) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String v : values) {
        sha.update(v.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
