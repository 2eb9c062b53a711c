package io.mbp.cli.anchor;

import io.mbp.cli.custody.Secrets;
import picocli.CommandLine.Option;

/** {@code --rpc}: the chain's JSON-RPC URL. */
public final class RpcOption {
    @Option(names = "--rpc", paramLabel = "URL",
            description = "Chain JSON-RPC URL (default: $MBP_RPC, else http://127.0.0.1:$MBP_DEVCHAIN_PORT or :8545).")
    String rpc;

    public String url() {
        if (rpc != null) {
            return rpc;
        }
        String env = Secrets.env("MBP_RPC");
        if (env != null && !env.isBlank()) {
            return env;
        }
        String port = Secrets.env("MBP_DEVCHAIN_PORT");
        return "http://127.0.0.1:" + (port == null || port.isBlank() ? "8545" : port);
    }
}
