package dev.zonesync.sync.port;

import dev.zonesync.model.Master;
import dev.zonesync.model.ZoneSnapshot;
import java.time.Duration;

/** A complete, verified zone transfer and where it came from. */
public record Transfer(
    ZoneSnapshot snapshot,
    Master master,
    long messages,
    long bytes,
    long records,
    Duration duration) {}
