package dev.zonesync.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * A real Route 53 API emulator: moto's server started through the project's wrapper {@code
 * scripts/lib/moto_route53.py} (fidelity fixes, see its docstring), one per JVM.
 *
 * <p>Resolution order of {@link #shared()}:
 *
 * <ol>
 *   <li>env {@code AWS_ENDPOINT_URL_ROUTE_53} set: use that endpoint, start nothing (e.g. a moto or
 *       LocalStack container started by CI; it lacks the wrapper's fixes, so {@code
 *       Route53FidelityIT} fails against it rather than passing a lax emulator);
 *   <li>else start {@code <projectRoot>/.venv/bin/python scripts/lib/moto_route53.py --indexed -H
 *       127.0.0.1 -p <free port>} (projectRoot: system property {@code zonesync.projectRoot}, else
 *       the nearest directory above the working directory holding {@code .git} or {@code mvnw}).
 *       Never a bare {@code moto_server}: the tests rely on the fixes;
 *   <li>else throw {@link IllegalStateException} saying how to install it.
 * </ol>
 *
 * The shared server is stopped by a shutdown hook; {@link #close()} on it does nothing. {@link
 * #startPrivate()} starts an own instance that {@link #close()} stops (use it when a test must
 * {@link #reset()} without disturbing others).
 *
 * <p><b>Two readings of Route 53 that public sources leave open</b> are switches of the wrapper
 * ({@link Options}): whether a DELETE's values must equal the stored ones as text or as parsed data
 * ({@link DeleteMatch}), and whether a CNAME next to other data at a name is refused after each
 * change or only in the zone the whole batch leaves ({@link CnameCheck}). Every server this class
 * starts gets {@link Options#configured()} (the system properties {@value #DELETE_MATCH_PROPERTY}
 * and {@value #CNAME_CHECK_PROPERTY}, else the strict defaults {@code text} and {@code per-change})
 * unless the caller passes its own to {@link #startPrivate(Options)}.
 *
 * <p><b>What the wrapper makes AWS-like</b> (moto 5.2.5 does otherwise; {@code Route53FidelityIT}):
 * a change batch is validated whole against the zone's current RRsets and applied all or nothing;
 * CREATE of an existing name/type(/SetIdentifier) is refused; DELETE must repeat the current TTL
 * and values (any order; as text or as data, see above); a CNAME next to other data or at the apex
 * is refused; refusals are {@code InvalidChangeBatch} with AWS's texts in one bracketed message
 * ({@code messages()} stays empty, as with AWS); the 32 000-character limit; GetHostedZoneLimit.
 * Hosted zones ({@code HostedZoneLifecycleIT}): a caller reference is never accepted twice; one
 * private zone per name and VPC; GetAccountLimit and the hosted-zone quota (10 000 zones unless
 * {@code ZONESYNC_STANDIN_HOSTED_ZONE_QUOTA} says otherwise, see {@link #startPrivate(Options,
 * java.util.Map)}); ListHostedZonesByName paginated in AWS's order; at most 10 tags changed per
 * request.
 *
 * <p>Record names are listed as Route 53 lists them, whatever was sent: lower case, every byte
 * other than {@code a-z 0-9 - _} as a three-digit octal escape ({@code *} as {@code \052}), the
 * dots between labels kept; values as sent. Throttling like Route 53's per-account buckets is a
 * switch too ({@link Throttling}, off unless a test asks for it).
 *
 * <p><b>Moto is still not AWS</b> (checked with moto 5.2.5, see {@code MotoServerIT}):
 *
 * <ul>
 *   <li>a hosted zone's own name is kept as sent, so create zones with lower-case names;
 *   <li>no validation of values (bad IPs, 255-char TXT strings); the apex SOA/NS can be deleted;
 *   <li>ListResourceRecordSets: MaxItems (default 300), NextRecordName/Type work, ordering is a
 *       case-sensitive string sort of the label-reversed name then type, StartRecordIdentifier is
 *       ignored;
 *   <li>GetChange is always INSYNC;
 *   <li>the initial SOA value is a Python repr (the wrapper writes AWS's at CreateHostedZone;
 *       {@link #createPrivateHostedZone} also fixes it for LocalStack).
 * </ul>
 *
 * Throttling, {@code PriorRequestNotComplete} and lost responses are injected with {@link
 * Route53Proxy}.
 */
public final class MotoServer implements AutoCloseable {
  public static final String ENDPOINT_ENV = "AWS_ENDPOINT_URL_ROUTE_53";

  static final String INSTALL_HINT =
      "Install moto's server into the project's git-ignored virtualenv: run scripts/test (it"
          + " creates .venv with `pip install 'moto[server]==5.2.5' 'dnspython==2.9.2'`), or by"
          + " hand: `python3 -m venv .venv && .venv/bin/pip install 'moto[server]==5.2.5'"
          + " 'dnspython==2.9.2'` in the project root. Or point "
          + ENDPOINT_ENV
          + " at a running moto/LocalStack.";

  /** System property choosing {@link Options#deleteMatch()} for servers started with defaults. */
  public static final String DELETE_MATCH_PROPERTY = "zonesync.standin.deleteMatch";

  /** System property choosing {@link Options#cnameCheck()} for servers started with defaults. */
  public static final String CNAME_CHECK_PROPERTY = "zonesync.standin.cnameCheck";

  /**
   * How a DELETE's values are compared with the stored ones (Route 53 does not say; zonesync must
   * be right under both): {@code TEXT} as exact strings, {@code DATA} as parsed RDATA of the type
   * (Route 53's octal escapes, a missing trailing dot, case of names and hex do not matter; a value
   * that does not parse compares as text).
   */
  public enum DeleteMatch {
    TEXT("text"),
    DATA("data");

    private final String flag;

    DeleteMatch(String flag) {
      this.flag = flag;
    }

    /** The wrapper's {@code --delete-match} value. */
    public String flag() {
      return flag;
    }
  }

  /**
   * When a CNAME next to other data at one name is refused (Route 53 does not say): {@code
   * PER_CHANGE} after each change in batch order (so CREATE A before DELETE CNAME fails), {@code
   * END_OF_BATCH} only if the zone the whole batch leaves has one.
   */
  public enum CnameCheck {
    PER_CHANGE("per-change"),
    END_OF_BATCH("end-of-batch");

    private final String flag;

    CnameCheck(String flag) {
      this.flag = flag;
    }

    /** The wrapper's {@code --cname-check} value. */
    public String flag() {
      return flag;
    }
  }

  /**
   * Route 53's per-account token buckets for the wrapper's {@code --throttle-requests} and {@code
   * --throttle-changes}: a request bucket (one token per request) and a change bucket (one token
   * per {@code Change} element of a ChangeResourceRecordSets); an empty bucket answers HTTP 400
   * {@code Throttling} "Rate exceeded".
   */
  public record Throttling(
      double requestsPerSecond, int requestBurst, double changesPerSecond, int changeBurst) {

    public Throttling {
      if (!(requestsPerSecond > 0)
          || requestBurst < 1
          || !(changesPerSecond > 0)
          || changeBurst < 1) {
        throw new IllegalArgumentException(
            "rates must be > 0 and bursts >= 1: "
                + requestsPerSecond
                + ":"
                + requestBurst
                + ", "
                + changesPerSecond
                + ":"
                + changeBurst);
      }
    }

    /**
     * Route 53's documented request bucket (10 requests/s, burst 50) and a change bucket of {@code
     * changesPerSecond}. Its documented size was not found: the burst is as many changes, but no
     * fewer than 1000, what one request may carry (a bucket that cannot hold one request could
     * never let it through).
     */
    public static Throttling route53(int changesPerSecond) {
      return new Throttling(10, 50, changesPerSecond, Math.max(changesPerSecond, 1000));
    }

    List<String> args() {
      return List.of(
          "--throttle-requests",
          requestsPerSecond + ":" + requestBurst,
          "--throttle-changes",
          changesPerSecond + ":" + changeBurst);
    }
  }

  /** The wrapper's switches for one server; {@code throttling} null: never throttles. */
  public record Options(DeleteMatch deleteMatch, CnameCheck cnameCheck, Throttling throttling) {

    /** The strict readings: DELETE values as text, CNAME conflicts after each change. */
    public static final Options DEFAULT = new Options(DeleteMatch.TEXT, CnameCheck.PER_CHANGE);

    public Options {
      Objects.requireNonNull(deleteMatch, "deleteMatch");
      Objects.requireNonNull(cnameCheck, "cnameCheck");
    }

    public Options(DeleteMatch deleteMatch, CnameCheck cnameCheck) {
      this(deleteMatch, cnameCheck, null);
    }

    public Options deleteMatch(DeleteMatch d) {
      return new Options(d, cnameCheck, throttling);
    }

    public Options cnameCheck(CnameCheck c) {
      return new Options(deleteMatch, c, throttling);
    }

    /** These options, throttling as {@code t} says (null: never). */
    public Options throttling(Throttling t) {
      return new Options(deleteMatch, cnameCheck, t);
    }

    /**
     * {@link #DEFAULT} with what the system properties {@value #DELETE_MATCH_PROPERTY} ({@code
     * text|data}) and {@value #CNAME_CHECK_PROPERTY} ({@code per-change|end-of-batch}) choose: the
     * way to run a whole suite under the other reading.
     */
    public static Options configured() {
      return new Options(
          parse(
              DeleteMatch.values(), DeleteMatch::flag, DELETE_MATCH_PROPERTY, DEFAULT.deleteMatch),
          parse(CnameCheck.values(), CnameCheck::flag, CNAME_CHECK_PROPERTY, DEFAULT.cnameCheck));
    }

    private static <E> E parse(E[] values, Function<E, String> flag, String property, E fallback) {
      String v = System.getProperty(property);
      if (v == null || v.isBlank()) {
        return fallback;
      }
      List<String> flags = new ArrayList<>();
      for (E e : values) {
        if (flag.apply(e).equals(v.strip())) {
          return e;
        }
        flags.add(flag.apply(e));
      }
      throw new IllegalStateException("-D" + property + "=" + v + ": expected one of " + flags);
    }

    List<String> args() {
      List<String> args =
          new ArrayList<>(
              List.of("--delete-match", deleteMatch.flag(), "--cname-check", cnameCheck.flag()));
      if (throttling != null) {
        args.addAll(throttling.args());
      }
      return List.copyOf(args);
    }

    @Override
    public String toString() {
      return "delete-match="
          + deleteMatch.flag()
          + ", cname-check="
          + cnameCheck.flag()
          + (throttling == null ? "" : ", " + throttling);
    }
  }

  /** The wrapper, relative to the project root: the one way the project starts moto. */
  static final String WRAPPER = "scripts/lib/moto_route53.py";

  /** Dummy credentials; moto accepts anything, AWS would reject these. */
  public static final AwsBasicCredentials DUMMY_CREDENTIALS =
      AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "test");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static MotoServer shared;

  private final URI endpoint;
  private final Process process; // null when external
  private final boolean isShared;
  private final Options options; // null when external: unknown
  private final TestProcesses.OutputCollector log = new TestProcesses.OutputCollector(1_000_000);
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private volatile Route53Client client;
  private final Thread hook;

  private MotoServer(URI endpoint, Process process, boolean isShared, Options options) {
    this.endpoint = endpoint;
    this.process = process;
    this.isShared = isShared;
    this.options = options;
    this.hook = new Thread(this::stopProcess, "moto-shutdown");
    if (process != null) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
  }

  /** The JVM-wide instance, started on first use (see the class comment). */
  public static synchronized MotoServer shared() {
    if (shared == null) {
      String env = System.getenv(ENDPOINT_ENV);
      if (env != null && !env.isBlank()) {
        shared = new MotoServer(URI.create(env.strip()), null, true, null);
      } else {
        shared = launch(true, Options.configured());
      }
    }
    return shared;
  }

  /**
   * An emulator somebody else runs (LocalStack in a container, a moto image): used as it is, never
   * stopped here.
   */
  public static MotoServer external(URI endpoint) {
    return new MotoServer(endpoint, null, true, null);
  }

  /**
   * A new moto server only for the caller, with {@link Options#configured()}; {@link #close()}
   * stops it. Ignores the env var.
   */
  public static MotoServer startPrivate() {
    return launch(false, Options.configured());
  }

  /**
   * A new moto server only for the caller, reading Route 53 as {@code options} say; {@link
   * #close()} stops it. Ignores the env var and the system properties.
   */
  public static MotoServer startPrivate(Options options) {
    return launch(false, Objects.requireNonNull(options, "options"));
  }

  /**
   * As {@link #startPrivate(Options)}, the wrapper started with {@code environment} added to this
   * JVM's: its settings that no {@link Options} switch carries, e.g. {@code
   * ZONESYNC_STANDIN_HOSTED_ZONE_QUOTA} (the account's hosted-zone quota; see the wrapper's
   * docstring).
   */
  public static MotoServer startPrivate(
      Options options, java.util.Map<String, String> environment) {
    return launch(
        false,
        Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(environment, "environment"));
  }

  private static final java.util.Map<DeleteMatch, MotoServer> BY_READING =
      new java.util.EnumMap<>(DeleteMatch.class);

  /**
   * A stand-in that reads DELETEs as {@code deleteMatch} says (default CNAME check): the {@link
   * #shared()} one when it does, else one started for the JVM per reading, stopped when the JVM
   * exits. For test classes that run the same cases under both readings.
   */
  public static synchronized MotoServer reading(DeleteMatch deleteMatch) {
    Options wanted = Options.DEFAULT.deleteMatch(deleteMatch);
    MotoServer s = shared();
    if (s.options().filter(wanted::equals).isPresent()) {
      return s;
    }
    return BY_READING.computeIfAbsent(deleteMatch, d -> startPrivate(wanted));
  }

  /**
   * The command that starts moto on {@code port}: the project venv's python running the wrapper. No
   * fallback to a moto_server on PATH: without the wrapper's fixes the tests would pass against an
   * emulator laxer than Route 53.
   */
  static List<String> command(int port, Options options) {
    Path root = TestProcesses.projectRoot();
    Path python = root.resolve(".venv/bin/python");
    Path wrapper = root.resolve(WRAPPER);
    if (!java.nio.file.Files.isExecutable(python)) {
      throw new IllegalStateException(
          "no Python virtualenv with moto at " + python + ". " + INSTALL_HINT);
    }
    if (!java.nio.file.Files.isRegularFile(wrapper)) {
      throw new IllegalStateException(
          "the moto wrapper "
              + wrapper
              + " is missing (project root "
              + root
              + "; set -Dzonesync.projectRoot if that is wrong)");
    }
    List<String> command = new ArrayList<>(List.of(python.toString(), wrapper.toString()));
    command.add("--indexed");
    command.addAll(options.args());
    command.addAll(List.of("-H", TestProcesses.LOOPBACK, "-p", Integer.toString(port)));
    return List.copyOf(command);
  }

  private static MotoServer launch(boolean isShared, Options options) {
    return launch(isShared, options, java.util.Map.of());
  }

  private static MotoServer launch(
      boolean isShared, Options options, java.util.Map<String, String> environment) {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = TestProcesses.freeTcpPort();
      List<String> command = command(port, options);
      Process p;
      try {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        p = builder.start();
        p.getOutputStream().close();
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
      }
      MotoServer m = new MotoServer(URI.create("http://127.0.0.1:" + port), p, isShared, options);
      m.log.drain(p.getInputStream(), "moto-log-" + port);
      try {
        m.awaitReady();
        return m;
      } catch (IllegalStateException e) {
        m.stopProcess();
        m.removeHook();
        last = e;
        if (!m.log.text().contains("Address already in use")) {
          throw e;
        }
      }
    }
    throw last;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (process != null && !process.isAlive()) {
        TestProcesses.sleep(50);
        String tail = log.tail(30);
        throw new IllegalStateException(
            "moto ("
                + WRAPPER
                + ") exited with status "
                + process.exitValue()
                + " while starting"
                + (tail.contains("ModuleNotFoundError")
                        || tail.contains("written for moto")
                        || tail.contains("parses values with dnspython")
                    ? ". " + INSTALL_HINT
                    : "")
                + "\n--- moto log ---\n"
                + tail);
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(endpoint.resolve("/"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() < 500) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "moto ("
                + WRAPPER
                + ") did not answer GET / within "
                + START_TIMEOUT.toSeconds()
                + " s\n--- moto log ---\n"
                + log.tail(30));
      }
      TestProcesses.sleep(25);
    }
  }

  /** The Route 53 endpoint, e.g. {@code http://127.0.0.1:40123}. */
  public URI endpoint() {
    return endpoint;
  }

  /** The wrapper's switches this server runs with; empty for an external endpoint (unknown). */
  public Optional<Options> options() {
    return Optional.ofNullable(options);
  }

  /** Whether this instance runs a process of its own (false when the env var points elsewhere). */
  public boolean isLocalProcess() {
    return process != null;
  }

  /** moto's request log (empty for an external endpoint). */
  public String log() {
    return log.text();
  }

  /** A client for this server (cached; standard SDK retries). */
  public Route53Client client() {
    Route53Client c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          client = newClient(endpoint, -1);
        }
        c = client;
      }
    }
    return c;
  }

  /**
   * A Route 53 client as the engine would build it for tests: url-connection HTTP client, region
   * us-east-1, dummy static credentials, endpoint override.
   *
   * @param maxAttempts SDK attempts per call; {@code 1} disables the SDK's retries (to observe raw
   *     faults), {@code <= 0} keeps the SDK default (standard mode)
   */
  public static Route53Client newClient(URI endpoint, int maxAttempts) {
    ClientOverrideConfiguration.Builder o =
        ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(60))
            .apiCallAttemptTimeout(Duration.ofSeconds(30));
    if (maxAttempts > 0) {
      o.retryStrategy(noRetriesOr(maxAttempts));
    } else {
      o.retryStrategy(RetryMode.STANDARD);
    }
    return Route53Client.builder()
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30)))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(DUMMY_CREDENTIALS))
        .endpointOverride(endpoint)
        .overrideConfiguration(o.build())
        .build();
  }

  private static RetryStrategy noRetriesOr(int maxAttempts) {
    return maxAttempts == 1
        ? AwsRetryStrategy.doNotRetry()
        : AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build();
  }

  /**
   * Creates a private hosted zone (with a dummy VPC of its own, as AWS requires: a VPC of its own
   * because the stand-in refuses, as AWS does, a second private zone of one name in a VPC, and
   * tests create the same names again and again) and returns its bare ID (without {@code
   * /hostedzone/}). Moto's initial apex SOA value is broken (moto 5.2.5 returns the Python repr
   * {@code {'Value': 'ns-2048.awsdns-64.com. hostmaster.example.com. 1 ...'}}); this method
   * replaces it with what AWS creates ({@code <first NS>. awsdns-hostmaster.amazon.com. 1 7200 900
   * 1209600 86400}, TTL 900) so the engine sees an AWS-shaped fresh zone. Pass the name in lower
   * case: moto compares record names with the zone name case-sensitively.
   */
  public String createPrivateHostedZone(String name) {
    return createPrivateHostedZone(name, true);
  }

  /** As {@link #createPrivateHostedZone(String)}; {@code fixSoa=false} keeps moto's raw SOA. */
  public String createPrivateHostedZone(String name, boolean fixSoa) {
    return createPrivateHostedZone(name, dummyVpcId(), VPCRegion.US_EAST_1, fixSoa);
  }

  /**
   * As {@link #createPrivateHostedZone(String)}, associated with {@code vpcId} (LocalStack refuses
   * a VPC its EC2 does not have; moto takes any ID). Always with a comment: LocalStack answers HTTP
   * 500 to a CreateHostedZone without one.
   */
  public String createPrivateHostedZone(
      String name, String vpcId, VPCRegion vpcRegion, boolean fixSoa) {
    return createPrivateHostedZone(name, vpcId, vpcRegion, "zonesync test", fixSoa);
  }

  /** As {@link #createPrivateHostedZone(String, String, VPCRegion, boolean)}, with its comment. */
  public String createPrivateHostedZone(
      String name, String vpcId, VPCRegion vpcRegion, String comment, boolean fixSoa) {
    CreateHostedZoneResponse r =
        client()
            .createHostedZone(
                b ->
                    b.name(name)
                        .callerReference("zonesync-test-" + UUID.randomUUID())
                        .hostedZoneConfig(c -> c.privateZone(true).comment(comment))
                        .vpc(v -> v.vpcId(vpcId).vpcRegion(vpcRegion)));
    String id = bareZoneId(r.hostedZone().id());
    if (fixSoa) {
      fixInitialSoa(id, r.hostedZone().name());
    }
    return id;
  }

  /** A VPC ID of AWS's form that no other zone here uses. */
  public static String dummyVpcId() {
    return "vpc-" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
  }

  private void fixInitialSoa(String zoneId, String zoneName) {
    for (ResourceRecordSet rrs : listAll(zoneId)) {
      if (rrs.type() != RRType.SOA || rrs.resourceRecords().isEmpty()) {
        continue;
      }
      String v = rrs.resourceRecords().get(0).value();
      Matcher m = MOTO_SOA_REPR.matcher(v);
      if (!m.matches()) {
        return; // already AWS-shaped (LocalStack 2026.3.0 has the same repr, moto-based)
      }
      String[] f = m.group(1).trim().split("\\s+");
      String value =
          f[0] + " awsdns-hostmaster.amazon.com. " + String.join(" ", List.of(f).subList(2, 7));
      Change fix =
          Change.builder()
              .action(ChangeAction.UPSERT)
              .resourceRecordSet(
                  ResourceRecordSet.builder()
                      .name(zoneName)
                      .type(RRType.SOA)
                      .ttl(rrs.ttl())
                      .resourceRecords(ResourceRecord.builder().value(value).build())
                      .build())
              .build();
      client()
          .changeResourceRecordSets(
              b -> b.hostedZoneId(zoneId).changeBatch(ChangeBatch.builder().changes(fix).build()));
      return;
    }
  }

  private static final Pattern MOTO_SOA_REPR = Pattern.compile("\\{'Value': '(.*)'\\}");

  /** {@code /hostedzone/Z123} → {@code Z123}. */
  public static String bareZoneId(String id) {
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }

  /** Every RRset of the zone, following NextRecordName/Type/Identifier across pages. */
  public List<ResourceRecordSet> listAll(String zoneId) {
    List<ResourceRecordSet> all = new ArrayList<>();
    ListResourceRecordSetsRequest.Builder req =
        ListResourceRecordSetsRequest.builder().hostedZoneId(bareZoneId(zoneId));
    for (int page = 0; page < 100_000; page++) {
      ListResourceRecordSetsResponse r = client().listResourceRecordSets(req.build());
      all.addAll(r.resourceRecordSets());
      if (!Boolean.TRUE.equals(r.isTruncated())) {
        return all;
      }
      req =
          ListResourceRecordSetsRequest.builder()
              .hostedZoneId(bareZoneId(zoneId))
              .startRecordName(r.nextRecordName())
              .startRecordType(r.nextRecordTypeAsString())
              .startRecordIdentifier(r.nextRecordIdentifier());
    }
    throw new IllegalStateException("ListResourceRecordSets did not end after 100000 pages");
  }

  /**
   * Forgets all state of the server ({@code POST /moto-api/reset}): affects every test using the
   * same server.
   */
  public void reset() {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                  .timeout(Duration.ofSeconds(10))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "moto reset answered HTTP " + r.statusCode() + ": " + r.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto reset failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops a private server; no-op for the shared one (a shutdown hook stops it). */
  @Override
  public void close() {
    if (isShared) {
      return;
    }
    if (client != null) {
      client.close();
    }
    stopProcess();
    removeHook();
  }

  private void removeHook() {
    if (process != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // shutting down
      }
    }
  }

  private void stopProcess() {
    TestProcesses.stop(process, Duration.ofSeconds(3));
  }

  @Override
  public String toString() {
    return "MotoServer[" + endpoint + (process == null ? ", external" : ", " + options) + "]";
  }
}
