package org.planledger.shared.api;

/**
 * A command on an activity that may name the version it was based on ({@code If-Match}); null means "whatever the
 * current version". The activity checks it before any rule, so a stale request is a version mismatch, never a rule.
 */
public interface VersionedCommand {

    Long expectedVersion();
}
