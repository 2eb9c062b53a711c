package io.mbp.screening;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Pure matching of one {@link Query} against a {@link ScreeningIndex} (ADR 0710): block on phonetic
 * keys, score each candidate name by a symmetric token-set similarity whose token similarity is the
 * best of Jaro-Winkler, equal Double Metaphone codes and initials, then move the entity's best name
 * score by the qualifiers (birth date, country, documents, entity type). No I/O, no clock.
 */
public final class Screener {
    /** The default threshold: the evaluation in docs/benchmarks.md and ADR 0710 say why. */
    public static final BigDecimal DEFAULT_THRESHOLD = new BigDecimal("0.88");
    static final int MAX_HITS = 50;
    static final int MAX_QUERY_TOKENS = 8;
    /** A name hit by only one query token is scored when that token is this rare (two-token queries with a typo). */
    static final int RARE_KEY = 256;
    static final double INITIAL = 0.9;
    static final double SOUND = 0.92;
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();

    private final ScreeningIndex index;
    private final ThreadLocal<Scratch> scratch;

    public Screener(ScreeningIndex index) {
        this.index = index;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(index.nameCount(), index.tokens.length));
    }

    public ScreeningIndex index() {
        return index;
    }

    /** The hits of {@code q} at or above {@code threshold}, best first (at most 50). */
    public ScreeningResult screen(Query q, BigDecimal threshold) {
        List<String> qt = NameNormalizer.tokens(q.name());
        if (qt.isEmpty()) {
            throw new io.mbp.error.BadInputException("the name to screen has no letters or digits left after normalisation");
        }
        if (qt.size() > MAX_QUERY_TOKENS) {
            qt = qt.subList(0, MAX_QUERY_TOKENS);
        }
        String[] q1 = qt.toArray(String[]::new);
        Scratch s = scratch.get();
        s.begin(q1);
        int[] candidates = block(q1, s);
        List<Scored> scored = new ArrayList<>();
        // What the qualifiers of this query can add at most: names below threshold minus that never hit.
        double boost = (q.birthDate() != null ? 0.05 : 0) + (q.country() != null ? 0.02 : 0) + (q.documents().isEmpty() ? 0 : 0.10);
        double floor = threshold.doubleValue() - boost - 0.00005;
        for (int name : candidates) {
            double sim = nameScore(q1, index.nameTokens[name], s);
            if (sim >= floor) {
                scored.add(new Scored(name, sim));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::sim).reversed());
        List<Hit> hits = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Scored c : scored) {
            int e = index.nameEntity[c.name];
            if (!seen.add(e)) {
                continue; // an entity's best-scoring name speaks for it
            }
            // scores first, words only for hits: explaining every candidate would cost more than scoring it
            if (rounded(c.sim + adjust(q, index.entities[e], null)).compareTo(threshold) >= 0) {
                hits.add(qualify(q, q1, c, e, s));
            }
        }
        hits.sort(Comparator.comparing(Hit::score).reversed().thenComparing(Hit::list).thenComparing(Hit::entityId));
        return new ScreeningResult(threshold, index.versions, hits.size() > MAX_HITS ? hits.subList(0, MAX_HITS) : hits);
    }

    private record Scored(int name, double sim) {
    }

    private int[] block(String[] q, Scratch s) {
        int strong = 0;
        for (String t : q) {
            if (t.length() > 1) {
                strong++;
            }
        }
        int need = strong >= 2 ? 2 : 1;
        boolean rareEnough = strong <= 2;
        ScreeningIndex.IntList touched = new ScreeningIndex.IntList();
        for (String t : q) {
            if (t.length() < 2) {
                continue; // an initial blocks nothing: it sounds like half the list
            }
            s.token++;
            for (String sound : ScreeningIndex.sounds(t)) {
                Integer k = index.keyIds.get(sound);
                if (k == null) {
                    continue;
                }
                int[] post = index.postings[k];
                if (post.length > ScreeningIndex.COMMON_KEY && strong > 1) {
                    continue;
                }
                boolean rare = post.length <= RARE_KEY;
                for (int n : post) {
                    if (s.mark[n] == s.token) {
                        continue;
                    }
                    s.mark[n] = s.token;
                    if (s.count[n] == 0) {
                        touched.add(n);
                    }
                    s.count[n]++;
                    if (rare) {
                        s.rare[n] = true;
                    }
                }
            }
        }
        int[] all = touched.toArray();
        int kept = 0;
        for (int n : all) {
            if (s.count[n] >= need || (rareEnough && s.rare[n])) {
                all[kept++] = n;
            }
            s.count[n] = 0;
            s.rare[n] = false;
        }
        return Arrays.copyOf(all, kept);
    }

    /** Symmetric token-set similarity: each side's tokens matched to their best counterpart, averaged, both ways. */
    private double nameScore(String[] q, int[] c, Scratch s) {
        double qSide = 0;
        double[] cBest = s.cBest(c.length);
        for (int i = 0; i < q.length; i++) {
            double best = 0;
            for (int j = 0; j < c.length; j++) {
                double v = s.sim(i, q[i], c[j], index);
                best = Math.max(best, v);
                cBest[j] = Math.max(cBest[j], v);
            }
            qSide += best;
        }
        double cSide = 0;
        for (int j = 0; j < c.length; j++) {
            cSide += cBest[j];
        }
        return (qSide / q.length + cSide / c.length) / 2;
    }

    /** Equal: 1; an initial and a token it starts: 0.9; else Jaro-Winkler, raised to 0.92 when the primary sounds agree. */
    static double tokenSim(String a, String soundA, String b, String soundB) {
        if (a.equals(b)) {
            return 1.0;
        }
        if (a.length() == 1 || b.length() == 1) {
            return a.charAt(0) == b.charAt(0) ? INITIAL : 0.0;
        }
        double jw = JW.apply(a, b);
        if (jw < SOUND && a.length() > 2 && b.length() > 2 && soundA.equals(soundB)) {
            return SOUND;
        }
        return jw;
    }

    private Hit qualify(Query q, String[] qTokens, Scored c, int e, Scratch s) {
        ListEntity ent = index.entities[e];
        List<String> reasons = new ArrayList<>();
        String alias = index.nameAlias[c.name];
        reasons.add(String.format(Locale.ROOT, "name %.2f against %s (%s)", c.sim, alias == null ? "the primary name" : "an alias",
                explain(qTokens, index.nameTokens[c.name], s)));
        double score = c.sim + adjust(q, ent, reasons);
        return new Hit(index.entityList[e], ent.entityId(), ent.name(), alias, rounded(score), reasons);
    }

    private static BigDecimal rounded(double score) {
        return BigDecimal.valueOf(Math.max(0, Math.min(1, score))).setScale(4, RoundingMode.HALF_EVEN);
    }

    /** What the qualifiers add to a name score; says why in {@code reasons} unless it is null. */
    private static double adjust(Query q, ListEntity ent, List<String> reasons) {
        java.util.function.Consumer<String> why = reasons == null ? x -> { } : reasons::add;
        double score = 0;
        if (q.birthDate() != null && !ent.birthDates().isEmpty()) {
            String full = q.birthDate().toString();
            int year = q.birthDate().getYear();
            if (ent.birthDates().contains(full)) {
                score += 0.05;
                why.accept("birth date matches (+0.05)");
            } else if (ent.birthDates().stream().anyMatch(d -> d.startsWith(Integer.toString(year)))) {
                score += 0.02;
                why.accept("birth year matches (+0.02)");
            } else if (ent.birthDates().stream().noneMatch(d -> Math.abs(Integer.parseInt(d.substring(0, 4)) - year) <= 1)) {
                score -= 0.15;
                why.accept("birth year differs by more than a year (-0.15)");
            }
        }
        if (q.country() != null && !ent.countries().isEmpty()) {
            if (ent.countries().contains(q.country())) {
                score += 0.02;
                why.accept("country " + q.country() + " matches (+0.02)");
            } else {
                score -= 0.05;
                why.accept("country " + q.country() + " is not among " + String.join(",", ent.countries()) + " (-0.05)");
            }
        }
        if (!q.documents().isEmpty() && !ent.documents().isEmpty()) {
            List<String> mine = ent.documents().stream().map(Screener::doc).toList();
            if (q.documents().stream().map(Screener::doc).anyMatch(mine::contains)) {
                score += 0.10;
                why.accept("a document number matches (+0.10)");
            }
        }
        if (q.type() != null && q.type() != ent.type()) {
            score -= 0.10;
            why.accept("listed as " + ent.type().code() + ", asked about a " + q.type().code() + " (-0.10)");
        }
        if (ent.topics().contains("role.pep")) {
            why.accept("politically exposed person (topic role.pep)");
        }
        return score;
    }

    private String explain(String[] q, int[] c, Scratch s) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < q.length; i++) {
            int best = -1;
            double v = -1;
            for (int t : c) {
                double x = tokenSim(q[i], s.qSounds[i], index.tokens[t], index.tokenSound[t]);
                if (x > v) {
                    v = x;
                    best = t;
                }
            }
            String ct = index.tokens[best];
            String how;
            if (q[i].equals(ct)) {
                how = "equal";
            } else if (q[i].length() == 1 || ct.length() == 1) {
                how = v > 0 ? "initial" : "unmatched";
            } else if (v == SOUND) {
                how = "sounds alike (Double Metaphone)";
            } else {
                how = String.format(Locale.ROOT, "Jaro-Winkler %.2f", v);
            }
            parts.add("token " + (i + 1) + " " + how);
        }
        return String.join(", ", parts);
    }

    private static String doc(String d) {
        return d.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }

    /** Per-thread working memory: counters per name, and token similarities cached per query token. */
    private static final class Scratch {
        final int[] count;
        final int[] mark;
        final boolean[] rare;
        final float[][] sims;
        final int[][] simStamp;
        int token;
        int stamp;
        String[] qSounds;
        double[] cBest = new double[8];

        Scratch(int names, int tokens) {
            count = new int[names];
            mark = new int[names];
            rare = new boolean[names];
            sims = new float[MAX_QUERY_TOKENS][tokens];
            simStamp = new int[MAX_QUERY_TOKENS][tokens];
        }

        void begin(String[] q) {
            stamp++;
            qSounds = new String[q.length];
            for (int i = 0; i < q.length; i++) {
                qSounds[i] = ScreeningIndex.sounds(q[i])[0];
            }
        }

        double[] cBest(int n) {
            if (cBest.length < n) {
                cBest = new double[n];
            }
            Arrays.fill(cBest, 0, n, 0);
            return cBest;
        }

        double sim(int i, String q, int tokenId, ScreeningIndex idx) {
            if (simStamp[i][tokenId] == stamp) {
                return sims[i][tokenId];
            }
            float v = (float) tokenSim(q, qSounds[i], idx.tokens[tokenId], idx.tokenSound[tokenId]);
            sims[i][tokenId] = v;
            simStamp[i][tokenId] = stamp;
            return v;
        }
    }
}
