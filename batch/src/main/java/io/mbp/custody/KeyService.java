package io.mbp.custody;

import io.mbp.events.EventLog;
import io.mbp.events.NewEvent;
import io.mbp.sql.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Key life cycle: every change to the key file is also an event in the log, committed in the same
 * transaction that the file is replaced in, so the log and the inventory cannot disagree.
 */
public final class KeyService {
    private final Database db;
    private final KeyStore store;
    private final Clock clock;

    public KeyService(Database db, KeyStore store, Clock clock) {
        this.db = db;
        this.store = store;
        this.clock = clock;
    }

    public OperatorKey init(String name, char[] passphrase) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<OperatorKey> keys = store.planInit(name, passphrase, now);
        OperatorKey k = keys.get(0);
        commit(keys, List.of(new KeyCreated(k.keyId(), k.name(), k.verifierKey(), k.createdAt())), now);
        return k;
    }

    /** Returns {retired, new}. */
    public List<OperatorKey> rotate(char[] passphrase) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        OperatorKey old = store.active();
        List<OperatorKey> keys = store.planRotate(passphrase, now);
        OperatorKey fresh = keys.get(keys.size() - 1);
        OperatorKey retired = keys.stream().filter(k -> k.keyId().equals(old.keyId())).findFirst().orElseThrow();
        commit(keys, List.of(new KeyRetired(old.keyId(), fresh.keyId(), retired.retiredAt()),
                new KeyCreated(fresh.keyId(), fresh.name(), fresh.verifierKey(), fresh.createdAt())), now);
        return List.of(retired, fresh);
    }

    private void commit(List<OperatorKey> keys, List<CustodyEvent> events, Instant now) {
        List<NewEvent> news = new ArrayList<>();
        for (CustodyEvent e : events) {
            news.add(NewEvent.of(CustodyEvents.TYPES, CustodyEvent.STREAM, now, e));
        }
        db.inTransaction(dsl -> {
            EventLog.appendIn(dsl, news.iterator());
            // The file goes last: if it cannot be written the transaction rolls back with it.
            store.write(keys);
            return null;
        });
    }
}
