package dev.zonesync.testing;

import static dev.zonesync.testing.SyncHarness.KEY;
import static dev.zonesync.testing.SyncHarness.ZONE;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up the fault ITs share: for every test a fresh TSIG secret, a real named serving {@link
 * SyncHarness#ZONE} signed with {@link SyncHarness#KEY}, and a fresh private hosted zone in the
 * shared moto; and a {@link Route53Proxy} in front of moto.
 *
 * <p>Registered on a {@code static} field, the proxy lives for the whole class (tests clear its
 * recording themselves); on an instance field, every test gets its own proxy (for tests that add
 * faults or count every call from the start). Named and the proxy are closed after each test's own
 * {@code @AfterEach} methods ran. The Route 53 stand-in is the shared {@link SyncHarness#moto()}
 * unless {@link #on} names another (e.g. one started with other {@link MotoServer.Options}).
 */
public final class FaultRig
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final Supplier<String> zoneText;
  private final String namedOptions;
  private final Supplier<MotoServer> moto;

  private Route53Proxy classProxy;
  private Route53Proxy testProxy;
  private NamedServer named;
  private String secret;
  private String zoneId;

  private FaultRig(Supplier<String> zoneText, String namedOptions, Supplier<MotoServer> moto) {
    this.zoneText = Objects.requireNonNull(zoneText, "zoneText");
    this.namedOptions = namedOptions;
    this.moto = Objects.requireNonNull(moto, "moto");
  }

  /** Named serves the sample zone ({@link SyncHarness#sampleZone()}). */
  public static FaultRig sampleZone() {
    return zone(SyncHarness::sampleZone);
  }

  /** Named serves the zone file text {@code zoneText} yields (called once per test). */
  public static FaultRig zone(Supplier<String> zoneText) {
    return new FaultRig(zoneText, null, SyncHarness::moto);
  }

  /** Extra statements for named's {@code options} block (see {@link NamedServer.Builder}). */
  public FaultRig namedOptions(String statements) {
    return new FaultRig(zoneText, Objects.requireNonNull(statements, "statements"), moto);
  }

  /** The hosted zones and the proxy on {@code server} (asked for at the first test) instead. */
  public FaultRig on(Supplier<MotoServer> server) {
    return new FaultRig(zoneText, namedOptions, server);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    classProxy = Route53Proxy.in(moto.get());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (classProxy != null) {
      classProxy.close();
      classProxy = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    secret = NamedServer.generateTsigSecret();
    NamedServer.Builder builder =
        NamedServer.builder().tsigKey(KEY, "hmac-sha256", secret).zoneText(ZONE, zoneText.get());
    if (namedOptions != null) {
      builder.extraOptions(namedOptions);
    }
    named = builder.start();
    if (classProxy == null) {
      testProxy = Route53Proxy.in(moto.get());
    }
    zoneId = moto.get().createPrivateHostedZone(ZONE);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (testProxy != null) {
        testProxy.close();
        testProxy = null;
      }
    } finally {
      if (named != null) {
        named.close();
        named = null;
      }
    }
  }

  /** This test's named, serving the zone with {@link #secret()}. */
  public NamedServer named() {
    return requireStarted(named, "named");
  }

  /** The proxy in front of moto: the class's (static field) or this test's (instance field). */
  public Route53Proxy proxy() {
    return requireStarted(classProxy != null ? classProxy : testProxy, "proxy");
  }

  /** The Route 53 stand-in behind {@link #proxy()}, holding {@link #zoneId()}. */
  public MotoServer moto() {
    return moto.get();
  }

  /** This test's fresh private hosted zone for {@link SyncHarness#ZONE}. */
  public String zoneId() {
    return requireStarted(zoneId, "zoneId");
  }

  /** This test's TSIG secret (base64), known to named under {@link SyncHarness#KEY}. */
  public String secret() {
    return requireStarted(secret, "secret");
  }

  private static <T> T requireStarted(T value, String what) {
    if (value == null) {
      throw new IllegalStateException(
          "FaultRig."
              + what
              + "() called outside a test: register the rig with @RegisterExtension");
    }
    return value;
  }
}
