package io.mbp.cli;

import io.mbp.sql.Migrations;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code mbp --version}: tool version (from the build) and the schema version it migrates to. */
public final class VersionProvider implements IVersionProvider {
    public static String toolVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/mbp-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // fall through to "unknown"
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "mbp " + toolVersion() + " (schema " + Migrations.latestVersion() + ", Java " + Runtime.version() + ")"
        };
    }
}
