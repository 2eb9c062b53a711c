package io.mbp.cli.dora;

import io.mbp.dora.Deployment;
import io.mbp.error.ExitCodes;
import io.mbp.error.MbpException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Deployments read from a git repository with the {@code git} command: release tags matching a
 * pattern when there are any (a release is a deployment; its changes are the commits since the
 * previous release), else the merges on the first-parent line of HEAD (each merge into main ships
 * the commits of its branch). Commit instants are author dates: when the change was written.
 */
final class GitHistory {
    private final Path repo;

    GitHistory(Path repo) {
        this.repo = repo;
    }

    record Found(String source, List<Deployment> deployments) {
    }

    Found deployments(String tagPattern) {
        List<String> tags = lines("tag", "--list", tagPattern, "--sort=creatordate", "--format=%(refname:short)");
        if (!tags.isEmpty()) {
            List<Deployment> out = new ArrayList<>();
            String previous = null;
            for (String tag : tags) {
                Instant at = instant(lines("log", "-1", "--format=%cI", tag + "^{commit}").get(0));
                List<Instant> changes = authorDates(previous == null ? tag : previous + ".." + tag);
                out.add(new Deployment(tag, at, changes));
                previous = tag;
            }
            return new Found("release tags " + tagPattern, out);
        }
        List<Deployment> out = new ArrayList<>();
        for (String line : lines("log", "--first-parent", "--merges", "--format=%H %cI %P", "HEAD")) {
            String[] f = line.split(" ");
            if (f.length < 4) {
                continue;
            }
            out.add(new Deployment(f[0], instant(f[1]), authorDates(f[2] + ".." + f[3])));
        }
        return new Found("merges into the first-parent line of HEAD (no release tags " + tagPattern + ")", out);
    }

    private List<Instant> authorDates(String range) {
        return lines("log", "--format=%aI", range).stream().map(GitHistory::instant).toList();
    }

    private static Instant instant(String iso) {
        return OffsetDateTime.parse(iso.strip()).toInstant();
    }

    private List<String> lines(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new MbpException(ExitCodes.BAD_INPUT, repo + ": git " + String.join(" ", args) + " failed: " + err).about("repo");
            }
            return new String(out, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new MbpException(ExitCodes.UNREACHABLE, "cannot run git: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MbpException(ExitCodes.UNEXPECTED, "interrupted while reading git history", e);
        }
    }
}
