package dev.zonesync.logging;

import java.util.Objects;

/**
 * A log field value that is already JSON (an array or an object), written into the line as it is
 * rather than as a string, so CloudWatch Logs Insights sees its structure. Pass it as a key-value
 * of slf4j's fluent API: {@code log.atInfo().addKeyValue("plan", new RawJson(json)).log("plan")}.
 *
 * <p>The caller vouches that the text is JSON (it comes from a JSON library); checking it here
 * would parse every large value twice. What is checked is what would break the log itself.
 *
 * @param json one line of JSON text, starting with {@code [} or <code>{</code>
 */
public record RawJson(String json) {

  public RawJson {
    Objects.requireNonNull(json, "json");
    if (json.isEmpty() || (json.charAt(0) != '[' && json.charAt(0) != '{')) {
      throw new IllegalArgumentException("raw JSON must be an array or an object");
    }
    // a line break would split the log event in two
    if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("raw JSON must be one line");
    }
  }

  @Override
  public String toString() {
    return json;
  }
}
