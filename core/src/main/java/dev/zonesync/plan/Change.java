package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.HostedRRset;
import dev.zonesync.model.RRset;
import dev.zonesync.model.RrType;
import java.util.Objects;

/** One ChangeResourceRecordSets change, in zonesync's terms. */
public sealed interface Change permits Change.Create, Change.Update, Change.Delete {

  DnsName name();

  RrType type();

  /** ResourceRecord elements this change costs in a request (UPSERT counts twice). */
  int wireValues();

  /** Value characters this change costs in a request (UPSERT counts twice). */
  int wireChars();

  /** Order inside a batch: deletes, then updates, then creates. */
  int order();

  /** A new RRset (CREATE). */
  record Create(RRset desired) implements Change {
    public Create {
      Objects.requireNonNull(desired, "desired");
    }

    @Override
    public DnsName name() {
      return desired.name();
    }

    @Override
    public RrType type() {
      return desired.type();
    }

    @Override
    public int wireValues() {
      return desired.values().size();
    }

    @Override
    public int wireChars() {
      return desired.valueChars();
    }

    @Override
    public int order() {
      return 2;
    }
  }

  /** Replace an RRset's TTL and/or values (UPSERT). */
  record Update(HostedRRset current, RRset desired) implements Change {
    public Update {
      Objects.requireNonNull(current, "current");
      Objects.requireNonNull(desired, "desired");
      if (!current.key().equals(desired.key())) {
        throw new IllegalArgumentException(
            "update must keep name and type: " + current.key() + " vs " + desired.key());
      }
    }

    @Override
    public DnsName name() {
      return desired.name();
    }

    @Override
    public RrType type() {
      return desired.type();
    }

    @Override
    public int wireValues() {
      return 2 * desired.values().size();
    }

    @Override
    public int wireChars() {
      return 2 * desired.valueChars();
    }

    @Override
    public int order() {
      return 1;
    }

    public boolean ttlOnly() {
      return current.values().equals(desired.values());
    }
  }

  /** Remove an RRset (DELETE, repeating the exact values Route 53 holds). */
  record Delete(HostedRRset current) implements Change {
    public Delete {
      Objects.requireNonNull(current, "current");
      if (!current.isPlain()) {
        throw new IllegalArgumentException(
            "zonesync never deletes alias or routing-policy sets: " + current.key());
      }
    }

    @Override
    public DnsName name() {
      return current.name();
    }

    @Override
    public RrType type() {
      return current.type();
    }

    @Override
    public int wireValues() {
      return current.exactValues().size();
    }

    @Override
    public int wireChars() {
      return current.exactValueChars();
    }

    @Override
    public int order() {
      return 0;
    }
  }
}
