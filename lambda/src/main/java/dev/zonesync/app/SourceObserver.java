package dev.zonesync.app;

import dev.zonesync.sync.SourceFactory;

/** Wraps an engine's source factory (the Lambda handler's, to observe unreadable secrets). */
@FunctionalInterface
public interface SourceObserver {
  SourceFactory observe(SourceFactory sources);
}
