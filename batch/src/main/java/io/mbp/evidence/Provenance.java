package io.mbp.evidence;

import io.mbp.release.ReleaseFiles;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The release's in-toto Statement v1 with a SLSA provenance v1 predicate: its subjects are the
 * release's files (artifacts, SBOM, parameter set) with their SHA-256; the build definition names the
 * version and the git commit as the resolved source. Signed separately in a DSSE envelope of type
 * {@code application/vnd.in-toto+json}, so in-toto and SLSA tooling read it as they read any other.
 */
public final class Provenance {
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";

    private Provenance() {
    }

    static byte[] statement(ReleaseCutter.Request r, List<ReleaseFiles.Entry> subjects, Instant now) {
        ObjectNode st = ReleaseCutter.JSON.createObjectNode();
        st.put("_type", STATEMENT_TYPE);
        ArrayNode subject = st.putArray("subject");
        for (ReleaseFiles.Entry e : subjects) {
            ObjectNode s = subject.addObject();
            s.put("name", e.path());
            s.putObject("digest").put("sha256", e.sha256());
        }
        st.put("predicateType", PREDICATE_TYPE);
        ObjectNode pred = st.putObject("predicate");
        ObjectNode def = pred.putObject("buildDefinition");
        def.put("buildType", ReleaseCutter.BUILD_TYPE);
        ObjectNode ext = def.putObject("externalParameters");
        ext.put("version", r.version());
        ext.put("source", "git+commit:" + r.commit());
        def.putObject("internalParameters").put("tool_version", r.toolVersion());
        ObjectNode src = def.putArray("resolvedDependencies").addObject();
        src.put("uri", "git+commit:" + r.commit());
        src.putObject("digest").put("gitCommit", r.commit());
        ObjectNode run = pred.putObject("runDetails");
        run.putObject("builder").put("id", ReleaseCutter.BUILDER_ID);
        ObjectNode meta = run.putObject("metadata");
        meta.put("invocationId", "release-" + r.version());
        meta.put("startedOn", now.toString());
        meta.put("finishedOn", now.toString());
        return (st.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
