package io.mbp.slo;

/** A domain watcher alert of specs/slo/watchers.yaml: a PromQL condition held for {@code holdFor}. */
public record WatcherSpec(String alert, String expr, String holdFor, String severity, String summary) {
}
