package dev.zonesync.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zonesync.contract.FunctionContract;
import dev.zonesync.sync.SyncRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a Lambda payload: a raw EventBridge scheduled event (sync every zone), or a JSON request
 * {@code {"zones": [...], "catalogs": [...], "force": bool, "dryRun": bool, "mode":
 * "auto"|"full"}}. Anything else is refused with a message saying what is wrong; nothing runs.
 */
public final class RequestParser {

  /** Larger payloads are refused unread. */
  public static final int MAX_REQUEST_BYTES = FunctionContract.MAX_REQUEST_BYTES;

  private static final Set<String> KEYS = Set.of("zones", "catalogs", "force", "dryRun", "mode");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RequestParser() {}

  public static SyncRequest parse(byte[] payload) {
    if (payload.length > MAX_REQUEST_BYTES) {
      throw new InvalidRequestException(
          "request is " + payload.length + " bytes; the limit is " + MAX_REQUEST_BYTES);
    }
    if (new String(payload, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return SyncRequest.ALL;
    }
    JsonNode node;
    try {
      node = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("request is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new InvalidRequestException("request cannot be read: " + e.getMessage());
    }
    if (node == null || node.isNull()) {
      return SyncRequest.ALL;
    }
    if (!node.isObject()) {
      throw new InvalidRequestException(
          "request must be a JSON object like {\"zones\": [\"corp.example.\"], \"dryRun\": true}");
    }
    if (node.has("detail-type")) {
      String type = node.path("detail-type").asText();
      if (!type.equals("Scheduled Event")) {
        throw new InvalidRequestException(
            "unsupported EventBridge event '" + type + "'; only 'Scheduled Event' syncs all zones");
      }
      return SyncRequest.ALL;
    }
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        unknown.add(k);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidRequestException(
          "unknown field(s) "
              + unknown
              + " in request; allowed: zones, catalogs, force, dryRun, mode");
    }
    List<String> names = names(node, "zones", "zone");
    List<String> catalogs = names(node, "catalogs", "catalog");
    boolean force = bool(node, "force");
    boolean dryRun = bool(node, "dryRun");
    JsonNode mode = node.get("mode");
    if (mode != null && !mode.isNull() && !mode.isTextual()) {
      throw new InvalidRequestException("\"mode\" must be \"auto\" or \"full\"");
    }
    try {
      return new SyncRequest(
          names, catalogs, force, dryRun, mode == null ? null : mode.asText(null));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }

  /** A list of names under {@code key}, or empty. */
  private static List<String> names(JsonNode node, String key, String what) {
    JsonNode list = node.get(key);
    List<String> out = new ArrayList<>();
    if (list == null || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw new InvalidRequestException("\"" + key + "\" must be a list of " + what + " names");
    }
    for (JsonNode z : list) {
      if (!z.isTextual() || z.asText().isBlank()) {
        throw new InvalidRequestException(
            "\"" + key + "\" must contain " + what + " names (strings)");
      }
      out.add(z.asText());
    }
    return out;
  }

  private static boolean bool(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new InvalidRequestException("\"" + key + "\" must be true or false, got " + v);
    }
    return v.booleanValue();
  }
}
