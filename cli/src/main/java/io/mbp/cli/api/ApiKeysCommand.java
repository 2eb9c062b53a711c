package io.mbp.cli.api;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mbp.apiclient.ApiClients;
import io.mbp.apiclient.ApiKey;
import io.mbp.apiclient.ApiKeyService;
import io.mbp.apiclient.Scope;
import io.mbp.cli.TextResult;
import io.mbp.cli.privacy.VaultCommand;
import io.mbp.error.BadInputException;
import io.mbp.error.UsageException;
import io.mbp.sql.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "api-keys", mixinStandardHelpOptions = true,
        description = {"API clients and their keys (docs/api-auth.md, ADR 0311, 0312): create a key (its secret is shown once,",
            "kept only wrapped under the vault key), list (never a secret), rotate with an overlap, revoke, bind an account",
            "to a client. Each action is a log event. Needs the vault: $MBP_VAULT_PASSPHRASE and --kek-file or $MBP_KEK_FILE."},
        subcommands = {ApiKeysCommand.Create.class, ApiKeysCommand.ListKeys.class, ApiKeysCommand.Rotate.class,
            ApiKeysCommand.Revoke.class, ApiKeysCommand.Bind.class})
public final class ApiKeysCommand {
    private ApiKeysCommand() {
    }

    /** A key as issued; {@code secret} is null when it went to --secret-out instead. */
    record IssuedView(String keyId, String client, String scopes, String secret, String secretFile, String replaces,
                      String replacedValidUntil) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println("key_id: " + keyId);
            out.println("client: " + client);
            out.println("scopes: " + scopes);
            if (secret != null) {
                out.println("secret: " + secret);
                out.println("(the secret is shown this once: store it now; it signs requests, docs/api-auth.md)");
            } else {
                out.println("secret: written to " + secretFile + " (mode 600)");
            }
            if (replaces != null) {
                out.println("replaces " + replaces + ", which verifies until " + replacedValidUntil);
            }
            out.flush();
        }
    }

    record KeyView(String keyId, String client, String scopes, String status, String createdAt, String validUntil) {
    }

    record ListView(List<KeyView> keys, Map<String, String> accounts) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            String row = "%-22s %-20s %-17s %-9s %-21s %s%n";
            out.printf(row, "KEY", "CLIENT", "SCOPES", "STATUS", "CREATED", "VALID UNTIL");
            for (KeyView k : keys) {
                out.printf(row, k.keyId(), k.client(), k.scopes(), k.status(), k.createdAt(), k.validUntil() == null ? "-" : k.validUntil());
            }
            out.println(accounts.size() + " account(s) bound" + (accounts.isEmpty() ? "" : ":"));
            accounts.forEach((a, c) -> out.println("  " + a + " -> " + c));
            out.flush();
        }
    }

    record Done(@JsonValue String message) implements TextResult {
        @Override
        public void printText(PrintWriter out) {
            out.println(message);
            out.flush();
        }
    }

    abstract static class Base extends VaultCommand {
        ApiKeyService service(Database db) {
            return new ApiKeyService(db, vault.vault(clock()), clock());
        }

        /** The issued key, its secret printed or written to {@code secretOut} (0600, refused if it exists). */
        IssuedView issued(ApiKeyService.Issued k, Path secretOut, String replaces, String until) {
            if (secretOut == null) {
                return new IssuedView(k.keyId(), k.client(), Scope.text(k.scopes()), k.secret(), null, replaces, until);
            }
            try {
                Files.createDirectories(secretOut.toAbsolutePath().getParent());
                Files.writeString(secretOut, k.secret(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try {
                    Files.setPosixFilePermissions(secretOut, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's permissions protect it
                }
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new BadInputException("--secret-out " + secretOut + " exists; the key " + k.keyId()
                        + " was created, revoke it (`mbp api-keys revoke --key " + k.keyId() + "`) and choose a new file");
            } catch (IOException e) {
                throw new BadInputException("--secret-out " + secretOut + ": " + e.getMessage() + "; the key " + k.keyId()
                        + " was created, revoke it and choose a writable file");
            }
            return new IssuedView(k.keyId(), k.client(), Scope.text(k.scopes()), null, secretOut.toString(), replaces, until);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key for a client (registered on its first key).")
    static final class Create extends Base {
        @Option(names = "--client", required = true, paramLabel = "CLIENT") String client;
        @Option(names = "--scopes", required = true, paramLabel = "LIST", description = "Comma-separated: read, trade, admin (operator only).")
        String scopes;
        @Option(names = "--secret-out", paramLabel = "FILE", description = "Write the secret to this new file (mode 600) instead of stdout.")
        Path secretOut;

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                return ctx.render(issued(service(db).create(client, Scope.parseList("--scopes", scopes), vault.actor()), secretOut, null, null));
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Keys (never their secrets) and bound accounts.")
    static final class ListKeys extends Base {
        @Option(names = "--client", paramLabel = "CLIENT", description = "Only this client's keys and accounts.") String client;

        @Override
        public Integer call() {
            Instant now = clock().instant();
            ApiClients all;
            try (Database db = ctx.database()) {
                all = ApiKeyService.clientsIn(db);
            }
            List<KeyView> keys = all.keys().stream().filter(k -> client == null || client.equals(k.client()))
                    .map(k -> view(k, now)).toList();
            Map<String, String> accounts = new TreeMap<>(all.bindings());
            accounts.values().removeIf(c -> client != null && !client.equals(c));
            return ctx.render(new ListView(keys, accounts));
        }

        private static KeyView view(ApiKey k, Instant now) {
            return new KeyView(k.keyId(), k.client(), Scope.text(k.scopes()), k.status(now), k.createdAt().toString(),
                    k.validUntil() == null ? null : k.validUntil().toString());
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "A new key with the same client and scopes; the old one keeps verifying for --overlap.")
    static final class Rotate extends Base {
        @Option(names = "--key", required = true, paramLabel = "KEY_ID") String key;
        @Option(names = "--overlap", defaultValue = "PT24H", paramLabel = "DURATION",
                description = "How long both keys verify (ISO-8601, default ${DEFAULT-VALUE}; PT0S ends the old key now).")
        String overlap;
        @Option(names = "--secret-out", paramLabel = "FILE", description = "Write the new secret to this new file (mode 600).")
        Path secretOut;

        @Override
        public Integer call() {
            Duration d;
            try {
                d = Duration.parse(overlap);
            } catch (DateTimeParseException e) {
                throw new UsageException("--overlap must be an ISO-8601 duration such as PT24H or PT0S, got \"" + overlap + "\"");
            }
            try (Database db = ctx.database()) {
                ApiKeyService.Issued k = service(db).rotate(key, d, vault.actor());
                return ctx.render(issued(k, secretOut, key, clock().instant().plus(d).toString()));
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key now; its wrapped secret is destroyed.")
    static final class Revoke extends Base {
        @Option(names = "--key", required = true, paramLabel = "KEY_ID") String key;

        @Override
        public Integer call() {
            try (Database db = ctx.database()) {
                service(db).revoke(key, vault.actor());
            }
            return ctx.render(new Done("revoked " + key + " (a running daemon refuses it within a second)"));
        }
    }

    @Command(name = "bind", mixinStandardHelpOptions = true,
            description = "Bind an account (e.g. one made by the CLI) to a client: its read and trade keys then act for it.")
    static final class Bind extends Base {
        @Option(names = "--client", required = true, paramLabel = "CLIENT") String client;
        @Option(names = "--account", required = true, paramLabel = "ACCOUNT") String account;

        @Override
        public Integer call() {
            boolean done;
            try (Database db = ctx.database()) {
                done = service(db).bind(client, account, vault.actor());
            }
            return ctx.render(new Done(done ? "bound " + account + " to " + client : account + " was bound to " + client + " already"));
        }
    }
}
