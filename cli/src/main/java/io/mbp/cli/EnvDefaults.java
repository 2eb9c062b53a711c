package io.mbp.cli;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Environment variables that stand in for options: MBP_DB for --db. */
final class EnvDefaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec o && "--db".equals(o.longestName())) {
            String env = System.getenv("MBP_DB");
            if (env != null && !env.isBlank()) {
                return env;
            }
        }
        return null;
    }
}
