package dev.zonesync.aws;

import dev.zonesync.testing.EmulatorClients;
import dev.zonesync.testing.MotoServer;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * SDK clients that write the test data into moto (the code under test only reads), and the
 * adapters' clients pointed at a recording stub in front of moto.
 */
final class MotoAws {

  static final String REGION = "us-east-1";

  private MotoAws() {}

  static SsmClient ssm(MotoServer moto) {
    return EmulatorClients.ssm(moto, REGION);
  }

  static SecretsManagerClient secretsManager(MotoServer moto) {
    return EmulatorClients.secretsManager(moto, REGION);
  }

  /** An adapter client as production builds it, but with moto's dummy keys and the stub's URL. */
  static AwsJsonClient client(AwsJsonService service, String region, AwsHttpStub stub) {
    return new AwsJsonClient(
        service,
        region,
        stub.endpoint(),
        StaticCredentialsProvider.create(MotoServer.DUMMY_CREDENTIALS),
        AwsJsonClient.defaultHttpClient(),
        AwsJsonClient.Retry.STANDARD);
  }
}
