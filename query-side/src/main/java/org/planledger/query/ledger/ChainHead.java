package org.planledger.query.ledger;

import java.util.List;
import org.planledger.shared.ledger.LedgerHash;
import org.springframework.jdbc.core.JdbcOperations;

/** The last sealed chain record: its position and chain hash (position 0 and genesis before any event is sealed). */
record ChainHead(long position, byte[] hash) {

    static ChainHead of(JdbcOperations jdbc) {
        List<ChainHead> last = jdbc.query(
                "select global_index, chain_hash from ledger_chain order by global_index desc limit 1",
                (rs, i) -> new ChainHead(rs.getLong(1), rs.getBytes(2)));
        return last.isEmpty() ? new ChainHead(0, LedgerHash.genesis()) : last.get(0);
    }
}
