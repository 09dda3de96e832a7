/**
 * What the deployed function and the CDK app that deploys it must agree on, defined once: the
 * handler, the environment it reads, the metric names and dimensions its alarms watch, and the AWS
 * actions the engine calls (the role grants exactly these). The CDK app reads these constants; the
 * engine is tested against them.
 */
package dev.zonesync.contract;
