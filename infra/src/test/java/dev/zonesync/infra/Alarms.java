package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the alarms and the dashboard out of a synthesized app. */
final class Alarms {
  private Alarms() {}

  /** Every alarm of the app (parent and nested), keyed by alarm name. */
  static Map<String, JsonNode> byName(Synth synth) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode t : synth.templates()) {
      t.path("Resources")
          .forEach(
              r -> {
                if (r.path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                  String name = r.path("Properties").path("AlarmName").asText();
                  assertThat(out.put(name, r.path("Properties")))
                      .as("alarm %s twice", name)
                      .isNull();
                }
              });
    }
    return out;
  }

  /** The zone alarms of {@code zone} in the metric dimension's spelling, keyed by kind suffix. */
  static Map<String, JsonNode> ofZone(Synth synth, String zone) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode t : synth.alarmJson.values()) {
      t.path("Resources")
          .forEach(
              r -> {
                JsonNode p = r.path("Properties");
                if (r.path("Type").asText().equals("AWS::CloudWatch::Alarm")
                    && p.path("Dimensions").get(0).path("Value").asText().equals(zone)) {
                  String name = p.path("AlarmName").asText();
                  out.put(name.substring(name.lastIndexOf(' ') + 1), p);
                }
              });
    }
    return out;
  }

  /** Where each alarm lives: alarm name → nested stack id / logical ID. */
  static Map<String, String> locations(Synth synth) {
    Map<String, String> out = new TreeMap<>();
    synth.alarmJson.forEach(
        (stack, t) ->
            t.path("Resources")
                .fields()
                .forEachRemaining(
                    e -> {
                      JsonNode p = e.getValue().path("Properties");
                      if (e.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                        out.put(
                            p.path("AlarmName").asText(),
                            stack.getNode().getId() + "/" + e.getKey());
                      }
                    }));
    return out;
  }

  /**
   * What an alarm's actions point at, seen from the parent: a nested stack parameter is replaced by
   * the value the parent passes (e.g. {@code {"Ref":"MonitoringAlarmTopic..."}}).
   */
  static List<String> actionTargets(Synth synth, JsonNode alarm, String key) {
    List<String> out = new ArrayList<>();
    for (JsonNode action : alarm.path(key)) {
      String ref = action.path("Ref").asText();
      if (ref.isEmpty()) {
        out.add(action.isTextual() ? action.asText() : action.toString());
        continue;
      }
      JsonNode passed = null;
      for (JsonNode stack : synth.resources("AWS::CloudFormation::Stack").values()) {
        JsonNode v = stack.path("Properties").path("Parameters").path(ref);
        if (!v.isMissingNode()) {
          passed = v;
        }
      }
      out.add(passed == null ? action.toString() : passed.toString());
    }
    return out;
  }

  /** The dashboard body with intrinsics flattened ({@code ${AWS::Partition}}, …). */
  static JsonNode dashboardBody(Synth synth) throws Exception {
    Map<String, JsonNode> dashboards = synth.resources("AWS::CloudWatch::Dashboard");
    assertThat(dashboards).hasSize(1);
    JsonNode body = dashboards.values().iterator().next().path("Properties").path("DashboardBody");
    return Synth.JSON.readTree(Policies.flatten(body));
  }

  /** Widgets of one type in a dashboard body. */
  static List<JsonNode> widgets(JsonNode body, String type) {
    List<JsonNode> out = new ArrayList<>();
    body.path("widgets")
        .forEach(
            w -> {
              if (w.path("type").asText().equals(type)) {
                out.add(w);
              }
            });
    return out;
  }
}
