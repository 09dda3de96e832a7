package dev.zonesync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.TsigKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

  private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ=";

  private static TsigKeySpec key(ConfigFile.SecretRef ref) {
    return new TsigKeySpec(DnsName.of("k."), "hmac-sha256", ref);
  }

  @Test
  void extract_acceptsBareBindAndJsonForms() {
    assertThat(SecretText.extract(SECRET + "\n")).isEqualTo(SECRET);
    assertThat(
            SecretText.extract(
                "key \"k\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + SECRET + "\";\n};\n"))
        .isEqualTo(SECRET);
    assertThat(SecretText.extract("{\"secret\": \"" + SECRET + "\"}")).isEqualTo(SECRET);
    assertThat(SecretText.extract("not a secret at all")).isNull();
  }

  @Test
  void resolve_fromEnvironmentAndFile(@TempDir Path dir) throws IOException {
    LocalSecretResolver r = new LocalSecretResolver(Map.of("K", SECRET), null);
    assertThat(r.base64Secret(key(new ConfigFile.SecretRef("K", null, null)))).isEqualTo(SECRET);
    Path f = dir.resolve("k.key");
    Files.writeString(f, "key \"k\" { algorithm hmac-sha256; secret \"" + SECRET + "\"; };");
    assertThat(r.base64Secret(key(new ConfigFile.SecretRef(null, f.toString(), null))))
        .isEqualTo(SECRET);
  }

  @Test
  void resolve_whenMissing_namesTheSourceNeverTheValue(@TempDir Path dir) throws IOException {
    LocalSecretResolver r =
        new LocalSecretResolver(Map.of("K", "garbage with spaces " + SECRET), null);
    assertThatThrownBy(() -> r.base64Secret(key(new ConfigFile.SecretRef("NOPE", null, null))))
        .hasMessageContaining("environment variable NOPE is not set");
    assertThatThrownBy(() -> r.base64Secret(key(new ConfigFile.SecretRef("K", null, null))))
        .hasMessageContaining("holds no base64 secret")
        .message()
        .doesNotContain(SECRET);
    assertThatThrownBy(
            () ->
                r.base64Secret(
                    key(
                        new ConfigFile.SecretRef(
                            null, null, "arn:aws:secretsmanager:eu-west-1:1:secret:x"))))
        .hasMessageContaining("no Secrets Manager client");
  }

  @Test
  void tsigKey_neverPrintsItsSecret() {
    TsigKey k = TsigKey.fromBase64(DnsName.of("k."), "hmac-sha256", SECRET);
    assertThat(k.toString()).doesNotContain(SECRET).contains("<redacted>");
    assertThatThrownBy(() -> TsigKey.fromBase64(DnsName.of("k."), "hmac-sha256", "!!" + SECRET))
        .message()
        .doesNotContain(SECRET)
        .contains("not valid base64");
  }
}
