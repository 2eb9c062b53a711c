package io.mbp.cli.payout;

import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.error.BadInputException;
import io.mbp.error.UsageException;
import io.mbp.payout.HttpPixRail;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

@Command(name = "statement", mixinStandardHelpOptions = true,
        description = "Fetch the PSP's statement of a date (CSV, camt.053, CNAB 240 or OFX) and write it to a file for `mbp recon d1`.")
public final class PayoutsStatementCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--psp", required = true, paramLabel = "URL") String psp;

    @Option(names = "--date", required = true, paramLabel = "D") LocalDate date;

    @Option(names = "--format", defaultValue = "csv",
            description = "csv, camt053, cnab240, ofx (1.x SGML) or ofx2 (2.x XML) (default ${DEFAULT-VALUE}).") String format;

    @Option(names = "--out", required = true, paramLabel = "FILE") Path outFile;

    static final List<String> FORMATS = List.of("csv", "camt053", "cnab240", "ofx", "ofx2");

    record Result(String format, String date, int bytes, String file) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("wrote " + format + " statement of " + date + " (" + bytes + " bytes) to " + file);
        }
    }

    @Override
    public Integer call() {
        if (!FORMATS.contains(format)) {
            throw new UsageException("--format must be one of " + String.join(", ", FORMATS) + ", got " + format);
        }
        byte[] data = new HttpPixRail(psp, Duration.ofSeconds(30)).statement(date, format);
        try {
            if (outFile.toAbsolutePath().getParent() != null) {
                Files.createDirectories(outFile.toAbsolutePath().getParent());
            }
            Path tmp = Files.createTempFile(outFile.toAbsolutePath().getParent(), ".stmt", ".tmp");
            Files.write(tmp, data);
            Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + outFile + ": " + e.getMessage());
        }
        return ctx.render(new Result(format, date.toString(), data.length, outFile.toString()));
    }
}
