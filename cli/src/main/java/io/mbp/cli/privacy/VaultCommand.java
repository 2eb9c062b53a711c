package io.mbp.cli.privacy;

import io.mbp.cli.CommandContext;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that works with the vault: the command's context and the vault options ({@code --kek-file}, {@code --as}, {@code --now}). */
public abstract class VaultCommand implements Callable<Integer> {
    @Mixin protected CommandContext ctx;
    @Mixin protected VaultOptions vault;

    /** The command's clock, at {@code --now} when given. */
    protected Clock clock() {
        return vault.clock(ctx.clock());
    }
}
