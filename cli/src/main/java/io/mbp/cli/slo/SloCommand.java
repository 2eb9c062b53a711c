package io.mbp.cli.slo;

import picocli.CommandLine.Command;

@Command(name = "slo", mixinStandardHelpOptions = true,
        description = "Service level objectives: rules for Prometheus from specs/slo, and the SLI/error-budget report (docs/slo.md).",
        subcommands = {SloRulesCommand.class, SloReportCommand.class, SloWatchCommand.class})
public final class SloCommand {
}
