package org.planledger.query.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.planledger.shared.ledger.StoredEvent;

/** Reading the event table's rows exactly as stored, the input of the hash chain. */
final class StoredEventRows {

    static final String SELECT = """
            select global_index, event_identifier, type, aggregate_identifier, sequence_number, time_stamp,
                   payload_type, payload_revision, payload, meta_data
            from domain_event_entry""";

    private StoredEventRows() {
    }

    /** One stored event at its global position. */
    record Row(long position, StoredEvent event) {
    }

    static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), new StoredEvent(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10)));
    }
}
