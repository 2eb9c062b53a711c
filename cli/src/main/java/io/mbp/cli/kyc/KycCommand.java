package io.mbp.cli.kyc;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.cli.privacy.VaultCommand;
import io.mbp.error.BadInputException;
import io.mbp.error.UsageException;
import io.mbp.kyc.HttpKycProvider;
import io.mbp.kyc.KycAccount;
import io.mbp.kyc.KycProvider;
import io.mbp.kyc.KycService;
import io.mbp.kyc.KycStatus;
import io.mbp.kyc.KycSubmitted;
import io.mbp.screenhooks.OnboardingScreening;
import io.mbp.screenhooks.SubjectScreening;
import io.mbp.sql.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "kyc", mixinStandardHelpOptions = true,
        description = "Customer identification (docs/runbooks/onboarding.md): onboard, verify with the KYC "
                + "provider, show (masked, or revealed and audited), review. Personal data goes to the vault;"
                + " the log gets ciphertext.",
        subcommands = {KycCommand.Onboard.class, KycCommand.Verify.class, KycCommand.Show.class, KycCommand.Review.class})
public final class KycCommand {

    /** --provider and its timeout and liveness flag. */
    static final class ProviderOptions {
        @Option(names = "--provider", paramLabel = "URL",
                description = "KYC provider base URL on 127.0.0.1 (e.g. `mbp kyc-sim`'s); without it accounts stay pending.")
        String url;

        @Option(names = "--provider-timeout", paramLabel = "MS", defaultValue = "5000",
                description = "Per-request timeout in milliseconds (default ${DEFAULT-VALUE}); a timed-out account stays "
                        + "pending.")
        long timeoutMs;

        @Option(names = "--liveness", description = "Tell the provider a liveness check was done in the app.") boolean liveness;

        KycProvider provider() {
            if (url == null) {
                return null;
            }
            if (timeoutMs <= 0) {
                throw new UsageException("--provider-timeout must be positive");
            }
            return new HttpKycProvider(url, Duration.ofMillis(timeoutMs));
        }
    }

    @JsonPropertyOrder(alphabetic = true)
    record OnboardedRow(String account, String subject, String status, String note) {
    }

    /** Accounts onboarded or re-verified, and the count per state. */
    record Onboarded(@JsonValue List<OnboardedRow> rows) implements TextResult {
        static Onboarded of(List<KycService.Onboarded> rows) {
            return new Onboarded(rows.stream().map(o -> new OnboardedRow(o.account(), o.subject(), o.status().code(), o.note()))
                    .toList());
        }

        @Override
        public void printText(PrintWriter out) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (OnboardedRow o : rows) {
                out.printf("%-24s %-26s %-9s %s%n", o.account(), o.subject(), o.status(), o.note());
                counts.merge(o.status(), 1, Integer::sum);
            }
            List<String> parts = new ArrayList<>();
            counts.forEach((k, v) -> parts.add(v + " " + k));
            out.println(rows.size() + " account(s): " + String.join(", ", parts));
        }
    }

    /** An account's KYC record, field by field in a fixed order; {@code footer} says what was revealed. */
    record Shown(@JsonValue Map<String, Object> fields, String footer) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            fields.forEach((k, v) -> out.printf("%-14s %s%n", k, v == null ? "-" : v));
            if (footer != null) {
                out.println(footer);
            }
        }
    }

    @JsonPropertyOrder(alphabetic = true)
    record ReviewRow(String account, String subject, String status, String reason, String since) {
    }

    record ReviewList(@JsonValue List<ReviewRow> rows) implements TextResult {
        private static final String ROW = "%-24s %-26s %-9s %-24s %s%n";

        @Override
        public void printText(PrintWriter out) {
            out.printf(ROW, "ACCOUNT", "SUBJECT", "STATUS", "SINCE", "REASON");
            for (ReviewRow a : rows) {
                out.printf(ROW, a.account(), a.subject(), a.status(), a.since(), a.reason());
            }
        }
    }

    @JsonPropertyOrder(alphabetic = true)
    record Decided(String account, String status, String by) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println(account + " is now " + status + " (" + by + ")");
        }
    }

    @Command(name = "onboard", mixinStandardHelpOptions = true,
            description = "Onboard customers from an NDJSON file (account, full_name, cpf, birth_date, email, phone, "
                    + "pix_key, terms_version, consents). The whole file is validated first: any bad line exits 4"
                    + " naming the line and field, and nothing is stored. Then each account is sent to the "
                    + "provider (if --provider).")
    static final class Onboard extends VaultCommand {
        @Mixin ProviderOptions provider;

        @Option(names = "--file", required = true, paramLabel = "FILE", description = "NDJSON, one customer per line (`-` = stdin).") String file;

        @Override
        public Integer call() {
            Clock clock = clock();
            KycProvider p = provider.provider();
            List<KycService.Onboarded> rows;
            try (BufferedReader in = open(file); Database db = ctx.database()) {
                io.mbp.privacy.Vault v = vault.vault(clock);
                // issue 13: each stored account is screened (name and birth date read with purpose "screening"); a hit -> review
                rows = new KycService(db, v, clock, new OnboardingScreening(() -> new SubjectScreening(db, v, clock, vault.actor())))
                        .onboard(file, in, p, provider.liveness);
            } catch (IOException e) {
                throw new BadInputException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
            }
            return ctx.render(Onboarded.of(rows));
        }

        private static BufferedReader open(String file) throws IOException {
            if ("-".equals(file)) {
                return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            }
            try {
                return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new BadInputException(file + ": no such file");
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Ask the provider again for pending accounts (all, or --account). Reading the name, CPF and"
                    + " birth date to send is logged as FieldDecrypted events.")
    static final class Verify extends VaultCommand {
        @Mixin ProviderOptions provider;

        @Option(names = "--account", paramLabel = "ACCOUNT") String account;

        @Override
        public Integer call() {
            KycProvider p = provider.provider();
            if (p == null) {
                throw new UsageException("kyc verify needs --provider URL");
            }
            Clock clock = clock();
            List<KycService.Onboarded> rows;
            try (Database db = ctx.database()) {
                io.mbp.privacy.Vault v = vault.vault(clock);
                rows = new KycService(db, v, clock, new OnboardingScreening(() -> new SubjectScreening(db, v, clock, vault.actor())))
                        .verifyPending(p, provider.liveness, vault.actor(), Optional.ofNullable(account));
            }
            return ctx.render(Onboarded.of(rows));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "An account's KYC record, masked: state, references, which key holds each field. --reveal "
                    + "--purpose TEXT decrypts (all fields, or each --field) and logs one FieldDecrypted per "
                    + "field read.")
    static final class Show extends VaultCommand {
        @Parameters(index = "0", paramLabel = "ACCOUNT") String account;

        @Option(names = "--reveal", description = "Decrypt the personal fields (audited).") boolean reveal;

        @Option(names = "--purpose", paramLabel = "TEXT", description = "Why you are looking; required with --reveal, logged.") String purpose;

        @Option(names = "--field", paramLabel = "NAME", description = "Reveal only these fields (repeatable): full_name, cpf, "
                + "birth_date, email, phone, pix_key.")
        List<String> fields;

        @Override
        public Integer call() {
            if (reveal && (purpose == null || purpose.isBlank())) {
                throw new UsageException("--reveal needs --purpose TEXT: every look at personal data is logged with its purpose");
            }
            if (!reveal && (purpose != null || fields != null)) {
                throw new UsageException("--purpose and --field only go with --reveal");
            }
            Clock clock = clock();
            KycAccount a;
            Map<String, String> clear = Map.of();
            try (Database db = ctx.database()) {
                if (reveal) {
                    KycService svc = new KycService(db, vault.vault(clock), clock);
                    a = svc.account(account);
                    clear = svc.reveal(account, fields == null ? KycService.FIELDS : fields, vault.actor(), purpose);
                } else {
                    // Masked needs no key: nothing is decrypted, so nothing is logged.
                    a = new KycService(db, null, clock).account(account);
                }
            }
            KycSubmitted s = a.submitted();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("account", a.account());
            m.put("subject", a.subject());
            m.put("status", a.status().code());
            m.put("since", a.since());
            m.put("reason", a.reason());
            m.put("by", a.by());
            m.put("submitted_at", a.submittedAt());
            m.put("terms_version", s.termsVersion());
            m.put("pix_key_type", s.pixKeyType());
            m.put("cpf_ref", s.cpfRef());
            m.put("pix_key_ref", s.pixKeyRef());
            for (String f : KycService.FIELDS) {
                m.put(f, clear.containsKey(f) ? clear.get(f) : KycService.masked(KycService.envelope(s, f)));
            }
            return ctx.render(new Shown(m, reveal ? "(" + clear.size() + " field(s) revealed to " + vault.actor() + " for: "
                    + purpose + "; logged)" : null));
        }
    }

    @Command(name = "review", mixinStandardHelpOptions = true, description = "Manual review of accounts the provider could not decide.",
            subcommands = {Review.ListReview.class, Review.Decide.class})
    static final class Review {
        @Command(name = "list", mixinStandardHelpOptions = true, description = "Accounts waiting for review (--all: every account and state).")
        static final class ListReview implements Callable<Integer> {
            @Mixin CommandContext ctx;

            @Option(names = "--all", description = "Every onboarded account, whatever its state.") boolean all;

            @Override
            public Integer call() {
                List<ReviewRow> rows = new ArrayList<>();
                try (Database db = ctx.database()) {
                    for (KycAccount a : new KycService(db, null, ctx.clock()).accounts().values()) {
                        if (all || a.status() == KycStatus.REVIEW) {
                            rows.add(new ReviewRow(a.account(), a.subject(), a.status().code(), a.reason(), a.since()));
                        }
                    }
                }
                return ctx.render(new ReviewList(rows));
            }
        }

        @Command(name = "decide", mixinStandardHelpOptions = true,
                description = "Decide an account: verified or rejected (from review), or blocked (from any state).")
        static final class Decide extends VaultCommand {

            @Parameters(index = "0", paramLabel = "ACCOUNT") String account;

            @Option(names = "--decision", required = true, paramLabel = "STATE", description = "verified, rejected or blocked.") String decision;

            @Option(names = "--reason", required = true, paramLabel = "TEXT",
                    description = "Why (logged; no personal data here, please).")
            String reason;

            @Override
            public Integer call() {
                KycStatus to = KycStatus.of(decision).filter(s -> s == KycStatus.VERIFIED || s == KycStatus.REJECTED
                        || s == KycStatus.BLOCKED).orElseThrow(() -> new UsageException("--decision must be verified, rejected or blocked"));
                Clock clock = clock();
                KycAccount a;
                try (Database db = ctx.database()) {
                    a = new KycService(db, null, clock).decide(account, to, reason, vault.actor());
                }
                return ctx.render(new Decided(a.account(), a.status().code(), a.by()));
            }
        }
    }
}
