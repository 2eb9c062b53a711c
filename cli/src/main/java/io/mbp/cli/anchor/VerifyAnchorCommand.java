package io.mbp.cli.anchor;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.anchor.AnchorVerifier;
import io.mbp.anchor.JsonRpcChain;
import io.mbp.anchor.ProofBundle;
import io.mbp.cli.CommandContext;
import io.mbp.cli.TextResult;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.custody.VerifierKeyFile;
import io.mbp.events.JsonLimits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify-anchor", mixinStandardHelpOptions = true,
        description = {"Verify a proof file trusting only a published public key and the chain.",
            "Steps: event hash, inclusion in the checkpoint, checkpoint signature, then the anchor transaction",
            "on chain (docs/verify.md).",
            "Prints the event exactly as hashed; a proof with any member its format (mbp-proof/1) does not",
            "define, or over the JSON input limits, is refused.",
            "--url fetches the proof (the daemon's GET /v2/proofs/{seq}) and checks it the same way.",
            "Exit 0 verified, 3 a check failed, 4 unreadable, malformed or unknown-format proof or key",
            "(or an answer that is not a proof), 5 chain or --url unreachable."})
public final class VerifyAnchorCommand implements Callable<Integer> {
    @Mixin CommandContext ctx;
    @Mixin RpcOption rpc;

    /** Where the proof comes from: a file, or a URL such as the daemon's GET /v2/proofs/{seq}. */
    static final class Source {
        @Option(names = "--proof", required = true, paramLabel = "FILE", description = "Proof file from `mbp proof export`.") Path proof;

        @Option(names = "--url", required = true, paramLabel = "URL",
                description = {"Fetch the proof instead (e.g. http://127.0.0.1:8080/v2/proofs/42): one GET, no redirects,",
                    "5 s to connect, 15 s for the answer, at most the JSON document limit; then checked as a file is."})
        String url;
    }

    @ArgGroup(exclusive = true, multiplicity = "1") Source source;

    @Option(names = "--pubkey", required = true, paramLabel = "FILE",
            description = "Verifier key file from `mbp keys export-public` (one key per line).")
    Path pubkey;

    @Option(names = "--min-confirmations", paramLabel = "K", defaultValue = "6",
            description = "Confirmations the anchor needs (default ${DEFAULT-VALUE}).")
    int minConfirmations;

    @Option(names = "--offline", description = "Check everything but the chain (and say so).") boolean offline;

    /** One verification step, as printed and as JSON. */
    @JsonPropertyOrder(alphabetic = true)
    record StepResult(String step, boolean ok, String detail) {
    }

    /** The verdict on a proof file, with each step. */
    @JsonPropertyOrder(alphabetic = true)
    record Verdict(boolean verified, boolean offline, boolean chainChecked, int exitCode, long seq, long treeSize, String event,
                   List<StepResult> steps, @JsonIgnore String anchoredOn) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            for (StepResult s : steps) {
                boolean notChecked = offline && "chain".equals(s.step());
                out.printf("%s %-21s %s%n", notChecked ? "-" : s.ok() ? "✓" : "✗", s.step(), s.detail());
            }
            Map.Entry<String, Integer> shown = displayable(event);
            out.println("event (the exact bytes hashed): " + shown.getKey());
            if (shown.getValue() > 0) {
                out.println("  " + shown.getValue() + " invisible or control character(s) are shown as \\u escapes above;"
                        + " the hashed bytes hold them as characters");
            }
            if (verified && offline) {
                out.println("VERIFIED OFFLINE: event " + seq + " is in the signed checkpoint of " + treeSize
                        + " events; the chain anchor was NOT checked");
            } else if (verified) {
                out.println("VERIFIED: event " + seq + " is in the signed checkpoint of " + treeSize + " events, anchored on "
                        + anchoredOn);
            } else {
                StepResult failed = steps.stream().filter(s -> !s.ok() && !"chain".equals(s.step())).findFirst()
                        .orElse(steps.get(steps.size() - 1));
                out.println("NOT VERIFIED: " + failed.step() + ": " + failed.detail());
            }
        }
    }

    @Override
    public Integer call() {
        ProofBundle bundle = source.url != null
                ? ProofBundle.parse(ProofFetch.fetch(source.url), "--url " + io.mbp.net.Urls.mask(source.url))
                : ProofBundle.parse(read(source.proof, "--proof"), source.proof.toString());
        NoteVerifierKey key = VerifierKeyFile.pick(VerifierKeyFile.read(pubkey, "--pubkey " + pubkey), bundle.keyId());
        String url = rpc.url();
        AnchorVerifier.Report r = AnchorVerifier.verify(bundle, key, offline, () -> new JsonRpcChain(url), minConfirmations);
        ProofBundle.Anchor a = bundle.anchor();
        ctx.render(new Verdict(r.verified(), r.offline(), r.chainChecked(), r.exitCode(), bundle.seq(), bundle.treeSize(),
                bundle.eventText(), r.steps().stream().map(s -> new StepResult(s.step(), s.ok(), s.detail())).toList(),
                a == null ? null : "chain " + a.chainId() + " in block " + a.blockNumber()));
        return r.exitCode();
    }

    /** The whole file, refused by size before it is read (a proof is one JSON document: docs/event-log.md). */
    private static String read(Path file, String option) {
        return JsonLimits.readText(file, JsonLimits.MAX_DOCUMENT_BYTES, option + " " + file);
    }

    /**
     * The hashed event for a terminal: the exact canonical text, except that characters a terminal
     * would hide or reorder (controls, bidi and other format characters) are written as JSON
     * \\u escapes, which denote the same string, so what is read is what was hashed. Returns the
     * text and how many characters were escaped.
     */
    static Map.Entry<String, Integer> displayable(String canonical) {
        StringBuilder b = new StringBuilder(canonical.length());
        int escaped = 0;
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            int t = Character.getType(c);
            if (t == Character.CONTROL || t == Character.FORMAT || t == Character.LINE_SEPARATOR
                    || t == Character.PARAGRAPH_SEPARATOR || t == Character.PRIVATE_USE || t == Character.UNASSIGNED) {
                b.append(String.format("\\u%04x", (int) c));
                escaped++;
            } else {
                b.append(c);
            }
        }
        return Map.entry(b.toString(), escaped);
    }
}
