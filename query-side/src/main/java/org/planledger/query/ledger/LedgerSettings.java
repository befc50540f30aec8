package org.planledger.query.ledger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the hash chain (application.yml, {@code planledger.ledger}).
 *
 * @param sealInterval how long the sealer rests when it has caught up with the event store
 * @param sealBatch    events sealed per transaction
 * @param fetchSize    rows fetched per round trip while verifying (memory stays bounded by this, not by the ledger)
 * @param readModelWait how long verification waits for a processor that has not reached the sealed position yet
 */
@ConfigurationProperties("planledger.ledger")
record LedgerSettings(Duration sealInterval, int sealBatch, int fetchSize, Duration readModelWait) {
}
