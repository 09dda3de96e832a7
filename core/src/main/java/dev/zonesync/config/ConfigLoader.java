package dev.zonesync.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * Loads the configuration from where {@code ZONESYNC_CONFIG} (or {@code --config}) points:
 *
 * <ul>
 *   <li>a file path (YAML or JSON);
 *   <li>{@code ssm:<name>} — one SSM parameter;
 *   <li>{@code ssm-path:<prefix>} — every parameter under the prefix, in name order, each a
 *       fragment: {@code zones}, {@code catalogs} and {@code tsigKeys} lists are concatenated, any
 *       other top-level key may appear in one fragment only (how the CDK app ships 200 zones in 4
 *       KB parameters).
 * </ul>
 */
public final class ConfigLoader {

  // catalogs too: a catalog with groups can take a parameter's 4 KB on its own
  private static final Set<String> CONCATENATED = Set.of("zones", "catalogs", "tsigKeys");

  private final Supplier<ParameterSource> parameters;

  /**
   * @param parameters created on first use only (no AWS client for file configurations)
   */
  public ConfigLoader(Supplier<ParameterSource> parameters) {
    this.parameters = parameters;
  }

  public Settings load(String location) {
    if (location == null || location.isBlank()) {
      throw new ConfigException(
          "no configuration given: set ZONESYNC_CONFIG (Lambda) or --config (CLI)",
          (Throwable) null);
    }
    if (location.startsWith("ssm:")) {
      String name = location.substring(4);
      String text = parameters.get().get(name);
      return ConfigParser.parse(text, "SSM parameter " + name);
    }
    if (location.startsWith("ssm-path:")) {
      String prefix = location.substring("ssm-path:".length());
      SortedMap<String, String> fragments = parameters.get().byPath(prefix);
      if (fragments.isEmpty()) {
        throw new ConfigException("SSM path " + prefix, List.of("no parameters under this path"));
      }
      return ConfigParser.parse(merge(fragments, "SSM path " + prefix), "SSM path " + prefix);
    }
    Path path = Path.of(location.startsWith("file:") ? location.substring(5) : location);
    try {
      if (Files.size(path) > ConfigParser.MAX_CONFIG_BYTES) {
        throw new ConfigException(
            path.toString(), List.of("larger than " + ConfigParser.MAX_CONFIG_BYTES + " bytes"));
      }
      return ConfigParser.parse(Files.readString(path), path.toString());
    } catch (NoSuchFileException e) {
      throw new ConfigException("configuration file " + path + " does not exist", e);
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + path + ": " + e, e);
    }
  }

  /**
   * Merges configuration fragments as an {@code ssm-path:} location is merged: in key order, the
   * {@code zones}, {@code catalogs} and {@code tsigKeys} lists concatenated, any other top-level
   * key in one fragment.
   */
  public static JsonNode merge(SortedMap<String, String> fragments, String source) {
    ObjectNode merged = ConfigParser.YAML.createObjectNode();
    Map<String, String> firstSeen = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : fragments.entrySet()) {
      JsonNode tree = ConfigParser.readTree(e.getValue(), source + " parameter " + e.getKey());
      for (Map.Entry<String, JsonNode> field : tree.properties()) {
        String key = field.getKey();
        if (CONCATENATED.contains(key)) {
          if (!field.getValue().isArray()) {
            problems.add(e.getKey() + ": " + key + " must be a list");
            continue;
          }
          ArrayNode list = merged.has(key) ? (ArrayNode) merged.get(key) : merged.putArray(key);
          list.addAll((ArrayNode) field.getValue());
        } else if (firstSeen.containsKey(key)) {
          problems.add(
              "top-level key '"
                  + key
                  + "' appears in both "
                  + firstSeen.get(key)
                  + " and "
                  + e.getKey());
        } else {
          firstSeen.put(key, e.getKey());
          merged.set(key, field.getValue());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return merged;
  }
}
