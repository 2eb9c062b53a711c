package io.mbp.sql;

/**
 * One versioned schema change. A {@code portable} migration has one script for every engine;
 * otherwise there is one script per engine folder (triggers and functions are not portable).
 */
public record Migration(int version, String description, String script, boolean portable) {

    public String resourcePath(Engine engine) {
        String folder = portable ? "common" : engine.migrationFolder();
        return "db/migration/" + folder + "/" + script;
    }
}
