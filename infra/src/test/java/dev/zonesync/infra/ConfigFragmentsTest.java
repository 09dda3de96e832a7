package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zonesync.infra.config.ConfigException;
import dev.zonesync.infra.config.ConfigFragments;
import dev.zonesync.infra.config.ZoneSyncConfig;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Splitting the deployed config into SSM-sized fragments the engine merges back. */
class ConfigFragmentsTest {

  @Test
  void pack_whenSample_isOneFragmentEqualToTheConfigWithoutDeployment() throws Exception {
    ZoneSyncConfig c = ZoneSyncConfig.parse(Synth.sampleYaml());
    ConfigFragments f = ConfigFragments.pack(c, ConfigFragments.STANDARD_TIER_LIMIT);
    assertThat(f.values()).hasSize(1);
    assertThat(Synth.JSON.readTree(f.values().get(0))).isEqualTo(c.engineConfig());
  }

  @Test
  void pack_whenZoneHasAlarmSettings_leavesThemOut() throws Exception {
    ZoneSyncConfig c =
        ZoneSyncConfig.parse(
            TestConfigs.MINIMAL.replace(
                "    tsig: none\n", "    tsig: none\n    alarms: {staleAfter: 1h}\n"));
    ConfigFragments f = ConfigFragments.pack(c, ConfigFragments.STANDARD_TIER_LIMIT);
    JsonNode lab = Synth.JSON.readTree(f.values().get(0)).path("zones").get(1);
    assertThat(lab.path("name").asText()).isEqualTo("lab.example.");
    assertThat(lab.has("alarms")).isFalse();
    assertThat(c.engineConfig().path("zones").get(1).has("alarms")).isTrue();
    // Alarm settings alone do not publish a new function version.
    assertThat(f.revision())
        .isEqualTo(
            ConfigFragments.pack(
                    ZoneSyncConfig.parse(TestConfigs.MINIMAL), ConfigFragments.STANDARD_TIER_LIMIT)
                .revision());
  }

  @Test
  void pack_when200Zones_fitsStandardParametersAndMergesBackToTheConfig() throws Exception {
    ZoneSyncConfig c = ZoneSyncConfig.parse(TestConfigs.manyZones(200));
    ConfigFragments f = ConfigFragments.pack(c, ConfigFragments.STANDARD_TIER_LIMIT);

    assertThat(f.values().size()).isBetween(5, 25);
    Map<String, String> ids = new HashMap<>();
    c.zones().forEach(z -> ids.put(z.name(), "Z" + "9".repeat(31))); // longest plausible ID
    for (String v : f.values()) {
      assertThat(ConfigFragments.resolve(v, ids).getBytes(StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(4096);
    }
    ObjectNode merged = merge(f, ids);
    ObjectNode expected = c.engineConfig().deepCopy();
    for (JsonNode zone : expected.withArray("zones")) {
      if (((ObjectNode) zone).remove("createHostedZone") != null) {
        ((ObjectNode) zone).put("hostedZoneId", ids.get(zone.path("name").asText()));
      }
    }
    assertThat(merged).isEqualTo(expected);
  }

  @Test
  void pack_whenOneZoneAloneExceedsAParameter_failsNamingTheZone() {
    StringBuilder patterns = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      patterns.append("\"host-").append(i).append(".corp.example.\", ");
    }
    String yaml =
        TestConfigs.MINIMAL.replace(
            "    tsig: none\n", "    tsig: none\n    preserve: [" + patterns + "]\n");
    // Synth packs the fragments while validating them with the engine's parser.
    assertThatThrownBy(() -> ZoneSyncConfig.parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("zones[1]: takes ");
  }

  @Test
  void revision_changesWithTheDeployedConfigOnly() {
    String base = TestConfigs.MINIMAL;
    String rev = ConfigFragments.pack(ZoneSyncConfig.parse(base), 4096).revision();
    assertThat(ConfigFragments.pack(ZoneSyncConfig.parse(base), 4096).revision()).isEqualTo(rev);
    // An engine setting changes what the function reads: new revision.
    assertThat(
            ConfigFragments.pack(
                    ZoneSyncConfig.parse(
                        base.replace("tsig: none", "tsig: none\n    ttl: {min: 60}")),
                    4096)
                .revision())
        .isNotEqualTo(rev);
    // A deployment-only setting does not.
    assertThat(
            ConfigFragments.pack(
                    ZoneSyncConfig.parse(
                        base.replace(
                            "region: eu-west-1",
                            "region: eu-west-1\n  function: {memoryMb: 2048}")),
                    4096)
                .revision())
        .isEqualTo(rev);
  }

  /** What the engine does with ssm-path fragments: concatenate zones and tsigKeys. */
  static ObjectNode merge(ConfigFragments f, Map<String, String> ids) throws Exception {
    ObjectNode merged = Synth.JSON.createObjectNode();
    for (String v : f.values()) {
      JsonNode fragment = Synth.JSON.readTree(ConfigFragments.resolve(v, ids));
      for (Iterator<Map.Entry<String, JsonNode>> it = fragment.fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().equals("zones") || e.getKey().equals("tsigKeys")) {
          ArrayNode target = merged.withArray(e.getKey());
          e.getValue().forEach(target::add);
        } else {
          assertThat(merged.has(e.getKey())).as("key %s in two fragments", e.getKey()).isFalse();
          merged.set(e.getKey(), e.getValue());
        }
      }
    }
    return merged;
  }
}
