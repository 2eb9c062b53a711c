package io.mbp.cli.publish;

import io.mbp.cli.testing.Cli;
import io.mbp.cli.testing.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mbp.cli.custody.Secrets;
import io.mbp.cli.kyc.Onboarding;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A log for the public exports and status tests: the sample day's customers onboarded and their trading
 * day, the oracle's sample sources, events, reports and rounds up to noon, an API outage (P2, 42 minutes,
 * resolved with its RCA) and an open P3 on the oracle. The operator key is made here.
 */
final class PublicSample {
    static final Path ROOT = Path.of("..");
    static final Path ORACLE = ROOT.resolve("samples/oracle");
    static final String D = "2026-11-27";

    final String db;
    final Map<String, String> env = new HashMap<>();

    PublicSample(Path tmp, String db) {
        this.db = db;
        env.put("MBP_KEY_PASSPHRASE", "public test passphrase");
        env.put("MBP_KEYFILE", tmp.resolve("keys.json").toString());
        Secrets.useEnvironment(env::get);
    }

    Run mbp(String... args) {
        return Cli.mbpOn(db, args);
    }

    Run ok(String... args) {
        Run r = mbp(args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + "\nstdout: " + r.out() + "\nstderr: " + r.err());
        return r;
    }

    PublicSample load(Path tmp) {
        Onboarding.sampleDay(db, tmp.resolve("vault"), env, false);
        ok("keys", "init");
        ok("events", "append", "--file", ROOT.resolve("samples/events/" + D + ".ndjson").toString());
        String t0 = D + "T00:00:00Z";
        ok("oracle", "source", "add", "--file", ORACLE.resolve("sources.csv").toString(), "--at", t0);
        ok("oracle", "committee", "add", "--file", ORACLE.resolve("committee.csv").toString(), "--at", t0);
        ok("oracle", "event", "add", "--file", ORACLE.resolve("events.json").toString(), "--at", t0);
        ok("oracle", "ingest", "--file", ORACLE.resolve("reports.csv").toString(), "--rejects", tmp.resolve("rejects.csv").toString(),
                "--at", "2026-11-28T00:00:00Z");
        ok("oracle", "aggregate", "--at", t0, "--until", D + "T12:00:00Z", "--every", "PT1H");
        ok("incident", "open", "--severity", "P2", "--title", "API answers 503 after a deploy", "--service", "api",
                "--started", D + "T14:00:00Z", "--by", "oncall", "--now", D + "T14:05:00Z");
        ok("incident", "resolve", "INC-0001", "--rca", "connection pool sized below the engine's threads", "--actions",
                "pool sized from the thread count; alert on pool waits", "--restored", D + "T14:42:00Z", "--by", "oncall",
                "--now", D + "T15:00:00Z");
        ok("incident", "open", "--severity", "P3", "--title", "Oracle rounds late", "--service", "oracle",
                "--started", D + "T20:00:00Z", "--by", "oncall", "--now", D + "T20:10:00Z");
        return this;
    }
}
