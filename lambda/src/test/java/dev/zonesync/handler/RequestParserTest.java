package dev.zonesync.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.Samples;
import dev.zonesync.sync.SyncRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParserTest {

  private static SyncRequest event(String file) throws IOException {
    return RequestParser.parse(Files.readAllBytes(Samples.event(file)));
  }

  @Test
  void scheduledEvent_syncsAllZonesWithDefaults() throws IOException {
    assertThat(event("scheduled-event.json")).isEqualTo(SyncRequest.ALL);
  }

  @Test
  void sampleRequests_parseAsDocumented() throws IOException {
    assertThat(event("sync-all.json")).isEqualTo(SyncRequest.ALL);
    assertThat(event("sync-zone.json"))
        .isEqualTo(new SyncRequest(List.of("corp.example."), false, false, "auto"));
    assertThat(event("force-sync.json"))
        .isEqualTo(new SyncRequest(List.of("corp.example."), true, false, "auto"));
    assertThat(event("dry-run.json"))
        .isEqualTo(new SyncRequest(List.of("corp.example."), false, true, "auto"));
    assertThat(event("sync-catalog.json"))
        .isEqualTo(
            new SyncRequest(List.of(), List.of("catalog.corp.example."), false, false, "auto"));
    assertThat(event("full-reconcile.json").options().mode())
        .isEqualTo(dev.zonesync.plan.SyncMode.FULL);
  }

  @Test
  void emptyPayload_syncsAll() {
    assertThat(RequestParser.parse(new byte[0])).isEqualTo(SyncRequest.ALL);
    assertThat(RequestParser.parse("null".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(SyncRequest.ALL);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'{\"zones\": \"corp.example.\"}'|'\"zones\" must be a list'",
        "'{\"zones\": [1]}'|'\"zones\" must contain zone names'",
        "'{\"force\": \"yes\"}'|'\"force\" must be true or false'",
        "'{\"dryrun\": true}'|'unknown field(s) [dryrun]'",
        "'{\"mode\": \"fast\"}'|'mode must be \"auto\" or \"full\"'",
        "'[1,2]'|'must be a JSON object'",
        "'{\"zones\": [}'|'not valid JSON'",
        "'{\"detail-type\": \"Object Created\"}'|'unsupported EventBridge event'"
      })
  void malformedRequests_areRefusedWithAClearMessage(String json, String message) {
    assertThatThrownBy(() -> RequestParser.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(message);
  }

  @Test
  void oversizedPayload_isRefusedUnread() {
    byte[] big = new byte[RequestParser.MAX_REQUEST_BYTES + 1];
    assertThatThrownBy(() -> RequestParser.parse(big)).hasMessageContaining("limit");
  }
}
