package dev.zonesync.runtime;

import dev.zonesync.testing.LocalStackHost;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalog rehearsal ({@link CatalogRehearsalIT}) against LocalStack's Route 53, SSM, Secrets
 * Manager and EC2 (its VPCs): a host process started for this class, or its image under Docker with
 * {@code -Plocalstack}. Its CreateHostedZone stores a new zone's SOA as a Python repr, so the
 * members the function creates never complete a sync (they must stay unexposed), and it has no
 * GetAccountLimit (HTTP 501): see {@link CatalogRehearsalIT.Fidelity}.
 */
class LocalStackCatalogRehearsalIT extends CatalogRehearsalIT {

  @RegisterExtension static final LocalStackHost LOCALSTACK = new LocalStackHost();

  @Override
  AwsEmulator emulator() {
    return AwsEmulator.localStack(LOCALSTACK);
  }

  @Override
  Fidelity fidelity() {
    return new Fidelity(false, false);
  }
}
