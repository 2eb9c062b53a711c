package io.mbp.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 19, defect 8 (oracle files): reports, sources and committee CSVs refuse a header ending in a
 * comma, repeated and unknown columns as bad input (exit 4) naming the file and line, like the
 * statement reader; all three readers and the event definitions refuse bytes that are not UTF-8.
 */
class OracleFilesHardeningTest {
    @TempDir
    Path tmp;

    Path file(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    static String refused(Executable e) {
        return assertThrows(BadInputException.class, e).getMessage();
    }

    @Test
    void reportsHeaderEndingInACommaRepeatedOrUnknownColumnIsBadInput() throws Exception {
        String row = "a,fx,2026-11-27T10:00:00Z,5.30\n";
        Path f = file("r.csv", "source,event,observed_at,value,\n" + row);
        String m = refused(() -> ReportFiles.read(f));
        assertTrue(m.startsWith("r.csv: line 1: ") && m.contains("column 5 has no name (a trailing comma?)"), m);
        Path dup = file("d.csv", "source,event,observed_at,value,value\n" + row);
        m = refused(() -> ReportFiles.read(dup));
        assertTrue(m.startsWith("d.csv: line 1: ") && m.contains("column value appears twice"), m);
        Path unknown = file("u.csv", "source,event,observed_at,value,note\n" + row);
        m = refused(() -> ReportFiles.read(unknown));
        assertTrue(m.startsWith("u.csv: line 1: ") && m.contains("unknown column note"), m);
    }

    @Test
    void reportsWithBrokenQuotingAreBadInputNamedByLine() throws Exception {
        Path f = file("q.csv", "source,event,observed_at,value\na,fx,2026-11-27T10:00:00Z,5.30\na,fx,\"2026,5.31\n");
        assertTrue(refused(() -> ReportFiles.read(f)).startsWith("q.csv: line 3: "));
    }

    @Test
    void reportsThatAreNotUtf8AreRefusedNamingTheLineInBothLayouts() throws Exception {
        for (String name : new String[] {"r.csv", "r.ndjson"}) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes((name.endsWith(".csv") ? "source,event,observed_at,value\na,fx,2026-11-27T10:00:00Z,5.30\nS"
                    : "{\"source\":\"a\",\"event\":\"fx\",\"observed_at\":\"2026-11-27T10:00:00Z\",\"value\":\"5.30\"}\n{\"source\":\"S")
                    .getBytes(StandardCharsets.UTF_8));
            b.write(0xE3); // 'ã' in latin-1
            b.writeBytes("o Paulo\n".getBytes(StandardCharsets.UTF_8));
            Path f = tmp.resolve(name);
            Files.write(f, b.toByteArray());
            String m = refused(() -> ReportFiles.read(f));
            assertTrue(m.startsWith(name + ": line " + (name.endsWith(".csv") ? 3 : 2) + ": not valid UTF-8 (byte 0xE3"), m);
        }
    }

    @Test
    void registryFilesRefuseAHeaderEndingInACommaRepeatedOrUnknownColumns() throws Exception {
        Path s = file("sources.csv", "id,name,weight_bps,\nbcb,BCB,5000\n");
        String m = refused(() -> RegistryFiles.sources(s));
        assertTrue(m.startsWith(s + ": line 1: ") && m.contains("column 4 has no name (a trailing comma?)"), m);
        Path c = file("committee.csv", "id,name,id\nana,Ana,x\n");
        m = refused(() -> RegistryFiles.committee(c));
        assertTrue(m.startsWith(c + ": line 1: ") && m.contains("column id appears twice"), m);
        Path u = file("committee2.csv", "id,name,email\nana,Ana,a@x\n");
        m = refused(() -> RegistryFiles.committee(u));
        assertTrue(m.contains("unknown column email"), m);
        Path ok = file("sources2.csv", "\nweight_bps,id,name\n\n5000,bcb,BCB\n");
        assertEquals(5000, RegistryFiles.sources(ok).get(0).weightBps());
        Path bad = file("sources3.csv", "id,name,weight_bps\nbcb,BCB,5000\nx,X,lots\n");
        assertTrue(refused(() -> RegistryFiles.sources(bad)).startsWith(bad + ": line 3: field weight_bps"));
    }

    @Test
    void registryFilesThatAreNotUtf8AreRefusedNamingTheLine() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("id,name\nana,Ana\njose,Jos".getBytes(StandardCharsets.UTF_8));
        b.write(0xE9);
        b.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        Path f = tmp.resolve("committee.csv");
        Files.write(f, b.toByteArray());
        assertTrue(refused(() -> RegistryFiles.committee(f)).startsWith(f + ": line 3: not valid UTF-8 (byte 0xE9"));
    }

    @Test
    void eventDefinitionsThatAreNotUtf8AreRefusedNamingTheLine() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("[\n  {\"id\": \"e1\", \"kind\": \"numeric\", \"title\": \"Cota".getBytes(StandardCharsets.UTF_8));
        b.write(0xE7); // 'ç' in latin-1
        b.writeBytes("\u00e3o\"}\n]\n".getBytes(StandardCharsets.UTF_8));
        Path f = tmp.resolve("events.json");
        Files.write(f, b.toByteArray());
        assertTrue(refused(() -> EventFiles.read(f)).startsWith(f + ": line 2: not valid UTF-8 (byte 0xE7"));
    }
}
