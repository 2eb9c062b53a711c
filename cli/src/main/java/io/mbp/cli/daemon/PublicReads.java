package io.mbp.cli.daemon;

import io.mbp.anchor.ProofExporter;
import io.mbp.error.BadInputException;
import io.mbp.events.EventLog;
import io.mbp.market.Reject;
import io.mbp.oracle.CommitteeResolved;
import io.mbp.oracle.DisputeOpened;
import io.mbp.oracle.Finalized;
import io.mbp.oracle.OracleParams;
import io.mbp.oracle.OracleReads;
import io.mbp.oracle.OracleState;
import io.mbp.oracle.OracleStatus;
import io.mbp.sql.Database;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The public read routes that are not the market's: the oracle ({@code GET /v2/oracle/events...}) and
 * proofs ({@code GET /v2/proofs/{seq}}). They never touch the engine thread: one "public-reads"
 * thread owns its own database connection and an oracle state that follows the log, so a burst of
 * proof requests (O(log n) reads each) delays neither orders nor market reads. The queue is bounded;
 * when it is full the answer is 429 at once rather than a request waiting behind thousands.
 */
final class PublicReads implements AutoCloseable {
    /** The most rounds one answer carries (the newest); a day of 10-minute rounds is 144. */
    static final int MAX_ROUNDS = 1000;

    private final Database db;
    private final OracleReads oracle = new OracleReads(OracleParams.DEFAULTS);
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1_000), r -> new Thread(r, "public-reads"));

    PublicReads(String dbUrl) {
        this.db = Database.open(dbUrl); // migrated by the daemon already
    }

    /** GET /v2/oracle/events[/{id}[/rounds|/finalization|/disputes]]: {@code parts} is the split path. */
    CompletableFuture<Reply> oracle(String[] parts) {
        String id = parts.length > 3 ? parts[3] : null;
        String view = parts.length > 4 ? parts[4] : "";
        return on(() -> db.read(dsl -> {
            OracleState s = oracle.follow(dsl);
            if (id == null) {
                List<Map<String, Object>> list = new ArrayList<>();
                s.events().values().forEach(es -> list.add(summary(es)));
                return new Reply(200, list);
            }
            OracleState.EventState es = s.event(id);
            if (es == null) {
                return Reply.error(Reject.UNKNOWN_ORACLE_EVENT, null, "no oracle event \"" + id + "\"");
            }
            return switch (view) {
                case "rounds" -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("event", id);
                    m.put("rounds", OracleReads.rounds(dsl, id, MAX_ROUNDS));
                    yield new Reply(200, m);
                }
                case "finalization" -> finalization(es, OracleReads.finalizedSeq(dsl, id));
                case "disputes" -> new Reply(200, disputes(es));
                default -> {
                    Map<String, Object> m = new LinkedHashMap<>(OracleStatus.of(s, id, 1));
                    m.remove("explanation"); // sentences for people; the API gives the facts
                    m.remove("rounds");      // GET .../rounds has them all
                    yield new Reply(200, m);
                }
            };
        }));
    }

    /** GET /v2/proofs/{seq}: the bytes `mbp proof export --seq N` writes, unchanged. */
    CompletableFuture<Reply> proof(String seqText) {
        long seq;
        try {
            seq = Long.parseLong(seqText);
        } catch (NumberFormatException e) {
            seq = -1;
        }
        if (seq < 0) {
            return CompletableFuture.completedFuture(Reply.error(Reject.INVALID_FIELD, "seq", "seq: a log position (0, 1, 2...)"));
        }
        long n = seq;
        return on(() -> {
            if (n >= new EventLog(db).size()) {
                return Reply.error(Reject.UNKNOWN_EVENT, "seq", "the log has no event " + n);
            }
            try {
                byte[] file = new ProofExporter(db).export(n, null).toJson().getBytes(StandardCharsets.UTF_8);
                return new Reply(200, new Reply.Raw(file));
            } catch (BadInputException e) {
                return Reply.error(Reject.EVENT_NOT_SEALED, "seq", "event " + n + " is not in a signed checkpoint yet; retry after the next seal");
            }
        });
    }

    private CompletableFuture<Reply> on(java.util.function.Supplier<Reply> read) {
        try {
            return CompletableFuture.supplyAsync(read, worker);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Reply.error(Reject.RATE_LIMITED, null, "too many public reads queued; retry shortly"));
        }
    }

    private static Map<String, Object> summary(OracleState.EventState es) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", es.spec().id());
        m.put("kind", es.spec().kind().wire());
        m.put("title", es.spec().title());
        m.put("resolves_at", es.registration().resolvesAt());
        m.put("mode", es.hysteresis().mode().wire());
        m.put("phase", es.phase().name().toLowerCase());
        m.put("finalized", es.finalized() != null);
        return m;
    }

    private static Reply finalization(OracleState.EventState es, Long seq) {
        Finalized f = es.finalized();
        if (f == null) {
            return Reply.error(Reject.ORACLE_NOT_FINALIZED, null, "oracle event \"" + es.spec().id() + "\" is not finalized yet (phase "
                    + es.phase().name().toLowerCase() + ")");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", f.event());
        m.put("kind", f.kind());
        m.put("value", f.value());
        m.put("outcome", f.outcome());
        m.put("invalid", f.invalid());
        m.put("via", f.via());
        m.put("finalized_at", f.finalizedAt());
        m.put("seq", seq);
        m.put("proof", seq == null ? null : "/v2/proofs/" + seq);
        return new Reply(200, m);
    }

    private static Map<String, Object> disputes(OracleState.EventState es) {
        Function<DisputeOpened, Map<String, Object>> one = d -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("round", d.round());
            v.put("by", d.by());
            v.put("reason", d.reason());
            v.put("at", d.at());
            v.put("repropose_by", d.reproposeBy());
            return v;
        };
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", es.spec().id());
        m.put("phase", es.phase().name().toLowerCase());
        m.put("disputes", es.disputes().stream().map(one).toList());
        Map<String, Object> esc = null;
        if (es.escalation() != null) {
            esc = new LinkedHashMap<>();
            esc.put("at", es.escalation().at());
            esc.put("reason", es.escalation().reason());
            esc.put("deadline", es.escalation().deadline());
        }
        m.put("escalation", esc);
        CommitteeResolved c = es.resolution();
        Map<String, Object> res = null;
        if (c != null) {
            res = new LinkedHashMap<>();
            res.put("value", c.value());
            res.put("outcome", c.outcome());
            res.put("invalid", c.invalid());
            res.put("signers", c.signers());
            res.put("at", c.at());
        }
        m.put("committee", res);
        return m;
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
