package dev.zonesync.infra.config;

import java.util.Optional;

/** The keys of one {@code tsigKeys[]} entry that the CDK app uses. */
public record TsigKey(String name, Optional<String> secretsManagerArn) {}
