package io.mbp.kyc.sim;

import io.mbp.kyc.Cpf;
import io.mbp.kyc.KycProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The vendor's decisions, without HTTP: idempotent per subject (a repeated request gets the first
 * verdict), a CPF that fails its check digits is rejected, and otherwise the seed decides. It keeps
 * nothing but subject → verdict, as a careful vendor would.
 */
public final class KycSimulator {
    private final KycSimConfig config;
    private final Map<String, KycProvider.Verdict> verdicts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    public KycSimulator(KycSimConfig config) {
        this.config = config;
    }

    public KycSimConfig config() {
        return config;
    }

    /** True when this attempt for {@code subject} should hang (only ever the first one). */
    public boolean hangs(String subject) {
        int n = attempts.computeIfAbsent(subject, s -> new AtomicInteger()).getAndIncrement();
        return n == 0 && draw(subject, "timeout") < config.timeoutPct();
    }

    /** True when the verdict's callback goes out twice. */
    public boolean duplicates(String subject) {
        return draw(subject, "duplicate") < config.duplicatePct();
    }

    public KycProvider.Verdict decide(KycProvider.Request r) {
        return verdicts.computeIfAbsent(r.subject(), s -> {
            String ref = "kv-" + hex(s, "ref").substring(0, 16);
            if (!Cpf.isValid(r.cpf())) {
                return new KycProvider.Verdict(KycProvider.Verdict.REJECTED, ref, "document_invalid");
            }
            if (config.livenessRequired() && !r.liveness()) {
                return new KycProvider.Verdict(KycProvider.Verdict.REVIEW, ref, "liveness_missing");
            }
            int d = draw(s, "decision");
            if (d < config.rejectPct()) {
                return new KycProvider.Verdict(KycProvider.Verdict.REJECTED, ref, "watchlist_match");
            }
            if (d < config.rejectPct() + config.reviewPct()) {
                return new KycProvider.Verdict(KycProvider.Verdict.REVIEW, ref, "name_mismatch");
            }
            return new KycProvider.Verdict(KycProvider.Verdict.APPROVED, ref, "match");
        });
    }

    public int decided() {
        return verdicts.size();
    }

    private int draw(String subject, String what) {
        return Integer.parseInt(hex(subject, what).substring(0, 6), 16) % 100;
    }

    private String hex(String subject, String what) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest((config.seed() + "|" + what + "|" + subject).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
