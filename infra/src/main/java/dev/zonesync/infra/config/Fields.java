package dev.zonesync.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Strict reader over one YAML mapping: every accessor names the field it reads, so errors carry the
 * full path ({@code deployment.function.memoryMb}); {@link #rejectUnknownKeys()} turns typos into
 * errors instead of silently ignored settings.
 */
final class Fields {
  private final String path;
  private final ObjectNode node;
  private final Set<String> known = new LinkedHashSet<>();

  private Fields(String path, ObjectNode node) {
    this.path = path;
    this.node = node;
  }

  /** Reads {@code node} as a mapping; {@code null} or a missing node reads as an empty mapping. */
  static Fields of(String path, JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return new Fields(path, new ObjectNode(null));
    }
    if (!node.isObject()) {
      throw new ConfigException(path, "must be a mapping, got " + describe(node));
    }
    return new Fields(path, (ObjectNode) node);
  }

  String path() {
    return path;
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private JsonNode get(String key) {
    known.add(key);
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value;
  }

  boolean isNumber(String key) {
    JsonNode value = get(key);
    return value != null && value.isNumber();
  }

  boolean has(String key) {
    return get(key) != null;
  }

  Fields object(String key) {
    return of(child(key), get(key));
  }

  /** Whether {@code key} says {@code off} (YAML 1.1 reads an unquoted off as false). */
  boolean isOff(String key) {
    JsonNode value = get(key);
    return value != null
        && ((value.isBoolean() && !value.asBoolean())
            || (value.isTextual() && value.asText().trim().equalsIgnoreCase("off")));
  }

  Optional<String> optionalString(String key) {
    JsonNode value = get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new ConfigException(child(key), "must be a string, got " + describe(value));
    }
    String text = value.asText().trim();
    if (text.isEmpty()) {
      throw new ConfigException(child(key), "must not be empty");
    }
    return Optional.of(text);
  }

  String string(String key, String defaultValue) {
    return optionalString(key).orElse(defaultValue);
  }

  String requiredString(String key) {
    return optionalString(key).orElseThrow(() -> new ConfigException(child(key), "is required"));
  }

  String matching(String key, String defaultValue, Pattern pattern, String expected) {
    Optional<String> value = optionalString(key);
    if (value.isEmpty()) {
      if (defaultValue == null) {
        throw new ConfigException(child(key), "is required (" + expected + ")");
      }
      return defaultValue;
    }
    if (!pattern.matcher(value.get()).matches()) {
      throw new ConfigException(
          child(key), "'" + value.get() + "' is not valid: expected " + expected);
    }
    return value.get();
  }

  int integer(String key, int defaultValue, int min, int max) {
    JsonNode value = get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new ConfigException(child(key), "must be an integer, got " + describe(value));
    }
    int v = value.intValue();
    if (v < min || v > max) {
      throw new ConfigException(child(key), v + " is out of range [" + min + ", " + max + "]");
    }
    return v;
  }

  boolean bool(String key, boolean defaultValue) {
    JsonNode value = get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isBoolean()) {
      throw new ConfigException(child(key), "must be true or false, got " + describe(value));
    }
    return value.booleanValue();
  }

  /** A duration such as {@code 90s}, {@code 5m} or {@code 1h}, in whole seconds. */
  int durationSeconds(String key, int defaultSeconds, int minSeconds, int maxSeconds) {
    if (isNumber(key)) {
      throw new ConfigException(
          child(key), "write a duration with its unit, e.g. " + get(key).asText() + "s or 5m");
    }
    Optional<String> value = optionalString(key);
    if (value.isEmpty()) {
      return defaultSeconds;
    }
    // The engine's duration syntax (one parser); deployment settings take whole seconds.
    long seconds;
    try {
      java.time.Duration d = dev.zonesync.config.Durations.parse(value.get());
      if (d.toMillis() % 1000 != 0 || d.isNegative()) {
        throw new IllegalArgumentException("not whole seconds");
      }
      seconds = d.toSeconds();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          child(key), "'" + value.get() + "' is not a duration: expected e.g. 90s, 5m or 1h");
    }
    if (seconds < minSeconds || seconds > maxSeconds) {
      throw new ConfigException(
          child(key), value.get() + " is out of range [" + minSeconds + "s, " + maxSeconds + "s]");
    }
    return (int) seconds;
  }

  /** A list; a missing key reads as an empty list. */
  <T> List<T> list(String key, BiFunction<String, JsonNode, T> element) {
    JsonNode value = get(key);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new ConfigException(child(key), "must be a list, got " + describe(value));
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      out.add(element.apply(child(key) + "[" + i + "]", value.get(i)));
    }
    return List.copyOf(out);
  }

  /** A list of strings, each matching {@code pattern}. */
  List<String> strings(String key, Pattern pattern, String expected) {
    return list(key, (p, n) -> text(p, n, pattern, expected));
  }

  /** A mapping from string keys to values, in file order. */
  <T> Map<String, T> map(String key, BiFunction<String, JsonNode, T> element) {
    JsonNode value = get(key);
    if (value == null) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw new ConfigException(child(key), "must be a mapping, got " + describe(value));
    }
    Map<String, T> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      var e = it.next();
      out.put(e.getKey(), element.apply(child(key) + "." + e.getKey(), e.getValue()));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** Fails on keys no accessor asked for: a typo must not silently fall back to a default. */
  void rejectUnknownKeys() {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        throw new ConfigException(child(key), "unknown key (known keys: " + known + ")");
      }
    }
  }

  /** A list node of strings, each matching {@code pattern}. */
  static List<String> stringList(String path, JsonNode node, Pattern pattern, String expected) {
    if (node == null || !node.isArray()) {
      throw new ConfigException(path, "must be a list, got " + describe(node));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(text(path + "[" + i + "]", node.get(i), pattern, expected));
    }
    return List.copyOf(out);
  }

  static String text(String path, JsonNode node, Pattern pattern, String expected) {
    if (node == null || !node.isTextual()) {
      throw new ConfigException(path, "must be a string, got " + describe(node));
    }
    String text = node.asText().trim();
    if (!pattern.matcher(text).matches()) {
      throw new ConfigException(path, "'" + text + "' is not valid: expected " + expected);
    }
    return text;
  }

  static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "nothing";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    if (node.isBoolean()) {
      return "the boolean " + node.asText();
    }
    return "'" + node.asText() + "'";
  }
}
