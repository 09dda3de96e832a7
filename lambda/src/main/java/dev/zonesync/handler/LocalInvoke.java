package dev.zonesync.handler;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Invokes {@link SyncHandler} once, locally, the way the Lambda runtime does: the payload's bytes
 * in, the report's bytes out, with a Lambda context. Logs (JSON) and metrics (EMF) go to stdout as
 * they do in CloudWatch Logs; the returned report is printed last, after a separator line.
 *
 * <pre>java -cp zonesync.jar dev.zonesync.handler.LocalInvoke events/sync-zone.json</pre>
 *
 * Configuration from {@code ZONESYNC_CONFIG}, as in Lambda.
 */
public final class LocalInvoke {

  private LocalInvoke() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: LocalInvoke <event.json>   (configuration from ZONESYNC_CONFIG)");
      System.exit(2);
    }
    byte[] payload = Files.readAllBytes(Path.of(args[0]));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SyncHandler()
        .handleRequest(new ByteArrayInputStream(payload), out, new LocalContext(300_000));
    System.out.println("---- returned payload ----");
    System.out.println(out.toString(StandardCharsets.UTF_8));
  }

  /** A Lambda context for local runs. */
  record LocalContext(int budgetMillis, long started, String requestId) implements Context {
    LocalContext(int budgetMillis) {
      this(budgetMillis, System.currentTimeMillis(), UUID.randomUUID().toString());
    }

    @Override
    public String getAwsRequestId() {
      return requestId;
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/zonesync-local";
    }

    @Override
    public String getLogStreamName() {
      return "local";
    }

    @Override
    public String getFunctionName() {
      return "zonesync-local";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:000000000000:function:zonesync-local";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return (int) Math.max(0, budgetMillis - (System.currentTimeMillis() - started));
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          System.out.print(message);
        }

        @Override
        public void log(byte[] message) {
          System.out.print(new String(message, StandardCharsets.UTF_8));
        }
      };
    }
  }
}
