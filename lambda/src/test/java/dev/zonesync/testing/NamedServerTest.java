package dev.zonesync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Fast checks that start no process. */
@Timeout(30)
class NamedServerTest {

  @Test
  void missingNamedSaysHowToInstallIt() {
    assertThatThrownBy(
            () ->
                NamedServer.resolveNamed(null, Path.of("/nonexistent/sbin/named"), "/nonexistent"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("scripts/test")
        .hasMessageContaining("apt-get install -y bind9 bind9-dnsutils");
    assertThatThrownBy(() -> NamedServer.resolveNamed(Path.of("/nonexistent/named"), null, ""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apt-get install -y bind9 bind9-dnsutils");
  }

  @Test
  void generatedSecretsAre32RandomBytes() {
    String a = NamedServer.generateTsigSecret();
    assertThat(Base64.getDecoder().decode(a)).hasSize(32);
    assertThat(NamedServer.generateTsigSecret()).isNotEqualTo(a);
  }

  @Test
  void keyToStringHidesTheSecret() {
    String secret = NamedServer.generateTsigSecret();
    NamedServer.TsigKey k = new NamedServer.TsigKey("k", "HMAC-SHA256", secret);
    assertThat(k.name()).isEqualTo("k.");
    assertThat(k.algorithm()).isEqualTo("hmac-sha256");
    assertThat(k.toString()).doesNotContain(secret).contains("redacted");
    assertThat(k.toTsig()).isNotNull();
  }

  @Test
  void zoneAddedTwiceIsRejected() {
    assertThatThrownBy(
            () -> NamedServer.builder().zoneText("a.example.", "").zoneText("A.example", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
