package io.mbp.cli.anchor;

import io.mbp.anchor.AnchorVerifier;
import io.mbp.anchor.ProofBundle;
import io.mbp.anchor.JsonRpcChain;
import io.mbp.cli.GlobalOptions;
import io.mbp.cli.Globals;
import io.mbp.cli.Render;
import io.mbp.custody.NoteVerifierKey;
import io.mbp.error.BadInputException;
import io.mbp.events.FieldException;
import io.mbp.events.JsonLimits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify-anchor", mixinStandardHelpOptions = true,
        description = {"Verify a proof file trusting only a published public key and the chain.",
            "Steps: event hash, inclusion in the checkpoint, checkpoint signature, then the anchor transaction",
            "on chain (docs/verify.md).",
            "Prints the event exactly as hashed; a proof with any member its format (mbp-proof/1) does not",
            "define, or over the JSON input limits, is refused.",
            "Exit 0 verified, 3 a check failed, 4 unreadable, malformed or unknown-format proof or key,",
            "5 chain unreachable."})
public final class VerifyAnchorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    RpcOption rpc;

    @Option(names = "--proof", required = true, paramLabel = "FILE", description = "Proof file from `mbp proof export`.")
    Path proof;

    @Option(names = "--pubkey", required = true, paramLabel = "FILE",
            description = "Verifier key file from `mbp keys export-public` (one key per line).")
    Path pubkey;

    @Option(names = "--min-confirmations", paramLabel = "K", defaultValue = "6",
            description = "Confirmations the anchor needs (default ${DEFAULT-VALUE}).")
    int minConfirmations;

    @Option(names = "--offline", description = "Check everything but the chain (and say so).")
    boolean offline;

    @Override
    public Integer call() {
        GlobalOptions g = Globals.of(spec);
        ProofBundle bundle = ProofBundle.parse(read(proof, "--proof"), proof.toString());
        NoteVerifierKey key = pickKey(read(pubkey, "--pubkey"), bundle.keyId());
        String url = rpc.url();
        AnchorVerifier.Report r = AnchorVerifier.verify(bundle, key, offline, () -> new JsonRpcChain(url), minConfirmations);
        PrintWriter out = spec.commandLine().getOut();
        if (g.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("verified", r.verified());
            m.put("offline", r.offline());
            m.put("chain_checked", r.chainChecked());
            m.put("exit_code", r.exitCode());
            m.put("seq", bundle.seq());
            m.put("tree_size", bundle.treeSize());
            m.put("event", bundle.eventText());
            List<Object> steps = new ArrayList<>();
            for (AnchorVerifier.Step s : r.steps()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("step", s.step());
                sm.put("ok", s.ok());
                sm.put("detail", s.detail());
                steps.add(sm);
            }
            m.put("steps", steps);
            Render.json(out, m);
        } else {
            for (AnchorVerifier.Step s : r.steps()) {
                boolean notChecked = r.offline() && "chain".equals(s.step());
                out.printf("%s %-21s %s%n", notChecked ? "-" : s.ok() ? "✓" : "✗", s.step(), s.detail());
            }
            Map.Entry<String, Integer> shown = displayable(bundle.eventText());
            out.println("event (the exact bytes hashed): " + shown.getKey());
            if (shown.getValue() > 0) {
                out.println("  " + shown.getValue() + " invisible or control character(s) are shown as \\u escapes above;"
                        + " the hashed bytes hold them as characters");
            }
            if (r.verified() && r.offline()) {
                out.println("VERIFIED OFFLINE: event " + bundle.seq() + " is in the signed checkpoint of " + bundle.treeSize()
                        + " events; the chain anchor was NOT checked");
            } else if (r.verified()) {
                out.println("VERIFIED: event " + bundle.seq() + " is in the signed checkpoint of " + bundle.treeSize()
                        + " events, anchored on chain " + bundle.anchor().chainId() + " in block " + bundle.anchor().blockNumber());
            } else {
                AnchorVerifier.Step failed = r.steps().stream().filter(s -> !s.ok() && !"chain".equals(s.step())).findFirst()
                        .orElse(r.steps().get(r.steps().size() - 1));
                out.println("NOT VERIFIED: " + failed.step() + ": " + failed.detail());
            }
            out.flush();
        }
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

    /** The line whose key id the proof names, else the first (whose mismatch the signature step reports). */
    private NoteVerifierKey pickKey(String text, String keyId) {
        List<NoteVerifierKey> keys = new ArrayList<>();
        int line = 0;
        for (String l : text.split("\n")) {
            line++;
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            try {
                keys.add(NoteVerifierKey.parse(l));
            } catch (FieldException e) {
                throw new BadInputException("--pubkey " + pubkey + " line " + line + ": " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new BadInputException("--pubkey " + pubkey + ": no verifier key in the file");
        }
        return keys.stream().filter(k -> k.keyIdHex().equalsIgnoreCase(keyId)).findFirst().orElse(keys.get(0));
    }
}
