package dev.zonesync.runtime;

import dev.zonesync.testing.LocalStackHost;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deployment rehearsal ({@link DeploymentRehearsalIT}) against LocalStack's Route 53, SSM and
 * Secrets Manager: a host process started for this class (scripts/test installs it), or its image
 * under Docker with {@code -Plocalstack}. Its Route 53 lacks the DELETE check (see {@link
 * AwsEmulator#strictDeletes()}): the assertions that need it are skipped, and the output says so.
 */
class LocalStackRehearsalIT extends DeploymentRehearsalIT {

  @RegisterExtension static final LocalStackHost LOCALSTACK = new LocalStackHost();

  @Override
  AwsEmulator emulator() {
    return AwsEmulator.localStack(LOCALSTACK);
  }
}
