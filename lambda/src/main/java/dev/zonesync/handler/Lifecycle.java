package dev.zonesync.handler;

import dev.zonesync.logging.LogFields;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's life cycle: priming and the SnapStart (CRaC) runtime hooks.
 *
 * <p>When priming runs ({@code ZONESYNC_PRIME}):
 *
 * <ul>
 *   <li>{@code auto} (default): under SnapStart in {@code beforeCheckpoint} — paid once per
 *       published version, never by an invocation; with provisioned concurrency during init (init
 *       happens ahead of traffic); on an on-demand init not at all — there the first invocation
 *       loads the same classes anyway, so priming would only add the canned work to a cold start.
 *   <li>{@code init}: during init, whatever the init type (to measure priming where no snapshot can
 *       be taken, e.g. under the Runtime Interface Emulator).
 *   <li>{@code off}: never.
 * </ul>
 *
 * <p>{@code beforeCheckpoint} also drops every handler's engine (nothing loaded from the
 * configuration, no credentials or connections go into the snapshot); {@code afterRestore} marks
 * the container restored (the next invocation logs {@code cold_start: true}) and drops the engines
 * again, so each restored container loads its configuration and builds its clients itself.
 */
final class Lifecycle implements Resource {

  static final String PRIME_ENV = "ZONESYNC_PRIME";

  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
  private static volatile Lifecycle global;

  enum Policy {
    AUTO,
    INIT,
    OFF;

    static Policy of(String value) {
      if (value == null || value.isBlank()) {
        return AUTO;
      }
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        LOG.warn("{}={} is not auto, init or off; using auto", PRIME_ENV, value);
        return AUTO;
      }
    }
  }

  private final ContainerState state;
  private final Policy policy;
  private final Supplier<Priming.Result> primer;
  private final List<SyncHandler> handlers = new CopyOnWriteArrayList<>();
  private volatile boolean primed;

  Lifecycle(Map<String, String> env, Supplier<Priming.Result> primer) {
    this.state = new ContainerState(env);
    this.policy = Policy.of(env.get(PRIME_ENV));
    this.primer = primer;
    LogFields.set(state.containerFields());
  }

  /**
   * The process's life cycle, created by the first handler the runtime instantiates: registered
   * with CRaC (which keeps only a weak reference — hence the static field) and primed now if the
   * policy says so.
   */
  static synchronized Lifecycle global() {
    if (global == null) {
      Lifecycle l = new Lifecycle(System.getenv(), Priming::prime);
      // which JVM the runtime gave us: the java21 runtime's version and vendor can change under a
      // deployed function (runtime updates), and the tests check the emulated runtime against it
      LOG.info(runtimeLine());
      try {
        Core.getGlobalContext().register(l);
      } catch (RuntimeException | LinkageError e) {
        LOG.warn("cannot register the SnapStart runtime hooks: {}", e.toString());
      }
      global = l;
      l.atInit();
    }
    return global;
  }

  /** {@code function runtime: java.version=… java.vendor=… vm=… arch=…}, logged once at init. */
  static String runtimeLine() {
    return "function runtime: java.version="
        + System.getProperty("java.version")
        + " java.vendor="
        + System.getProperty("java.vendor")
        + " vm="
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.vm.version")
        + " arch="
        + System.getProperty("os.arch");
  }

  ContainerState state() {
    return state;
  }

  Policy policy() {
    return policy;
  }

  boolean primed() {
    return primed;
  }

  void attach(SyncHandler handler) {
    handlers.add(handler);
  }

  /** Called once, during init. */
  void atInit() {
    boolean provisioned = state.initType().equals("provisioned-concurrency");
    if (policy == Policy.INIT || (policy == Policy.AUTO && provisioned)) {
      prime();
    }
  }

  private void prime() {
    if (primed) {
      return;
    }
    primed = true;
    try {
      primer.get();
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("priming failed (only costs speed): {}", e.toString());
    }
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    if (policy != Policy.OFF) {
      prime();
    }
    handlers.forEach(SyncHandler::dropEngine);
    LOG.info("snapshot: primed={}", primed);
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    state.restoredFromSnapshot();
    handlers.forEach(SyncHandler::dropEngine);
    LogFields.set(state.containerFields());
    LOG.info("restored from a SnapStart snapshot");
  }
}
