package dev.zonesync.config;

import java.util.SortedMap;

/** Reads configuration text stored outside the package (SSM Parameter Store). */
public interface ParameterSource {

  /** One parameter's value. */
  String get(String name);

  /** Every parameter under a path (recursive), by name. */
  SortedMap<String, String> byPath(String path);
}
