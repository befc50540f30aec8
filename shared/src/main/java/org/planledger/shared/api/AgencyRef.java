package org.planledger.shared.api;

/** An agency or group of the directory, as recorded in events: stable id plus the name shown at the time. */
public record AgencyRef(String id, String name) {
}
