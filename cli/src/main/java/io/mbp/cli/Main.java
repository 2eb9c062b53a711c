package io.mbp.cli;

import io.mbp.cli.anchor.AnchorCommand;
import io.mbp.cli.aml.AmlCommand;
import io.mbp.cli.appeals.AppealsCommand;
import io.mbp.cli.anchor.AnchorsCommand;
import io.mbp.cli.anchor.VerifyAnchorCommand;
import io.mbp.cli.bench.BenchCommand;
import io.mbp.cli.custody.KeyFileOption;
import io.mbp.cli.custody.KeysCommand;
import io.mbp.cli.custody.ProofCommand;
import io.mbp.cli.custody.SealCommand;
import io.mbp.cli.custody.Secrets;
import io.mbp.cli.daemon.DaemonCommand;
import io.mbp.cli.db.DbCommand;
import io.mbp.cli.events.EventsCommand;
import io.mbp.cli.evidence.EvidenceCommand;
import io.mbp.cli.formal.FormalCommand;
import io.mbp.cli.jobs.JobsCommand;
import io.mbp.cli.jobs.NightlyCommand;
import io.mbp.cli.kyc.KycCommand;
import io.mbp.cli.kyc.KycSimCommand;
import io.mbp.cli.market.MarketGroupCommand;
import io.mbp.cli.oracle.OracleCommand;
import io.mbp.cli.payout.PayoutsCommand;
import io.mbp.cli.privacy.PrivacyCommand;
import io.mbp.cli.screening.ScreeningCommand;
import io.mbp.cli.pspsim.PspSimCommand;
import io.mbp.cli.recon.ReconCommand;
import io.mbp.custody.KeyStore;
import io.mbp.error.ExitCodes;
import io.mbp.error.MbpException;
import io.mbp.net.Urls;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import org.jooq.exception.DataAccessException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mbp}: the MBP Ops operator toolkit. */
@Command(name = "mbp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "MBP Ops: operate the MBP prediction market and prove it ran honestly.",
        description = {
            "Results go to stdout (text, or JSON with --json); logs go to stderr and ./data/logs/.",
            "",
            "Exit codes: 0 ok, 1 unexpected failure, 2 usage error, 3 verification failed,",
            "4 bad input (nothing written), 5 infrastructure unreachable."
        })
public final class Main implements Runnable {
    /**
     * Every top-level command, in the order `mbp --help` lists them. They are added by {@link CommandTree}, not by
     * the annotation: a command line that names one of them gets that one alone (docs/adr/0150).
     */
    static final List<Class<?>> COMMANDS = List.of(
            DbCommand.class,
            EventsCommand.class,
            NightlyCommand.class,
            JobsCommand.class,
            EvidenceCommand.class,
            KeysCommand.class,
            SealCommand.class,
            AnchorCommand.class,
            ProofCommand.class,
            VerifyAnchorCommand.class,
            AnchorsCommand.class,
            OracleCommand.class,
            MarketGroupCommand.class,
            DaemonCommand.class,
            io.mbp.cli.api.ApiKeysCommand.class,
            io.mbp.cli.api.ApiCommand.class,
            io.mbp.cli.dr.DrCommand.class,
            io.mbp.cli.chaos.ChaosCommand.class,
            io.mbp.cli.incident.IncidentCommand.class,
            io.mbp.cli.dora.DoraCommand.class,
            io.mbp.cli.canary.CanaryCommand.class,
            io.mbp.cli.release.ReleaseCommand.class,
            io.mbp.cli.backup.BackupCommand.class,
            io.mbp.cli.slo.SloCommand.class,
            io.mbp.cli.publish.StatusCommand.class,
            io.mbp.cli.publish.ExportsCommand.class,
            PayoutsCommand.class,
            PspSimCommand.class,
            ReconCommand.class,
            KycCommand.class,
            KycSimCommand.class,
            PrivacyCommand.class,
            AppealsCommand.class,
            ScreeningCommand.class,
            AmlCommand.class,
            BenchCommand.class,
            FormalCommand.class,
            io.mbp.cli.gate.GateCommand.class,
            io.mbp.cli.audit.AuditCommand.class,
            io.mbp.cli.webhooks.WebhooksCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class);

    @Mixin GlobalOptions global;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        configureLogging(args);
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** The options that supply each input a domain error can be about ({@link MbpException#about}). */
    private static final java.util.Map<String, String> FLAG_HINTS = java.util.Map.ofEntries(
            java.util.Map.entry("database", "--db or MBP_DB"),
            java.util.Map.entry("operator-key-file", "or pass --keyfile FILE"),
            java.util.Map.entry("vault-key-file", "or pass --kek-file FILE"),
            java.util.Map.entry("psp", "check --psp URL"),
            java.util.Map.entry("statement", "pass --statement FILE"),
            java.util.Map.entry("statement-account", "check --account"),
            java.util.Map.entry("statement-date", "check --date"),
            java.util.Map.entry("resolution-action", "--action accept|correct"),
            java.util.Map.entry("resolution-note", "--note is required"),
            java.util.Map.entry("committee-answer", "give exactly one of --value, --outcome or --invalid"),
            java.util.Map.entry("committee-signer", "one --signer per committee member"),
            java.util.Map.entry("round-time", "use an --at after it"),
            java.util.Map.entry("round-span", "check --at and --until"),
            java.util.Map.entry("round-interval", "--every, e.g. PT10M"),
            java.util.Map.entry("proof-event", "--seq"),
            java.util.Map.entry("checkpoint", "--checkpoint"),
            java.util.Map.entry("anchor-confirmations", "--confirmations must be at least 1"),
            java.util.Map.entry("chain-rpc", "check --rpc"),
            java.util.Map.entry("kyc-field", "--field"),
            java.util.Map.entry("oracle-cadence", "--oracle-every"),
            java.util.Map.entry("chain-key", "--chain-keyfile FILE, or --skip-anchor"),
            java.util.Map.entry("tlc-jar", "--tlc-jar"),
            java.util.Map.entry("specs-folder", "--specs DIR"),
            java.util.Map.entry("spec", "--spec"),
            java.util.Map.entry("bundle-scope", "give exactly one of --date or --sprint"));

    static String flagHint(String subject) {
        String hint = subject == null ? null : FLAG_HINTS.get(subject);
        return hint == null ? "" : " (" + hint + ")";
    }

    /** Runs one command line with the given streams; returns the exit code. Used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine cl = CommandTree.of(args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setDefaultValueProvider(new EnvDefaults());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof MbpException m) {
                e.println("mbp: error: " + Urls.mask(m.getMessage()) + flagHint(m.subject()));
                if (verbose) {
                    printMaskedStackTrace(ex, e);
                }
                e.flush();
                return m.exitCode();
            }
            if (io.mbp.sql.Database.isConnectionFailure(ex)) {
                // An unreachable database is infrastructure (exit 5), not a bug (exit 1).
                e.println("mbp: error: database unreachable: " + Urls.mask(firstLine(ex.getMessage()))
                        + (verbose ? "" : " (run with --verbose for details)"));
                if (verbose) {
                    printMaskedStackTrace(ex, e);
                }
                e.flush();
                return ExitCodes.UNREACHABLE;
            }
            if (ex instanceof DataAccessException d) {
                e.println("mbp: database error: " + Urls.mask(firstLine(d.getMessage())) + (verbose ? "" : " (run with --verbose for details)"));
            } else {
                e.println("mbp: unexpected error: " + Urls.mask(ex.toString()) + (verbose ? "" : " (run with --verbose for details)"));
            }
            if (verbose) {
                printMaskedStackTrace(ex, e);
            }
            e.flush();
            return ExitCodes.UNEXPECTED;
        });
        // Usage errors echo arguments, and an argument may be a URL with a password or token in it.
        cl.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter e = c.getErr();
            e.println(Urls.mask(ex.getMessage()));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, e)) {
                c.usage(e);
            }
            e.flush();
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionStrategy(parseResult -> {
            warnIfOperatorKeyIsOld(parseResult, cl.getErr());
            return io.mbp.cli.metrics.BatchMetrics.around(parseResult, CliClock.get(),
                    () -> new CommandLine.RunLast().execute(parseResult));
        });
        return cl.execute(args);
    }

    /**
     * Every command warns when the active operator key is 80 days old or more (signing is refused
     * past 90 without --allow-stale-key: docs/adr/0106): the key file is the command's --keyfile,
     * else $MBP_KEYFILE, else data/keys/operator-keys.json.
     * A missing or unreadable key file says nothing here; the commands that need it report it.
     */
    static void warnIfOperatorKeyIsOld(CommandLine.ParseResult parseResult, PrintWriter err) {
        String file = null;
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.isUsageHelpRequested() || r.isVersionHelpRequested()) {
                return;
            }
            if (r.hasMatchedOption("--keyfile")) {
                java.nio.file.Path given = r.matchedOptionValue("--keyfile", (java.nio.file.Path) null);
                file = given == null ? null : given.toString();
            }
        }
        KeyFileOption.warnIfOld(KeyStore.locate(file, Secrets::env), err, CliClock.get().instant());
    }

    /** Log settings must be in place before Log4j2 starts, i.e. before any logger is asked for. */
    static void configureLogging(String[] args) {
        if (Arrays.asList(args).contains("--verbose")) {
            System.setProperty("mbp.log.console.level", "debug");
            System.setProperty("mbp.log.level", "debug");
        }
        String format = System.getenv("MBP_LOG_FORMAT");
        if (format != null && System.getProperty("mbp.log.format") == null) {
            System.setProperty("mbp.log.format", format);
        }
        String dir = System.getenv("MBP_LOG_DIR");
        if (dir != null && System.getProperty("mbp.log.dir") == null) {
            System.setProperty("mbp.log.dir", dir);
        }
        System.setProperty("java.util.logging.manager", "org.apache.logging.log4j.jul.LogManager");
    }

    /** A stack trace's messages (causes too) may quote a URL with its credentials. */
    private static void printMaskedStackTrace(Throwable ex, PrintWriter to) {
        java.io.StringWriter trace = new java.io.StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        to.print(Urls.mask(trace.toString()));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
