package dev.zonesync.testing;

import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * SDK clients that write test data (parameters, secrets) into an emulator; the code under test only
 * reads them, through its own adapters. Test-only: the function does not ship these SDK modules.
 */
public final class EmulatorClients {

  private EmulatorClients() {}

  public static SsmClient ssm(MotoServer emulator, String region) {
    return SsmClient.builder()
        .endpointOverride(emulator.endpoint())
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(MotoServer.DUMMY_CREDENTIALS))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  public static SecretsManagerClient secretsManager(MotoServer emulator, String region) {
    return SecretsManagerClient.builder()
        .endpointOverride(emulator.endpoint())
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(MotoServer.DUMMY_CREDENTIALS))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }
}
