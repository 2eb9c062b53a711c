package io.mbp.oracle;

import java.util.List;

/** What an operator (or a job) asks the oracle to do; {@link OracleEngine#decide} answers with events. */
public sealed interface OracleCommand {
    record RegisterEvent(OracleEventRegistered registration, String input) implements OracleCommand {
    }

    record RegisterSource(SourceRegistered registration) implements OracleCommand {
    }

    record SuspendSource(String source, String reason) implements OracleCommand {
    }

    record AddCommitteeMember(CommitteeMemberAdded member) implements OracleCommand {
    }

    /** Reports read from a file; {@code problem} is set when the line itself could not be read. */
    record RawReport(String input, String source, String event, String observedAt, String value, String problem) {
    }

    record Ingest(List<RawReport> reports) implements OracleCommand {
    }

    /** One round at the clock's instant for the named events, or every open event when empty. */
    record Aggregate(List<String> events) implements OracleCommand {
    }

    /** Finalizes what is due at the clock's instant: elapsed liveness, missed deadlines. */
    record Finalize() implements OracleCommand {
    }

    record OpenDispute(String event, String by, String reason) implements OracleCommand {
    }

    /** A committee answer: exactly one of {@code value}, {@code outcome} or {@code invalid}. */
    record ResolveDispute(String event, String value, String outcome, boolean invalid, List<String> signers)
            implements OracleCommand {
    }
}
