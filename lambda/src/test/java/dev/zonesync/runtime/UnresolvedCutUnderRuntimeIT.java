package dev.zonesync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonesync.Samples;
import dev.zonesync.contract.FunctionContract;
import dev.zonesync.contract.MetricNames;
import dev.zonesync.testing.LambdaPackage;
import dev.zonesync.testing.LambdaRuntimeEmulator;
import dev.zonesync.testing.LambdaRuntimeEmulator.Invocation;
import dev.zonesync.testing.MotoServer;
import dev.zonesync.testing.NamedServer;
import dev.zonesync.testing.SyncHarness;
import dev.zonesync.testing.TwoCutsZone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delegation case through the deployable {@code zonesync.jar} as Lambda runs it (Runtime
 * Interface Client inside the Runtime Interface Emulator, Java 21, configured by environment only):
 * the function's response carries the UNRESOLVED_CUT warning of the cut nothing resolves, and the
 * function-level EMF document it writes to its log counts it in {@code UnresolvedCuts} — on the
 * full run, after a change at the delegated cut, and on an unchanged run (so that an alarm on the
 * metric holds between full reconciles).
 */
class UnresolvedCutUnderRuntimeIT {

  private static final String SECRET_ENV = "ZS_TSIG_SECRET";

  private static LambdaPackage pkg;
  private static MotoServer moto;

  @TempDir Path dir;
  private final String secret = NamedServer.generateTsigSecret();
  private NamedServer named;
  private String zoneId;
  private LambdaRuntimeEmulator function;

  @BeforeAll
  static void unpack() {
    pkg = LambdaPackage.unpack(UnpackedPackageIT.deploymentPackage());
    moto = MotoServer.shared();
  }

  @AfterAll
  static void removePackage() {
    if (pkg != null) {
      pkg.close();
    }
  }

  @BeforeEach
  void master() {
    named = TwoCutsZone.start(secret);
    zoneId = moto.createPrivateHostedZone(TwoCutsZone.ZONE);
  }

  @AfterEach
  void stop() {
    if (function != null) {
      function.close();
    }
    named.close();
  }

  /** The function-level document (no zone is {@code metrics: detailed}: the only one). */
  private static JsonNode functionDocument(Invocation r) {
    assertThat(r.emfDocuments()).as("EMF documents in %s", r.lines()).hasSize(1);
    JsonNode doc = r.emfDocuments().get(0);
    assertThat(doc.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
        .isEqualTo(MetricNames.NAMESPACE);
    assertThat(doc.path(MetricNames.FUNCTION_DIMENSION).isMissingNode()).isFalse();
    return doc;
  }

  private static JsonNode corp(Invocation r) {
    JsonNode z = r.json().path("zones").get(0);
    assertThat(z.path("zone").asText()).as(r.body()).isEqualTo(TwoCutsZone.ZONE);
    return z;
  }

  private static List<String> unresolved(JsonNode zone) {
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode w : zone.path("warnings")) {
      if (w.path("code").asText().equals("UNRESOLVED_CUT")) {
        out.add(w.path("message").asText());
      }
    }
    return out;
  }

  private static void print(String title, Invocation r) {
    JsonNode z = corp(r);
    JsonNode doc = functionDocument(r);
    System.out.printf(
        "=== under the runtime: %s%nstatus=%s path=%s transfer=%s reason: %s%napiCalls: %s%n"
            + "changes: %s%nwarnings: %s%nfunction-level EMF: UnresolvedCuts=%s"
            + " unresolvedCutZones=%s ZonesApplied=%s ZonesUpToDate=%s Route53Calls=%s%n",
        title,
        z.path("status").asText(),
        z.path("path").asText(),
        z.path("transfer").asText(),
        z.path("reason").asText(),
        z.path("apiCalls"),
        z.path("changes"),
        z.path("warnings"),
        doc.path(MetricNames.UNRESOLVED_CUTS),
        doc.path("unresolvedCutZones"),
        doc.path(MetricNames.ZONES_APPLIED),
        doc.path(MetricNames.ZONES_UP_TO_DATE),
        doc.path(MetricNames.ROUTE53_CALLS));
  }

  /** The function's environment as the CDK app would configure it, pointed at the emulators. */
  private Map<String, String> environment(Path config) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JAVA_TOOL_OPTIONS", FunctionContract.JAVA_TOOL_OPTIONS);
    env.put(FunctionContract.CONFIG_ENV, config.toString());
    env.put(SECRET_ENV, secret);
    env.put(MotoServer.ENDPOINT_ENV, moto.endpoint().toString());
    return env;
  }

  @Test
  void theFunction_reportsTheCutNothingResolves_andCountsItInItsMetricOnEveryRun()
      throws IOException {
    Path config = dir.resolve("zonesync.yaml");
    Files.writeString(
        config,
        TwoCutsZone.config(
            zoneId, named.hostPort(), SECRET_ENV, "delegations: [branch.corp.example.]"));
    function =
        LambdaRuntimeEmulator.builder(pkg, HandlerUnderRuntimeIT.HANDLER)
            .environment(environment(config))
            .timeoutSeconds(120)
            .start();
    String syncAll = Files.readString(Samples.event("sync-all.json"));

    Invocation first = function.invoke(syncAll);
    assertThat(first.isError()).as(first.body()).isFalse();
    print("first sync", first);
    assertThat(corp(first).path("status").asText()).isEqualTo("APPLIED");
    assertThat(unresolved(corp(first))).containsExactly(TwoCutsZone.LAB_WARNING);
    assertThat(SyncHarness.mirrorLines(zoneId))
        .containsExactlyInAnyOrderElementsOf(TwoCutsZone.firstSync());
    assertThat(functionDocument(first).path(MetricNames.UNRESOLVED_CUTS).asDouble()).isEqualTo(1.0);
    assertThat(functionDocument(first).path("unresolvedCutZones").toString())
        .isEqualTo("[\"corp.example.\"]");
    assertThat(first.lines()).noneMatch(l -> l.contains(secret));

    // a change at the delegated cut: an NS target more (with glue), ns1's glue moved
    named.replaceZone(
        TwoCutsZone.ZONE,
        TwoCutsZone.corp(
            2026120102L,
            TwoCutsZone.BRANCH
                    .replace("10.1.0.53", "10.1.0.153")
                    .replace("ns.partner.example.", "ns2.branch")
                + "ns2.branch IN A 10.1.0.54\n",
            TwoCutsZone.LAB));
    Invocation changed = function.invoke(syncAll);
    print("after the change at branch", changed);
    assertThat(corp(changed).path("status").asText()).isEqualTo("APPLIED");
    assertThat(corp(changed).path("path").asText()).isEqualTo("full");
    assertThat(unresolved(corp(changed))).containsExactly(TwoCutsZone.LAB_WARNING);
    assertThat(functionDocument(changed).path(MetricNames.UNRESOLVED_CUTS).asDouble())
        .isEqualTo(1.0);
    assertThat(SyncHarness.mirrorLines(zoneId))
        .containsExactlyInAnyOrderElementsOf(
            TwoCutsZone.concat(
                TwoCutsZone.OUTSIDE_CUTS,
                List.of(
                    "branch.corp.example. NS 3600 ns1.branch.corp.example. |"
                        + " ns2.branch.corp.example.",
                    "ns1.branch.corp.example. A 3600 10.1.0.153",
                    "ns1.branch.corp.example. AAAA 3600 2001:db8:1::53",
                    "ns2.branch.corp.example. A 3600 10.1.0.54",
                    TwoCutsZone.marker(2026120102L, 6, "branch", "_msdcs,branch,lab")),
                TwoCutsZone.MSDCS_LINES));

    // nothing changed: the zone is up to date, and the metric still counts the cut
    Invocation unchanged = function.invoke(syncAll);
    print("unchanged", unchanged);
    assertThat(corp(unchanged).path("status").asText()).isEqualTo("UP_TO_DATE");
    assertThat(unresolved(corp(unchanged))).containsExactly(TwoCutsZone.LAB_AS_RECORDED);
    assertThat(functionDocument(unchanged).path(MetricNames.UNRESOLVED_CUTS).asDouble())
        .isEqualTo(1.0);
    assertThat(functionDocument(unchanged).path(MetricNames.ZONES_UP_TO_DATE).asDouble())
        .isEqualTo(2.0);
    System.out.println(
        "=== the function-level EMF document of the unchanged run:\n"
            + functionDocument(unchanged).toPrettyString());
  }
}
