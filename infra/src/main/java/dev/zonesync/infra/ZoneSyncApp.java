package dev.zonesync.infra;

import dev.zonesync.infra.config.ConfigException;
import dev.zonesync.infra.config.ZoneSyncConfig;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The zonesync CDK app: one stack for the account and region of one config file.
 *
 * <p>Run through the CDK CLI from {@code infra/}: {@code npx cdk synth -c
 * config=path/to/account.yaml} (cdk.json runs this class), or directly with {@code CDK_OUTDIR} set
 * and the same context as arguments: {@code ZoneSyncApp -c config=... [-c jar=...]}. Context keys:
 * {@code config} (required), {@code jar} (default {@value #DEFAULT_JAR}, relative to the working
 * directory). Synth needs no AWS credentials and no network: nothing is looked up.
 */
public final class ZoneSyncApp {

  /**
   * Where {@code ./mvnw -pl lambda -am package} leaves the deployable jar, seen from {@code
   * infra/}.
   */
  public static final String DEFAULT_JAR = "../lambda/target/zonesync.jar";

  private ZoneSyncApp() {}

  public static void main(String[] args) {
    int status = run(args, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Synthesizes the app for {@code -c config=FILE [-c jar=FILE]} (or the same keys in the CDK CLI's
   * context). Returns 0, or 2 after printing why on {@code err}: an invalid config names the
   * offending field.
   */
  static int run(String[] args, PrintStream err) {
    Map<String, Object> context = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String kv =
          (args[i].equals("-c") || args[i].equals("--context")) && i + 1 < args.length
              ? args[++i]
              : null;
      int eq = kv == null ? -1 : kv.indexOf('=');
      if (eq <= 0) {
        err.println(
            "zonesync infra: unexpected argument '"
                + args[i]
                + "' (usage: ZoneSyncApp -c config=FILE [-c jar=FILE])");
        return 2;
      }
      context.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    App app = new App(AppProps.builder().context(context).build());
    Object configPath = app.getNode().tryGetContext("config");
    if (configPath == null) {
      err.println(
          "zonesync infra: no config: pass -c config=path/to/account.yaml (README.md, section Deploy)");
      return 2;
    }
    Object jarContext = app.getNode().tryGetContext("jar");
    Path jar = Path.of(jarContext == null ? DEFAULT_JAR : jarContext.toString());
    try {
      ZoneSyncConfig config = ZoneSyncConfig.load(Path.of(configPath.toString()));
      if (!Files.isRegularFile(jar)) {
        err.println(
            "zonesync infra: no function jar at "
                + jar.toAbsolutePath().normalize()
                + ": build it with ./mvnw -pl lambda -am package, or pass -c jar=FILE");
        return 2;
      }
      create(app, config, Code.fromAsset(jar.toString()));
    } catch (ConfigException e) {
      err.println("zonesync infra: invalid config " + configPath + ": " + e.getMessage());
      return 2;
    }
    app.synth();
    return 0;
  }

  /**
   * Adds the stack for {@code config} to {@code app}, with the cdk-nag AwsSolutions checks: the
   * same code path for the CLI, the direct run and the tests.
   */
  public static ZoneSyncStack create(App app, ZoneSyncConfig config, Code code) {
    ZoneSyncStack stack = new ZoneSyncStack(app, config.deployment().name(), config, code);
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    return stack;
  }
}
