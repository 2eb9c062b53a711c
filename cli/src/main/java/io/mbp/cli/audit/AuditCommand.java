package io.mbp.cli.audit;

import picocli.CommandLine.Command;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Workpapers for the auditors of roadmap §3.2 (docs/audit.md).",
        subcommands = {AuditCustodyCommand.class})
public final class AuditCommand {
}
