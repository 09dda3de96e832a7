package dev.zonesync.contract;

/** How the Lambda function is started and where it finds its configuration. */
public final class FunctionContract {

  /** The Lambda handler string of the deployed package. */
  public static final String HANDLER = "dev.zonesync.handler.SyncHandler::handleRequest";

  /** The class named by {@link #HANDLER}. */
  public static final String HANDLER_CLASS = "dev.zonesync.handler.SyncHandler";

  /** Environment variable holding the configuration location (file, ssm:, ssm-path:). */
  public static final String CONFIG_ENV = "ZONESYNC_CONFIG";

  /** Configuration location prefix for fragments under an SSM path (what the CDK app deploys). */
  public static final String SSM_PATH_PREFIX = "ssm-path:";

  /** Configuration location prefix for one SSM parameter. */
  public static final String SSM_PARAMETER_PREFIX = "ssm:";

  /**
   * The largest request the function reads (bytes); larger ones are refused unread. The CDK app
   * keeps every schedule's input below it.
   */
  public static final int MAX_REQUEST_BYTES = 64 * 1024;

  /**
   * The function's {@code JAVA_TOOL_OPTIONS} (the CDK app deploys them; the runtime tests start the
   * function with them). C1 only: short, I/O-bound runs on a fraction of a vCPU gain nothing from
   * C2 compiles.
   */
  public static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

  private FunctionContract() {}
}
