package io.mbp.cli.db;

import picocli.CommandLine.Command;

@Command(name = "db", mixinStandardHelpOptions = true, description = "Manage the database.",
        subcommands = {MigrateCommand.class})
public final class DbCommand {
}
