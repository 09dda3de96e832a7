package dev.zonesync.route53;

import dev.zonesync.model.Deadline;
import dev.zonesync.plan.Batch;
import dev.zonesync.plan.Change;
import dev.zonesync.sync.port.ApplyResult;
import dev.zonesync.sync.port.AtomicOutcome;
import dev.zonesync.sync.port.ChangeSink;
import dev.zonesync.sync.port.LearnedRates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;

/**
 * Sends batches in order, one ChangeResourceRecordSets call each (docs/architecture.md, invariants
 * 1 and 7):
 *
 * <ul>
 *   <li>the serial commit travels in the last batch and is sent only if everything before it
 *       applied, so a stopped run never marks the zone;
 *   <li>a batch starts only if the deadline leaves time for it to finish;
 *   <li>a batch Route 53 rejects as invalid is retried name by name, so one bad RRset cannot block
 *       the rest of the zone: the good names apply, the bad ones are reported, and the serial stays
 *       unbumped so the zone is visibly not in sync;
 *   <li>any other failure stops the run.
 * </ul>
 */
public final class ChangeApplier implements ChangeSink {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);

  /**
   * Names rejected in a row while isolating one batch before giving up on it: a whole batch refused
   * name by name is another writer (or a lost response), not a bad record; the next run re-plans.
   */
  static final int MAX_REJECTED_IN_A_ROW = 10;

  /**
   * How long the slowest batch seen stands for what the next one may need. A warm container serves
   * run after run: one batch slowed by a Route 53 hiccup must not shrink the usable time of every
   * later run, so the estimate forgets it once it is this old (or a batch at least as slow renews
   * it).
   */
  static final Duration SLOWEST_BATCH_WINDOW = Duration.ofMinutes(10);

  /** The slowest batch within the window, and when it finished (on the nano clock). */
  private record Slowest(long nanos, long at) {}

  private final Route53Client client;
  private final Duration minBatchTime;
  private final LongSupplier nanoClock;
  // shared by the zones a run syncs at once: updated atomically
  private final AtomicReference<Slowest> slowest = new AtomicReference<>();

  /**
   * @param minBatchTime the least time to keep for one batch (retries and backoff included)
   */
  public ChangeApplier(Route53Client client, Duration minBatchTime) {
    this(client, minBatchTime, System::nanoTime);
  }

  /** For tests: batch durations measured on the given clock. */
  public ChangeApplier(Route53Client client, Duration minBatchTime, LongSupplier nanoClock) {
    this.client = client;
    this.minBatchTime = minBatchTime;
    this.nanoClock = nanoClock;
  }

  /**
   * @param commit the plan's serial-commit changes (by identity): sent only when nothing failed
   */
  @Override
  public ApplyResult apply(
      String hostedZoneId,
      List<Batch> batches,
      List<Change> commit,
      Deadline deadline,
      String comment,
      Progress progress) {
    Set<Change> commitSet = Collections.newSetFromMap(new IdentityHashMap<>());
    commitSet.addAll(commit);
    List<ApplyResult.Rejected> rejected = new ArrayList<>();
    int applied = 0;
    int[] accepted = {0};
    boolean committed = false;
    int n = batches.size();
    for (int i = 0; i < n; i++) {
      Batch batch = batches.get(i);
      List<Change> changes = batch.changes();
      boolean carriesCommit = changes.stream().anyMatch(commitSet::contains);
      if (carriesCommit && !rejected.isEmpty()) {
        changes = changes.stream().filter(c -> !commitSet.contains(c)).toList();
        LOG.warn(
            "hosted zone {}: not committing the serial: {} RRset(s) were rejected",
            hostedZoneId,
            rejected.size());
        if (changes.isEmpty()) {
          break;
        }
      }
      String stop = deadlineStop(deadline, i, n, changes.size());
      if (stop != null) {
        return new ApplyResult(applied, n, stop, true, rejected, false, accepted[0]);
      }
      String label = comment + " batch " + (i + 1) + "/" + n;
      try {
        send(hostedZoneId, changes, deadline, label);
        applied++;
        accepted[0]++;
        committed |= carriesCommit && rejected.isEmpty();
      } catch (InvalidChangeBatchException e) {
        LOG.warn(
            "hosted zone {}: batch {} of {} rejected ({}); retrying it name by name",
            hostedZoneId,
            i + 1,
            n,
            Route53Errors.wrap("ChangeResourceRecordSets", hostedZoneId, e).getMessage());
        String failed =
            isolate(hostedZoneId, changes, commitSet, deadline, label, rejected, accepted);
        if (failed != null) {
          return new ApplyResult(
              applied, n, failed, failed.startsWith("stopped"), rejected, false, accepted[0]);
        }
        committed |= carriesCommit && rejected.isEmpty();
      } catch (SdkException e) {
        Optional<Route53Clients.PacingDeadline> paced = Route53Clients.PacingDeadline.in(e);
        if (paced.isPresent()) {
          return new ApplyResult(
              applied, n, pacedStop(paced.get(), i, n), true, rejected, false, accepted[0]);
        }
        HostedZoneException wrapped =
            Route53Errors.wrap("ChangeResourceRecordSets", hostedZoneId, e);
        String msg =
            "batch "
                + (i + 1)
                + " of "
                + n
                + " failed; "
                + applied
                + " applied before it, serial not bumped: "
                + wrapped.getMessage();
        LOG.error("{}", msg);
        return new ApplyResult(applied, n, msg, false, rejected, false, accepted[0]);
      }
      if (progress != null) {
        progress.batchApplied(i + 1, n, batch);
      }
    }
    if (!rejected.isEmpty()) {
      StringBuilder msg =
          new StringBuilder(
              rejected.size() + " RRset name(s) rejected by Route 53, serial not bumped: ");
      for (int k = 0; k < rejected.size() && k < 5; k++) {
        ApplyResult.Rejected r = rejected.get(k);
        msg.append(k == 0 ? "" : "; ")
            .append(r.name())
            .append(' ')
            .append(r.changes())
            .append(": ")
            .append(r.message());
      }
      return new ApplyResult(applied, n, msg.toString(), false, rejected, false, accepted[0]);
    }
    return new ApplyResult(applied, n, null, false, rejected, committed, accepted[0]);
  }

  @Override
  public AtomicOutcome applyAtomically(
      String hostedZoneId, Batch batch, Deadline deadline, String comment) {
    String stop = deadlineStop(deadline, 0, 1, batch.changes().size());
    if (stop != null) {
      return new AtomicOutcome.NotSent(stop);
    }
    try {
      send(hostedZoneId, batch.changes(), deadline, comment);
      return new AtomicOutcome.Applied();
    } catch (InvalidChangeBatchException e) {
      List<String> messages =
          e.messages() != null && !e.messages().isEmpty() ? e.messages() : List.of(messages(e));
      return new AtomicOutcome.Refused(messages);
    } catch (SdkException e) {
      Optional<Route53Clients.PacingDeadline> paced = Route53Clients.PacingDeadline.in(e);
      if (paced.isPresent()) {
        return new AtomicOutcome.NotSent(pacedStop(paced.get(), 0, 1));
      }
      throw Route53Errors.wrap("ChangeResourceRecordSets", hostedZoneId, e);
    }
  }

  /**
   * Sends a rejected batch one name at a time; the commit (if in it) last and only if every name
   * went through. Returns an error that must stop the run, or null.
   */
  private String isolate(
      String hostedZoneId,
      List<Change> changes,
      Set<Change> commitSet,
      Deadline deadline,
      String label,
      List<ApplyResult.Rejected> rejected,
      int[] accepted) {
    Map<String, List<Change>> byName = new LinkedHashMap<>();
    List<Change> commitGroup = new ArrayList<>();
    for (Change c : changes) {
      if (commitSet.contains(c)) {
        commitGroup.add(c);
      } else {
        byName.computeIfAbsent(c.name().text(), k -> new ArrayList<>()).add(c);
      }
    }
    // each name alone (apex data too), the commit last and alone
    int inARow = 0;
    for (Map.Entry<String, List<Change>> e : byName.entrySet()) {
      String stop = deadlineStop(deadline, 0, 0, e.getValue().size());
      if (stop != null) {
        return stop;
      }
      try {
        send(hostedZoneId, e.getValue(), deadline, label + " " + e.getKey());
        accepted[0]++;
        inARow = 0;
      } catch (InvalidChangeBatchException ex) {
        rejected.add(
            new ApplyResult.Rejected(
                e.getKey(),
                e.getValue().stream().map(ChangeApplier::describe).toList(),
                messages(ex)));
        LOG.error(
            "hosted zone {}: Route 53 rejected the changes at {}: {}",
            hostedZoneId,
            e.getKey(),
            messages(ex));
        if (++inARow >= MAX_REJECTED_IN_A_ROW) {
          return inARow
              + " names in a row rejected while retrying a batch name by name: Route 53 does not"
              + " hold what was planned (another writer, or an earlier response lost); stopped,"
              + " serial not bumped, the next run re-plans";
        }
      } catch (SdkException ex) {
        Optional<Route53Clients.PacingDeadline> paced = Route53Clients.PacingDeadline.in(ex);
        if (paced.isPresent()) {
          return pacedStop(paced.get(), 0, 0);
        }
        return "changes at "
            + e.getKey()
            + " failed while isolating a rejected batch, serial not bumped: "
            + Route53Errors.wrap("ChangeResourceRecordSets", hostedZoneId, ex).getMessage();
      }
    }
    if (commitGroup.isEmpty() || !rejected.isEmpty()) {
      return null; // nothing to commit, or not everything applied: the serial stays behind
    }
    List<Change> toSend = commitGroup;
    try {
      send(hostedZoneId, toSend, deadline, label + " commit");
      accepted[0]++;
      return null;
    } catch (InvalidChangeBatchException ex) {
      rejected.add(
          new ApplyResult.Rejected(
              toSend.get(0).name().text(),
              toSend.stream().map(ChangeApplier::describe).toList(),
              messages(ex)));
      return null;
    } catch (SdkException ex) {
      Optional<Route53Clients.PacingDeadline> paced = Route53Clients.PacingDeadline.in(ex);
      if (paced.isPresent()) {
        return pacedStop(paced.get(), 0, 0);
      }
      return "the serial commit failed: "
          + Route53Errors.wrap("ChangeResourceRecordSets", hostedZoneId, ex).getMessage();
    }
  }

  /**
   * Why the next batch must not start, or null. Its time includes the wait for the change-pacing
   * bucket: that wait happens inside the SDK call, where the deadline could no longer stop it
   * cleanly between batches.
   */
  private String deadlineStop(Deadline deadline, int index, int total, int changes) {
    Duration needed = timeNeeded().plus(Route53Clients.changePacingWait(client, changes));
    if (deadline.remaining().compareTo(needed) >= 0) {
      return null;
    }
    return String.format(
        "stopped before batch %d of %d: %d ms left, a batch needs up to %d ms; the serial was not"
            + " bumped and the next run continues",
        index + 1, total, deadline.remaining().toMillis(), needed.toMillis());
  }

  /**
   * Why a batch the pacer would have held past the deadline was not sent (Route 53's throttling
   * lowered the learned rate after the batch was allowed to start, or while it was retried).
   */
  private static String pacedStop(Route53Clients.PacingDeadline p, int index, int total) {
    // total 0: a request outside the plan's batches (a name of a rejected batch, the serial commit)
    String which =
        total == 0 ? "a change request" : String.format("batch %d of %d", index + 1, total);
    return String.format(
        "stopped before %s: throttled by Route 53, the change pacer would hold it %d ms"
            + " and only %d ms are left for it to leave; it was not sent (nothing of it was applied),"
            + " the serial was not bumped and the next run continues",
        which, p.waitNeeded().toMillis(), Math.max(0, p.left().toMillis()));
  }

  @Override
  public Optional<LearnedRates> learnedRates() {
    return Route53Clients.learnedRates(client);
  }

  private static String describe(Change c) {
    return Route53Values.action(c) + " " + c.type();
  }

  private static String messages(InvalidChangeBatchException e) {
    if (e.messages() != null && !e.messages().isEmpty()) {
      return String.join("; ", e.messages());
    }
    return e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
  }

  private Duration timeNeeded() {
    Slowest s = slowest.get();
    if (s == null || nanoClock.getAsLong() - s.at() > SLOWEST_BATCH_WINDOW.toNanos()) {
      return minBatchTime;
    }
    Duration observed = Duration.ofNanos(2 * s.nanos());
    return observed.compareTo(minBatchTime) > 0 ? observed : minBatchTime;
  }

  private void observed(long nanos, long at) {
    slowest.accumulateAndGet(
        new Slowest(nanos, at),
        (old, now) ->
            old == null
                    || now.nanos() >= old.nanos()
                    || now.at() - old.at() > SLOWEST_BATCH_WINDOW.toNanos()
                ? now
                : old);
  }

  private void send(String hostedZoneId, List<Change> batch, Deadline deadline, String comment) {
    List<software.amazon.awssdk.services.route53.model.Change> changes =
        new ArrayList<>(batch.size());
    for (Change c : batch) {
      changes.add(
          software.amazon.awssdk.services.route53.model.Change.builder()
              .action(Route53Values.action(c))
              .resourceRecordSet(Route53Values.toSdk(c))
              .build());
    }
    Duration left = deadline.remaining();
    // the batch may wait for the change pacer as long as the deadline leaves once its own time is
    // kept: what deadlineStop checked before it started, asked again at each attempt, after
    // throttling may have lowered the learned rate
    long ownTime = timeNeeded().toNanos();
    LongSupplier mayWait = () -> deadline.remaining().toNanos() - ownTime;
    long start = nanoClock.getAsLong();
    client.changeResourceRecordSets(
        ChangeResourceRecordSetsRequest.builder()
            .hostedZoneId(hostedZoneId)
            .changeBatch(
                ChangeBatch.builder()
                    .comment(comment.length() > 256 ? comment.substring(0, 256) : comment)
                    .changes(changes)
                    .build())
            .overrideConfiguration(
                o ->
                    o.apiCallTimeout(left.isZero() ? Duration.ofMillis(1) : left)
                        .putExecutionAttribute(Route53Clients.MAY_WAIT, mayWait))
            .build());
    long end = nanoClock.getAsLong();
    observed(end - start, end);
  }
}
