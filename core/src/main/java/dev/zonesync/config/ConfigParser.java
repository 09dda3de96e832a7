package dev.zonesync.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.zonesync.model.DnsName;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates the YAML (or JSON) configuration. All problems are collected and reported
 * together, each with the zone and field it concerns.
 *
 * <p>This class reads the text and orders the checks; each block of the file is checked by a class
 * of its own: {@link TsigKeysBlock}, {@link Route53Block}, {@link ExecutionBlock}, {@link
 * ZoneOptionsBlock} (what a zone and {@code defaults} may both set), {@link ZonesBlock}, {@link
 * CatalogsBlock}, sharing {@link Problems} and {@link SourceFields}.
 */
public final class ConfigParser {

  /** Larger inputs are refused before parsing. */
  public static final int MAX_CONFIG_BYTES = 1 << 20;

  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ConfigParser() {}

  /** Parses configuration text. {@code source} names it in error messages. */
  public static Settings parse(String text, String source) {
    return parse(readTree(text, source), source);
  }

  /**
   * The configuration text as a tree, anchors and aliases resolved ({@link YamlTree}): what {@link
   * #parse(JsonNode, String)} validates. For every reader of the file, so that all see the same
   * tree.
   */
  public static JsonNode readTree(String text, String source) {
    if (text.length() > MAX_CONFIG_BYTES) {
      throw new ConfigException(
          source, List.of("larger than " + MAX_CONFIG_BYTES + " bytes; is this the right file?"));
    }
    try {
      JsonNode node = YamlTree.read(text, source);
      if (node == null || !node.isObject()) {
        throw new ConfigException(source, List.of("expected a YAML mapping at the top level"));
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          source, List.of("not valid YAML/JSON: " + e.getOriginalMessage() + location(e)));
    }
  }

  /** Validates an already-parsed (possibly merged) configuration tree. */
  public static Settings parse(JsonNode tree, String source) {
    ConfigFile file;
    try {
      file = YAML.treeToValue(tree, ConfigFile.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          source,
          List.of(
              path(e)
                  + ": unknown key '"
                  + e.getPropertyName()
                  + "'; known keys here: "
                  + e.getKnownPropertyIds()));
    } catch (JsonMappingException e) {
      throw new ConfigException(source, List.of(path(e) + ": " + e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, List.of(e.getOriginalMessage()));
    }
    return validate(file, source);
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "(top level)" : sb.toString();
  }

  /**
   * Checks the bound file block by block, each block in its own class, and collects every problem
   * before failing: the order of the checks is the order the problems are listed in.
   */
  private static Settings validate(ConfigFile f, String source) {
    Problems problems = new Problems();
    if (f.version() == null || f.version() != 1) {
      problems.add("version: must be 1, got " + f.version());
    }
    Map<DnsName, TsigKeySpec> keys = TsigKeysBlock.parse(f.tsigKeys(), problems);
    ConfigFile.ZoneOptions defaults =
        f.defaults() == null ? ConfigFile.ZoneOptions.EMPTY : f.defaults();
    ZoneOptionsBlock.Inherited inherited =
        ZoneOptionsBlock.inherited(
            "defaults", defaults, ZoneOptionsBlock.Inherited.BUILT_IN, problems);
    Route53Settings route53 = Route53Block.settings(f.route53(), problems);
    Duration minBatchTime = Route53Block.minBatchTime(f.route53(), problems);
    ExecutionSettings execution = ExecutionBlock.settings(f.execution(), problems);

    List<ConfigFile.ZoneEntry> entries = f.zones() == null ? List.of() : f.zones();
    List<ConfigFile.CatalogEntry> catalogEntries = f.catalogs() == null ? List.of() : f.catalogs();
    // a configuration may hold catalogs only: its zones then come from them at run time
    if (entries.isEmpty() && catalogEntries.isEmpty()) {
      problems.add("zones: at least one zone is required");
    }
    ZonesBlock zonesBlock = new ZonesBlock(keys, defaults, inherited, problems);
    List<ZonesBlock.Draft> drafts = zonesBlock.drafts(entries);
    List<CatalogSettings> catalogs =
        new CatalogsBlock(keys, defaults, inherited, problems).parse(catalogEntries, drafts);
    // a cut whose child zone this configuration mirrors is covered by that zone's hosted zone
    Set<DnsName> mirrored = new LinkedHashSet<>();
    drafts.forEach(d -> mirrored.add(d.name()));
    catalogs.forEach(c -> mirrored.add(c.name()));
    List<ZoneSettings> zones = zonesBlock.relate(drafts, mirrored);
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems.list());
    }
    return new Settings(zones, route53, minBatchTime, execution, catalogs);
  }
}
