package dev.zonesync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;

/**
 * Controls for the "cdk-nag clean" assertions of the stack tests: they would see errors, including
 * errors inside nested stacks (which have no cloud assembly artifact of their own).
 */
class NagTest {

  @Test
  void nag_findsErrorsInNestedStacksThroughTheParent() {
    App app = new App();
    Stack parent = new Stack(app, "Parent");
    NestedStack nested = new NestedStack(parent, "Nested");
    Queue.Builder.create(nested, "PlainQueue").encryption(QueueEncryption.UNENCRYPTED).build();
    Aspects.of(app).add(new AwsSolutionsChecks());

    var errors =
        Annotations.fromStack(parent).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));

    List<String> ids = errors.stream().map(e -> e.getId()).toList();
    assertThat(ids).isNotEmpty().allSatisfy(id -> assertThat(id).contains("/Nested/PlainQueue"));
    assertThat(errors.stream().map(e -> e.getEntry().getData().toString()))
        .anySatisfy(m -> assertThat(m).contains("AwsSolutions-SQS4"));
  }
}
