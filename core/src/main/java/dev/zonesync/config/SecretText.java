package dev.zonesync.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts a base64 TSIG secret from what operators store: the bare base64 string, a BIND {@code
 * key} statement as printed by {@code tsig-keygen}, or JSON {@code {"secret": "..."}}.
 */
public final class SecretText {

  private static final Pattern BIND_SECRET = Pattern.compile("secret\\s+\"([^\"]+)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SecretText() {}

  /** Returns the base64 text, or null if none could be found. */
  public static String extract(String stored) {
    if (stored == null) {
      return null;
    }
    String s = stored.strip();
    if (s.startsWith("{")) {
      try {
        JsonNode n = JSON.readTree(s);
        JsonNode v = n.get("secret");
        return v != null && v.isTextual() ? v.asText().strip() : null;
      } catch (Exception e) {
        return null; // the parser's message could quote the secret
      }
    }
    Matcher m = BIND_SECRET.matcher(s);
    if (m.find()) {
      return m.group(1).strip();
    }
    return s.isEmpty() || s.contains(" ") ? null : s;
  }
}
