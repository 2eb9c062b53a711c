package io.mbp.cli.slo;

import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.error.InfrastructureException;
import io.mbp.slo.SloSpecs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Generate Prometheus recording rules, multiwindow multi-burn-rate alerts (page, ticket) and the domain",
            "watcher alerts from the SLO specs (docs/slo.md). The committed copy is scripts/prometheus/; check it with",
            "scripts/prometheus/check (promtool check rules + promtool test rules). Exit 4 on a bad spec."})
public final class SloRulesCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;

    @Option(names = "--specs", defaultValue = "specs/slo", paramLabel = "DIR", description = "SLO specs (default ${DEFAULT-VALUE}).")
    Path specs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the rule files into.") Path out;

    record Written(List<String> files, int objectives, int watchers) implements TextResult {
        @Override
        public void printText(PrintWriter w) {
            w.println("wrote " + String.join(", ", files) + " (" + objectives + " objectives, " + watchers + " watcher alerts)");
        }
    }

    @Override
    public Integer call() {
        SloSpecs.Loaded l = SloSpecs.load(specs);
        Map<String, String> files = RuleGenerator.generate(l);
        try {
            Files.createDirectories(out);
            for (Map.Entry<String, String> f : files.entrySet()) {
                // written beside and moved over: Prometheus reloading mid-write never reads half a file
                Path tmp = Files.createTempFile(out, "." + f.getKey(), ".tmp");
                Files.writeString(tmp, f.getValue(), StandardCharsets.UTF_8);
                Files.move(tmp, out.resolve(f.getKey()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new InfrastructureException("cannot write the rules into " + out + ": " + e.getMessage(), e);
        }
        return ctx.render(new Written(files.keySet().stream().map(n -> out.resolve(n).toString()).toList(), l.slos().size(),
                l.watchers().size()));
    }
}
