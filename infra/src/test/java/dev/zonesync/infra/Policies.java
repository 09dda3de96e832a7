package dev.zonesync.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads IAM grants out of a synthesized template: for a role, action → resources over its inline
 * policies, attached managed policies and AWS::IAM::Policy resources, with intrinsics flattened to
 * {@code ${Logical}} / {@code ${AWS::Partition}} text.
 */
final class Policies {
  private Policies() {}

  static Map<String, List<String>> functionGrants(Synth synth) {
    return grants(synth, "FunctionRole");
  }

  /** Grants of the one role whose logical ID starts with {@code rolePrefix}. */
  static Map<String, List<String>> grants(Synth synth, String rolePrefix) {
    JsonNode resources = synth.json.path("Resources");
    String roleId = null;
    for (var it = resources.fieldNames(); it.hasNext(); ) {
      String id = it.next();
      if (id.startsWith(rolePrefix)
          && resources.get(id).path("Type").asText().equals("AWS::IAM::Role")) {
        roleId = id;
      }
    }
    if (roleId == null) {
      throw new AssertionError("no role " + rolePrefix);
    }
    JsonNode role = resources.get(roleId).path("Properties");
    List<JsonNode> docs = new ArrayList<>();
    role.path("Policies").forEach(p -> docs.add(p.path("PolicyDocument")));
    for (JsonNode arn : role.path("ManagedPolicyArns")) {
      String ref = arn.path("Ref").asText();
      if (ref.isEmpty()) {
        throw new AssertionError("role " + roleId + " attaches a policy that is not ours: " + arn);
      }
      docs.add(resources.get(ref).path("Properties").path("PolicyDocument"));
    }
    for (JsonNode r : resources) {
      if (r.path("Type").asText().equals("AWS::IAM::Policy")) {
        for (JsonNode roleRef : r.path("Properties").path("Roles")) {
          if (roleRef.path("Ref").asText().equals(roleId)) {
            docs.add(r.path("Properties").path("PolicyDocument"));
          }
        }
      }
    }
    Map<String, LinkedHashSet<String>> out = new LinkedHashMap<>();
    for (JsonNode doc : docs) {
      for (JsonNode st : doc.path("Statement")) {
        if (!st.path("Effect").asText().equals("Allow")) {
          continue;
        }
        for (String action : list(st.path("Action"))) {
          for (JsonNode res :
              st.path("Resource").isArray() ? st.path("Resource") : List.of(st.path("Resource"))) {
            out.computeIfAbsent(action, a -> new LinkedHashSet<>()).add(flatten(res));
          }
        }
      }
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    out.forEach((k, v) -> result.put(k, List.copyOf(v)));
    return result;
  }

  /** Renders Fn::Join / Ref / Fn::GetAtt as text: {@code arn:${AWS::Partition}:...}. */
  static String flatten(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.has("Ref")) {
      return "${" + value.get("Ref").asText() + "}";
    }
    if (value.has("Fn::GetAtt")) {
      return "${"
          + value.get("Fn::GetAtt").get(0).asText()
          + "."
          + value.get("Fn::GetAtt").get(1).asText()
          + "}";
    }
    if (value.has("Fn::Join")) {
      StringBuilder b = new StringBuilder();
      List<String> parts = new ArrayList<>();
      value.get("Fn::Join").get(1).forEach(p -> parts.add(flatten(p)));
      b.append(String.join(value.get("Fn::Join").get(0).asText(), parts));
      return b.toString();
    }
    return value.toString();
  }

  /** {@code node} with every intrinsic replaced by its {@link #flatten} text, recursively. */
  static JsonNode deepFlatten(JsonNode node) {
    if (node.isObject()
        && (node.has("Ref") || node.has("Fn::GetAtt") || node.has("Fn::Join"))
        && node.size() == 1) {
      return com.fasterxml.jackson.databind.node.TextNode.valueOf(flatten(node));
    }
    if (node.isObject()) {
      var copy = Synth.JSON.createObjectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), deepFlatten(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      var copy = Synth.JSON.createArrayNode();
      node.forEach(n -> copy.add(deepFlatten(n)));
      return copy;
    }
    return node;
  }

  private static List<String> list(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else {
      out.add(node.asText());
    }
    return out;
  }
}
