package dev.zonesync.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zonesync.config.ConfigException;
import dev.zonesync.testing.MotoServer;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** SsmParameterSource against moto's SSM, through a recording stub (what crossed the wire). */
class SsmParameterSourceIT {

  private static final MotoServer MOTO = MotoServer.shared();
  private static final String PREFIX = "/zonesync-it-" + UUID.randomUUID();
  private static final String SECURE_VALUE = "secure-fragment: {\"x\": 1}";

  private static SsmClient sdk;
  private static AwsHttpStub wire;
  private static final SortedMap<String, String> PUT = new TreeMap<>();

  @BeforeAll
  static void putParameters() {
    sdk = MotoAws.ssm(MOTO);
    wire = AwsHttpStub.forwardingTo(MOTO.endpoint());
    // 13 at the top, 2 nested, 1 SecureString: more than moto's (and AWS's) page of 10
    for (int i = 0; i < 13; i++) {
      PUT.put(PREFIX + "/config/" + String.format("%03d", i), "zones: [] # fragment " + i);
    }
    PUT.put(PREFIX + "/config/nested/a", "nested a");
    PUT.put(PREFIX + "/config/nested/deeper/b", "nested b");
    PUT.forEach(
        (name, value) ->
            sdk.putParameter(b -> b.name(name).value(value).type(ParameterType.STRING)));
    String secure = PREFIX + "/config/secure";
    sdk.putParameter(b -> b.name(secure).value(SECURE_VALUE).type(ParameterType.SECURE_STRING));
    PUT.put(secure, SECURE_VALUE);
    // a sibling path sharing the text prefix: not under PREFIX/config
    sdk.putParameter(
        b -> b.name(PREFIX + "/config-other/x").value("other").type(ParameterType.STRING));
  }

  @AfterAll
  static void close() {
    wire.close();
    sdk.close();
  }

  private static SsmParameterSource source(String region) {
    return new SsmParameterSource(MotoAws.client(AwsJsonService.SSM, region, wire));
  }

  @Test
  void byPath_readsEveryParameterRecursivelyDecrypted_inNameOrder_acrossPages() throws Exception {
    int before = wire.received().size();

    SortedMap<String, String> read = source(MotoAws.REGION).byPath(PREFIX + "/config");

    assertThat(read).containsExactlyEntriesOf(PUT);
    assertThat(read.get(PREFIX + "/config/secure")).isEqualTo(SECURE_VALUE);
    List<AwsHttpStub.Received> calls = wire.received().subList(before, wire.received().size());
    assertThat(calls).hasSize(2); // 16 parameters, 10 per page
    assertThat(calls.get(1).body()).contains("\"NextToken\"");
    for (AwsHttpStub.Received r : calls) {
      assertThat(r.header("X-Amz-Target")).isEqualTo("AmazonSSM.GetParametersByPath");
      assertThat(r.header("Authorization"))
          .startsWith("AWS4-HMAC-SHA256 Credential=" + MotoServer.DUMMY_CREDENTIALS.accessKeyId())
          .contains("/us-east-1/ssm/aws4_request");
      assertThat(SigV4Check.actualSignature(r))
          .isEqualTo(
              SigV4Check.expectedSignature(r, MotoServer.DUMMY_CREDENTIALS.secretAccessKey()));
    }
  }

  @Test
  void byPath_signedForAnotherRegion_seesThatRegionsParameters() {
    // moto keeps one store per region and takes the region from the signature's scope
    assertThat(source("eu-west-1").byPath(PREFIX + "/config")).isEmpty();
  }

  @Test
  void get_readsOneParameter_decrypted() {
    assertThat(source(MotoAws.REGION).get(PREFIX + "/config/secure")).isEqualTo(SECURE_VALUE);
    assertThat(source(MotoAws.REGION).get(PREFIX + "/config/007"))
        .isEqualTo("zones: [] # fragment 7");
  }

  @Test
  void get_whenParameterMissing_namesTheParameterAndWhatToCheck() {
    String missing = PREFIX + "/config/missing";

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> source(MotoAws.REGION).get(missing));

    assertThat(e.getMessage())
        .startsWith("cannot read SSM parameter " + missing + " (")
        .contains("ParameterNotFound")
        .contains("does not exist in us-east-1")
        .contains("ZONESYNC_CONFIG");
  }
}
