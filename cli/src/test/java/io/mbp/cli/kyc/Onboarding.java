package io.mbp.cli.kyc;

import io.mbp.cli.testing.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.cli.custody.Secrets;
import io.mbp.kyc.sim.KycSimConfig;
import io.mbp.kyc.sim.KycSimServer;
import io.mbp.kyc.sim.KycSimulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Onboarding for CLI tests whose events name PIX keys: since issue 12 a withdrawal's key is kept as a
 * vault reference, so its account must be onboarded first (ADR 0703), and only verified accounts with
 * the payouts consent are paid (ADR 0704). Callers reset the environment with
 * {@code Secrets.useEnvironment(null)} after the test.
 */
public final class Onboarding {
    /** The sample day's customers: one per account of samples/events/2026-11-27*.ndjson. */
    public static final Path SAMPLE = Path.of("..", "samples", "customers", "2026-11-27.ndjson");

    private Onboarding() {
    }

    /** Adds the vault's passphrase and key file (under {@code dir}) to {@code env}, makes it the environment, creates the vault. */
    public static void vault(String db, Path dir, Map<String, String> env) {
        env.put("MBP_VAULT_PASSPHRASE", "test vault passphrase");
        env.put("MBP_KEK_FILE", dir.resolve("vault-kek.json").toString());
        Secrets.useEnvironment(env::get);
        ok(db, "privacy", "kek", "init");
    }

    /** Onboards {@code customers}; with {@code verify} through a provider that approves everyone, else they stay pending. */
    public static void onboard(String db, Path customers, boolean verify) {
        if (!verify) {
            ok(db, "kyc", "onboard", "--file", customers.toString());
            return;
        }
        try (KycSimServer sim = new KycSimServer(new KycSimulator(new KycSimConfig(1, 0, 0, 0, 0, 0, false, 0, null)), 0).start()) {
            ok(db, "kyc", "onboard", "--file", customers.toString(), "--provider", sim.baseUrl());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The vault (in {@code env}, made the environment) and the sample day's 240 customers onboarded,
     * verified when {@code verify}: what the sample event files need before `events append`.
     */
    public static void sampleDay(String db, Path dir, Map<String, String> env, boolean verify) {
        vault(db, dir, env);
        onboard(db, SAMPLE, verify);
    }

    /** A customers file for {@code accounts}, valid fictional people with the kyc and payouts consents. */
    public static Path customers(Path file, List<String> accounts) {
        List<ObjectNode> out = new ArrayList<>();
        long seed = 1;
        for (String a : accounts) {
            out.add(Customers.customer(a, seed++));
        }
        return Customers.write(file, out);
    }

    /** The registered PIX key {@link #customers} gives {@code account} (the {@code n}th of the list, from 0). */
    public static String registeredKey(String account, int n) {
        return Customers.customer(account, n + 1).get("pix_key").asText();
    }

    static void ok(String db, String... args) {
        Cli.Run r = Cli.mbpOn(db, args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + "\n" + r.out() + r.err());
    }
}
