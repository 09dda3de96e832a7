package dev.zonesync.source;

import dev.zonesync.config.SourceLimits;
import com.sun.management.GarbageCollectionNotificationInfo;
import dev.zonesync.model.Deadline;
import dev.zonesync.model.DnsName;
import dev.zonesync.model.Escaping;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.Master;
import dev.zonesync.model.RRset;
import dev.zonesync.model.Rdata;
import dev.zonesync.model.RrType;
import dev.zonesync.plan.Batch;
import dev.zonesync.plan.BatchLimits;
import dev.zonesync.plan.Batcher;
import dev.zonesync.plan.OwnershipRules;
import dev.zonesync.plan.Plan;
import dev.zonesync.plan.Planner;
import dev.zonesync.sync.port.Transfer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * The engine's CPU- and memory-heavy path for a big zone, end to end: an AXFR of ~1M records from a
 * real named (TSIG-signed, verified on every message, converted record by record) → {@code
 * ZoneSnapshot} → {@code Planner.plan} against an empty hosted zone (Route 53's apex SOA and NS
 * only) → {@code Batcher.batch}. One invocation = one whole run (single-shot), as in a Lambda.
 *
 * <p>Run by {@code scripts/bench}, which starts named with the generated zone and passes {@code
 * -Dbench.master=host:port -Dbench.zone=... -Dbench.tsigName=... -Dbench.tsigSecret=...}; {@code
 * -Dbench.peakFile=...} receives the heap numbers as JSON:
 *
 * <ul>
 *   <li>{@code peakHeapMb}: the most heap ever in use during a measured invocation (sum of the heap
 *       pools just before each GC, and at the end) — bounded by {@code -Xmx1g};
 *   <li>{@code peakLiveMb}: the most heap still in use after a GC during an invocation — what the
 *       run really needs to hold;
 *   <li>{@code liveHeapMb}: heap in use after a full GC with snapshot, plan and batches still held.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class TransferPlanBatchBenchmark {

  private DnsName zone;
  private TSIG tsig;
  private Master master;
  private InetSocketAddress address;
  private List<HostedRRset> emptyHostedZone;
  private OwnershipRules rules;

  private final AtomicLong peakBeforeGc = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private long maxPeakHeap;
  private long maxPeakLive;
  private long liveHeld;
  private long records;
  private int rrsets;
  private int batches;
  private Object held;

  @Setup(Level.Trial)
  public void setUp() {
    zone = DnsName.of(System.getProperty("bench.zone", "z1m.bench.example."));
    master = Master.parse(required("bench.master"));
    address = new InetSocketAddress(master.host(), master.port());
    String key = System.getProperty("bench.tsigName");
    tsig =
        key == null
            ? null
            : new TSIG(TSIG.HMAC_SHA256, Name.fromConstantString(key), required("bench.tsigSecret"));
    rules = OwnershipRules.defaults(zone);
    emptyHostedZone =
        List.of(
            hosted(
                "SOA",
                900,
                "ns-2048.awsdns-64.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"),
            hosted(
                "NS",
                172800,
                "ns-2048.awsdns-64.com.",
                "ns-2049.awsdns-65.net.",
                "ns-2050.awsdns-66.org.",
                "ns-2051.awsdns-67.co.uk."));
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (n, hb) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    n.getType())) {
                  return;
                }
                var info =
                    GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
                        .getGcInfo();
                peakBeforeGc.accumulateAndGet(heap(info.getMemoryUsageBeforeGc()), Math::max);
                peakAfterGc.accumulateAndGet(heap(info.getMemoryUsageAfterGc()), Math::max);
              },
              null,
              null);
    }
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    System.gc();
    peakBeforeGc.set(0);
    peakAfterGc.set(0);
  }

  @Benchmark
  public int transferPlanBatch() {
    Transfer t =
        new AxfrClient(zone, tsig, SourceLimits.DEFAULT)
            .transfer(master, address, Deadline.after(Duration.ofMinutes(5)));
    Plan plan = Planner.plan(t.snapshot(), emptyHostedZone, rules, BatchLimits.ROUTE53);
    List<Batch> out = Batcher.batch(plan, BatchLimits.ROUTE53);
    peakBeforeGc.accumulateAndGet(
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    records = t.records();
    rrsets = t.snapshot().rrsets().size();
    batches = out.size();
    held = List.of(t, plan, out);
    return out.size();
  }

  @TearDown(Level.Iteration)
  public void endIteration() {
    maxPeakHeap = Math.max(maxPeakHeap, peakBeforeGc.get());
    maxPeakLive = Math.max(maxPeakLive, peakAfterGc.get());
    System.gc();
    liveHeld = Math.max(liveHeld, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    held = null;
  }

  @TearDown(Level.Trial)
  public void report() {
    String file = System.getProperty("bench.peakFile");
    String json =
        String.format(
            Locale.ROOT,
            "{\"peakHeapMb\": %d, \"peakLiveMb\": %d, \"liveHeapMb\": %d, \"transferRecords\": %d,"
                + " \"snapshotRRsets\": %d, \"batches\": %d, \"maxHeapMb\": %d}%n",
            mb(maxPeakHeap),
            mb(maxPeakLive),
            mb(liveHeld),
            records,
            rrsets,
            batches,
            mb(Runtime.getRuntime().maxMemory()));
    System.out.print("heap: " + json);
    if (file != null) {
      try {
        Files.writeString(Path.of(file), json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private HostedRRset hosted(String type, long ttl, String... values) {
    RrType t = RrType.fromName(type);
    List<String> canon =
        java.util.Arrays.stream(values)
            .map(v -> Rdata.canonicalize(t, v, Escaping.DECIMAL))
            .toList();
    return HostedRRset.plain(RRset.of(zone, t, ttl, canon), List.of(values));
  }

  private static long heap(Map<String, MemoryUsage> pools) {
    long sum = 0;
    for (var e : pools.entrySet()) {
      if (isHeapPool(e.getKey())) {
        sum += e.getValue().getUsed();
      }
    }
    return sum;
  }

  private static boolean isHeapPool(String name) {
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals(name)) {
        return pool.getType() == java.lang.management.MemoryType.HEAP;
      }
    }
    return false;
  }

  private static long mb(long bytes) {
    return Math.round(bytes / (1024.0 * 1024.0));
  }

  private static String required(String property) {
    String v = System.getProperty(property);
    if (v == null) {
      throw new IllegalStateException("-D" + property + " is required (scripts/bench sets it)");
    }
    return v;
  }
}
