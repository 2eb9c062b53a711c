package io.mbp.cli.payout;

import io.mbp.error.BadInputException;
import io.mbp.error.UsageException;
import io.mbp.payout.HttpPixRail;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "statement", mixinStandardHelpOptions = true,
        description = "Fetch the PSP's statement of a date (CSV or camt.053) and write it to a file for `mbp recon d1`.")
public final class PayoutsStatementCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--psp", required = true, paramLabel = "URL")
    String psp;

    @Option(names = "--date", required = true, paramLabel = "D")
    LocalDate date;

    @Option(names = "--format", defaultValue = "csv", description = "csv or camt053 (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path outFile;

    @Override
    public Integer call() {
        if (!"csv".equals(format) && !"camt053".equals(format)) {
            throw new UsageException("--format must be csv or camt053, got " + format);
        }
        byte[] data = new HttpPixRail(psp, Duration.ofSeconds(30)).statement(date, format);
        try {
            if (outFile.toAbsolutePath().getParent() != null) {
                Files.createDirectories(outFile.toAbsolutePath().getParent());
            }
            Path tmp = Files.createTempFile(outFile.toAbsolutePath().getParent(), ".stmt", ".tmp");
            Files.write(tmp, data);
            Files.move(tmp, outFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + outFile + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + format + " statement of " + date + " (" + data.length + " bytes) to " + outFile);
        out.flush();
        return 0;
    }
}
