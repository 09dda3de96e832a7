package dev.zonesync.handler;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Invokes {@link SyncHandler} locally, the way the Lambda runtime does: the payload's bytes in, the
 * report's bytes out, with a Lambda context. Logs (JSON) and metrics (EMF) go to stdout as they do
 * in CloudWatch Logs; the returned report is printed last, after a separator line.
 *
 * <pre>java -cp zonesync.jar dev.zonesync.handler.LocalInvoke events/sync-zone.json</pre>
 *
 * Configuration from {@code ZONESYNC_CONFIG}, as in Lambda. {@code --function-name NAME} names the
 * function in the context (default {@value #DEFAULT_FUNCTION_NAME}); {@code --again-on-stdin} keeps
 * the handler, as a warm container keeps it, and invokes it again with the same payload each time a
 * line arrives on stdin (the benchmark measures what the function logs per cycle this way).
 */
public final class LocalInvoke {

  /** The function name of the local context unless {@code --function-name} says otherwise. */
  static final String DEFAULT_FUNCTION_NAME = "zonesync-local";

  /** The line between an invocation's log and its returned payload. */
  public static final String SEPARATOR = "---- returned payload ----";

  private LocalInvoke() {}

  public static void main(String[] args) throws IOException {
    String functionName = DEFAULT_FUNCTION_NAME;
    boolean again = false;
    String event = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--again-on-stdin")) {
        again = true;
      } else if (args[i].equals("--function-name") && i + 1 < args.length) {
        functionName = args[++i];
      } else if (event == null && !args[i].startsWith("--")) {
        event = args[i];
      } else {
        event = null;
        break;
      }
    }
    if (event == null) {
      System.err.println(
          "usage: LocalInvoke [--function-name NAME] [--again-on-stdin] <event.json>"
              + "   (configuration from ZONESYNC_CONFIG)");
      System.exit(2);
    }
    byte[] payload = Files.readAllBytes(Path.of(event));
    SyncHandler handler = new SyncHandler();
    BufferedReader stdin =
        again ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) : null;
    do {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(
          new ByteArrayInputStream(payload), out, new LocalContext(300_000, functionName));
      System.out.println(SEPARATOR);
      System.out.println(out.toString(StandardCharsets.UTF_8));
      System.out.flush();
    } while (stdin != null && stdin.readLine() != null);
  }

  /** A Lambda context for local runs. */
  record LocalContext(int budgetMillis, long started, String requestId, String functionName)
      implements Context {
    LocalContext(int budgetMillis) {
      this(budgetMillis, DEFAULT_FUNCTION_NAME);
    }

    LocalContext(int budgetMillis, long started, String requestId) {
      this(budgetMillis, started, requestId, DEFAULT_FUNCTION_NAME);
    }

    LocalContext(int budgetMillis, String functionName) {
      this(budgetMillis, System.currentTimeMillis(), UUID.randomUUID().toString(), functionName);
    }

    @Override
    public String getAwsRequestId() {
      return requestId;
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
      return "local";
    }

    @Override
    public String getFunctionName() {
      return functionName;
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
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
