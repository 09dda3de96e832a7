package dev.zonesync.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Reads YAML (or JSON) into a Jackson tree with anchors, aliases and merge keys resolved.
 *
 * <p>Why not {@code ObjectMapper.readTree}: Jackson's YAML parser streams SnakeYAML's events and
 * never composes the node graph, so an alias reaches the tree as a string holding the anchor's name
 * ({@code masters: *dcs} became {@code masters: "dcs"}), and a scalar alias could pass validation
 * with the wrong value. Here every alias is replaced by a copy of its anchor's value, scalars typed
 * exactly as Jackson types them.
 *
 * <p>Aliases can expand a small file exponentially ("billion laughs": nine aliases of nine aliases
 * …). SnakeYAML's guard ({@link LoaderOptions#setMaxAliasesForCollections}) lives in its composer,
 * which Jackson does not use, so the budget is kept here: the values that aliases of mappings and
 * lists add may not exceed {@link #MAX_ALIAS_EXPANSION}. Scalar aliases cannot grow the tree beyond
 * the file's own size and are not counted.
 *
 * <p>Merge keys ({@code <<: *defaults}, {@code <<: [*a, *b]}) follow the YAML 1.1 merge type: keys
 * written in the mapping win, then the merged mappings in the order listed. Keys must be unique in
 * a mapping (YAML requires it; a repeated key is almost always a mistake that would silently win).
 */
final class YamlTree {

  /**
   * Most values aliases of mappings and lists may add. A thousand zones sharing a master list or a
   * {@code safety} block add a few thousand; a "billion laughs" file adds millions.
   */
  static final int MAX_ALIAS_EXPANSION = 100_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final EventFactory FACTORY = new EventFactory();

  private final EventParser p;
  private final String source;
  private final Map<String, JsonNode> anchors = new HashMap<>();
  private final Set<String> open = new HashSet<>();
  private long expanded;

  private YamlTree(EventParser p, String source) {
    this.p = p;
    this.source = source;
  }

  /**
   * The document's tree (null for an empty document).
   *
   * @throws JsonProcessingException when the text is not YAML
   * @throws ConfigException for an alias problem, a repeated key or a bad merge key
   */
  static JsonNode read(String text, String source) throws JsonProcessingException {
    try (EventParser p = (EventParser) FACTORY.createParser(new StringReader(text))) {
      if (p.nextToken() == null) {
        return null;
      }
      YamlTree tree = new YamlTree(p, source);
      JsonNode root = tree.value();
      if (p.nextToken() != null) {
        throw tree.problem("a second YAML document (---) follows the first; use one document");
      }
      return root;
    } catch (JsonProcessingException | ConfigException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
  }

  /** The value starting at the current token. */
  private JsonNode value() throws IOException {
    if (p.isCurrentAlias()) {
      return alias(p.getText());
    }
    String anchor = p.anchor();
    if (anchor != null) {
      open.add(anchor);
    }
    JsonNode n =
        switch (p.currentToken()) {
          case START_OBJECT -> mapping();
          case START_ARRAY -> sequence();
          default -> scalar();
        };
    if (anchor != null) {
      open.remove(anchor);
      anchors.put(anchor, n); // a later anchor of the same name replaces it, as YAML says
    }
    return n;
  }

  private JsonNode alias(String name) {
    JsonNode n = anchors.get(name);
    if (n == null) {
      throw problem(
          open.contains(name)
              ? "alias *" + name + " is inside the value anchored &" + name + " (a loop)"
              : "alias *" + name + " has no anchor &" + name + " before it");
    }
    if (n.isContainerNode()) {
      expanded += size(n, MAX_ALIAS_EXPANSION - expanded + 1);
      if (expanded > MAX_ALIAS_EXPANSION) {
        throw problem(
            "aliases expand the file to more than "
                + MAX_ALIAS_EXPANSION
                + " values (the limit against alias bombs), reached at alias *"
                + name
                + "; write the repeated values out or alias less");
      }
    }
    return n.deepCopy();
  }

  private ObjectNode mapping() throws IOException {
    ObjectNode o = NODES.objectNode();
    JsonNode merge = null;
    JsonLocation mergeAt = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      boolean isMerge = "<<".equals(key) && p.isPlainScalar();
      JsonLocation at = p.currentTokenLocation();
      p.nextToken();
      JsonNode v = value();
      if (o.has(key) || (isMerge && merge != null)) {
        throw problem(at, "key '" + key + "' appears twice in the same mapping; keep one");
      }
      if (isMerge) {
        merge = v;
        mergeAt = at;
      } else {
        o.set(key, v);
      }
    }
    if (merge != null) {
      merge(o, merge, mergeAt);
    }
    return o;
  }

  /** Adds the merged mappings' keys that {@code o} does not set itself; earlier mappings win. */
  private void merge(ObjectNode o, JsonNode merge, JsonLocation at) {
    List<JsonNode> sources = new ArrayList<>();
    if (merge.isArray()) {
      merge.forEach(sources::add);
    } else {
      sources.add(merge);
    }
    for (JsonNode s : sources) {
      if (!s.isObject()) {
        throw problem(
            at,
            "merge key '<<' takes a mapping or a list of mappings (e.g. '<<: *defaults'), not "
                + (s.isArray() ? "a list" : "the scalar '" + s.asText() + "'")
                + "; or write the keys out");
      }
      for (Map.Entry<String, JsonNode> e : s.properties()) {
        if (!o.has(e.getKey())) {
          o.set(e.getKey(), e.getValue());
        }
      }
    }
  }

  private ArrayNode sequence() throws IOException {
    ArrayNode a = NODES.arrayNode();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      a.add(value());
    }
    return a;
  }

  /** The scalar as Jackson's own tree reader types it. */
  private JsonNode scalar() throws IOException {
    return switch (p.currentToken()) {
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT ->
          p.getEmbeddedObject() instanceof byte[] b
              ? NODES.binaryNode(b)
              : NODES.pojoNode(p.getEmbeddedObject());
      default -> throw problem("unexpected " + p.currentToken());
    };
  }

  /** Nodes in {@code n}, counted up to {@code stopAbove}. */
  private static long size(JsonNode n, long stopAbove) {
    long count = 1;
    if (n.isContainerNode()) {
      for (Iterator<JsonNode> it = n.elements(); it.hasNext() && count <= stopAbove; ) {
        count += size(it.next(), stopAbove - count);
      }
    }
    return count;
  }

  private ConfigException problem(String what) {
    return problem(p.currentTokenLocation(), what);
  }

  private ConfigException problem(JsonLocation at, String what) {
    return new ConfigException(
        source, List.of("line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + what));
  }

  /** Hands out {@link EventParser}s. */
  private static final class EventFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    @Override
    protected YAMLParser _createParser(Reader r, IOContext ctxt) {
      return new EventParser(
          ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
    }
  }

  /**
   * Jackson's parser with what the tree needs from SnakeYAML's current event: the anchor of a
   * scalar value (Jackson exposes anchors of mappings and lists only) and a key's quoting.
   */
  private static final class EventParser extends YAMLParser {
    EventParser(
        IOContext ctxt,
        int parserFeatures,
        int formatFeatures,
        LoaderOptions loaderOptions,
        ObjectCodec codec,
        Reader reader) {
      super(ctxt, parserFeatures, formatFeatures, loaderOptions, codec, reader);
    }

    /** The anchor on the current value, or null. */
    String anchor() {
      Event e = _lastEvent;
      return e instanceof NodeEvent n ? n.getAnchor() : null;
    }

    /** Whether the current key was written without quotes ({@code "<<"} is an ordinary key). */
    boolean isPlainScalar() {
      return _lastEvent instanceof ScalarEvent s && s.isPlain();
    }
  }
}
