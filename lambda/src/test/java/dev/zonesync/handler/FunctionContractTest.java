package dev.zonesync.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.zonesync.contract.FunctionContract;
import org.junit.jupiter.api.Test;

/** The handler the CDK app deploys (the contract) is this module's Lambda entry point. */
class FunctionContractTest {

  @Test
  void handler_namesTheStreamHandlerOfThisModule() throws Exception {
    assertThat(FunctionContract.HANDLER)
        .isEqualTo(FunctionContract.HANDLER_CLASS + "::handleRequest");
    Class<?> c = Class.forName(FunctionContract.HANDLER_CLASS);
    assertThat(c).isEqualTo(SyncHandler.class);
    assertThat(RequestStreamHandler.class).isAssignableFrom(c);
    assertThat(c.getConstructor()).as("the runtime needs a public no-arg constructor").isNotNull();
  }

  @Test
  void configEnvironmentVariable_isTheOneTheHandlerReads() {
    assertThat(FunctionContract.CONFIG_ENV).isEqualTo("ZONESYNC_CONFIG");
  }
}
