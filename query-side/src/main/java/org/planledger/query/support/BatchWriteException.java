package org.planledger.query.support;

/**
 * A read model could not write what a batch of events made of it, and this names the first event whose rows failed,
 * so that the failure can be shown against that event (the writes happen when the batch commits, after its handlers).
 */
public class BatchWriteException extends RuntimeException {

    private final String eventIdentifier;

    public BatchWriteException(String eventIdentifier, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.eventIdentifier = eventIdentifier;
    }

    public String eventIdentifier() {
        return eventIdentifier;
    }
}
