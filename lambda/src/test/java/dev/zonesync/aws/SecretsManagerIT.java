package dev.zonesync.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zonesync.config.ConfigFile;
import dev.zonesync.config.SecretUnavailableException;
import dev.zonesync.config.TsigKeySpec;
import dev.zonesync.model.DnsName;
import dev.zonesync.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** SecretsManagerResolver against moto's Secrets Manager, through a recording stub. */
class SecretsManagerIT {

  private static final MotoServer MOTO = MotoServer.shared();
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  private static SecretsManagerClient sdk;
  private static AwsHttpStub wire;
  private static final List<String> STORED = new ArrayList<>();
  private static String keygenSecret;
  private static String keygenArn;

  @BeforeAll
  static void createSecrets() throws Exception {
    sdk = MotoAws.secretsManager(MOTO);
    wire = AwsHttpStub.forwardingTo(MOTO.endpoint());
    String statement = tsigKeygen("transfer-key");
    // the secret as tsig-keygen printed it: the quoted text on the `secret` line
    String secretLine =
        statement.lines().filter(l -> l.strip().startsWith("secret ")).findFirst().orElseThrow();
    keygenSecret = secretLine.split("\"")[1];
    keygenArn = create("tsig-keygen", statement);
  }

  @AfterAll
  static void close() {
    wire.close();
    sdk.close();
  }

  private static String create(String name, String value) {
    STORED.add(value);
    return sdk.createSecret(b -> b.name("zonesync-it/" + RUN + "/" + name).secretString(value))
        .arn();
  }

  private static String tsigKeygen(String keyName) throws IOException, InterruptedException {
    Path exe = Path.of("/usr/sbin/tsig-keygen");
    if (!Files.isExecutable(exe)) {
      throw new IllegalStateException(
          exe + " not found: install bind9 (apt-get install -y bind9), or run scripts/test");
    }
    Process p = new ProcessBuilder(exe.toString(), "-a", "hmac-sha256", keyName).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("tsig-keygen failed with status " + p.exitValue());
    }
    return out;
  }

  private static String randomBase64() {
    byte[] b = new byte[32];
    ThreadLocalRandom.current().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  private static TsigKeySpec key(String arn) {
    return new TsigKeySpec(
        DnsName.of("transfer-key."), "hmac-sha256", new ConfigFile.SecretRef(null, null, arn));
  }

  private static SecretsManagerResolver resolver() {
    return new SecretsManagerResolver(
        region -> MotoAws.client(AwsJsonService.SECRETS_MANAGER, region, wire));
  }

  @Test
  void base64Secret_readsATsigKeygenStatement_signedForTheArnsRegion() throws Exception {
    int before = wire.received().size();

    assertThat(resolver().base64Secret(key(keygenArn))).isEqualTo(keygenSecret);

    AwsHttpStub.Received r = wire.received().get(before);
    assertThat(r.header("X-Amz-Target")).isEqualTo("secretsmanager.GetSecretValue");
    assertThat(r.header("Authorization")).contains("/us-east-1/secretsmanager/aws4_request");
    assertThat(SigV4Check.actualSignature(r))
        .isEqualTo(SigV4Check.expectedSignature(r, MotoServer.DUMMY_CREDENTIALS.secretAccessKey()));
  }

  @Test
  void base64Secret_readsABareBase64AndAJsonSecret() {
    String bare = randomBase64();
    String inJson = randomBase64();
    String bareArn = create("bare", bare + "\n");
    String jsonArn =
        create("json", "{\"secret\": \"" + inJson + "\", \"algorithm\": \"hmac-sha256\"}");

    SecretsManagerResolver r = resolver();
    assertThat(r.base64Secret(key(bareArn))).isEqualTo(bare);
    assertThat(r.base64Secret(key(jsonArn))).isEqualTo(inJson);
  }

  @Test
  void base64Secret_whenSecretMissing_namesKeyAndArn_andNoSecretValue() {
    String missing =
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:zonesync-it/" + RUN + "/gone-AbCdEf";

    SecretUnavailableException e =
        catchThrowableOfType(
            SecretUnavailableException.class, () -> resolver().base64Secret(key(missing)));

    assertThat(e.getMessage())
        .startsWith("TSIG key transfer-key.: cannot read secret " + missing + " (")
        .contains("ResourceNotFoundException")
        .contains("no such secret in us-east-1");
    assertNoStoredValueIn(e);
  }

  @Test
  void base64Secret_whenTheSecretIsBinary_orHoldsNoKey_saysSo_withoutTheValue() {
    String binary = randomBase64();
    STORED.add(binary);
    String binaryArn =
        sdk.createSecret(
                b ->
                    b.name("zonesync-it/" + RUN + "/binary")
                        .secretBinary(SdkBytes.fromUtf8String(binary)))
            .arn();
    String notAKeyArn = create("not-a-key", "password is hunter2");

    SecretUnavailableException bin =
        catchThrowableOfType(
            SecretUnavailableException.class, () -> resolver().base64Secret(key(binaryArn)));
    SecretUnavailableException text =
        catchThrowableOfType(
            SecretUnavailableException.class, () -> resolver().base64Secret(key(notAKeyArn)));

    assertThat(bin.getMessage()).contains(binaryArn).contains("SecretBinary");
    assertThat(text.getMessage()).contains(notAKeyArn).contains("holds no base64 secret");
    assertNoStoredValueIn(bin);
    assertNoStoredValueIn(text);
  }

  private static void assertNoStoredValueIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (String v : STORED) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(v.strip());
      }
      assertThat(String.valueOf(t.getMessage()))
          .doesNotContain(keygenSecret)
          .doesNotContain("hunter2");
    }
  }
}
