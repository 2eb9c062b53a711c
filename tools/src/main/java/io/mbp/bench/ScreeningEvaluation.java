package io.mbp.bench;

import io.mbp.screening.EntityType;
import io.mbp.screening.Hit;
import io.mbp.screening.ListEntity;
import io.mbp.screening.NameNormalizer;
import io.mbp.screening.Query;
import io.mbp.screening.ScreeningResult;
import io.mbp.screening.Screener;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The labelled evaluation set (ADR 0710), generated from a seed: for listed persons, one query per
 * variant a real customer record shows (accents dropped, tokens swapped, one typo, two typos, a first
 * name as an initial, a middle or second surname left out, another romanisation, upper case and punctuation), each labelled with its entity; and
 * look-alike negatives (one token replaced by another of the same initial, or a fresh name built from
 * the same pools), labelled with none. Recall: positives whose entity is among the hits. Precision:
 * hits that are a query's labelled entity, over all hits.
 */
public final class ScreeningEvaluation {
    /** One query and the entity it must find (null: it must find nothing). */
    public record Labelled(String variant, String name, String entityId) {
    }

    /** Recall and precision at one threshold, overall and per variant (recall for positives, hits for negatives). */
    public record Quality(BigDecimal threshold, int positives, int negatives, int found, int hits, int correctHits,
                          double recall, double precision, Map<String, Double> recallByVariant,
                          Map<String, Integer> falseHitsByVariant) {
    }

    static final List<String> VARIANTS = List.of("exact", "no-accents", "swapped", "typo", "two-typos", "initial", "dropped-token",
            "romanised", "upper-punct");

    private ScreeningEvaluation() {
    }

    /** {@code perVariant} positives per variant and as many look-alike negatives per kind, from {@code list}. */
    static List<Labelled> generate(ScreeningNames names, List<ListEntity> list, int perVariant, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<ListEntity> persons = list.stream().filter(e -> e.type() == EntityType.PERSON).toList();
        List<Labelled> out = new ArrayList<>();
        for (String v : VARIANTS) {
            int made = 0;
            int guard = 0;
            while (made < perVariant && guard++ < perVariant * 200) {
                ListEntity e = persons.get(r.nextInt(persons.size()));
                String q = variant(v, e.name(), r);
                if (q != null) {
                    out.add(new Labelled(v, q, e.entityId()));
                    made++;
                }
            }
        }
        java.util.Set<String> listed = new java.util.HashSet<>();
        list.forEach(e -> listed.add(NameNormalizer.key(e.name())));
        for (int i = 0; i < perVariant; i++) {
            ListEntity e = persons.get(r.nextInt(persons.size()));
            List<String> t = new ArrayList<>(List.of(e.name().split(" ")));
            int at = r.nextInt(t.size());
            String[] pool = at == 0 ? names.first : names.last;
            String repl = t.get(at);
            for (int tries = 0; tries < 50 && (repl.equals(t.get(at)) || repl.charAt(0) != t.get(at).charAt(0)); tries++) {
                repl = pool[r.nextInt(pool.length)];
            }
            t.set(at, repl);
            String q = String.join(" ", t);
            if (!listed.contains(NameNormalizer.key(q))) {
                out.add(new Labelled("negative-lookalike", q, null));
            }
            String fresh = String.join(" ", names.person(r));
            if (!listed.contains(NameNormalizer.key(fresh))) {
                out.add(new Labelled("negative-fresh", fresh, null));
            }
        }
        return out;
    }

    static String variant(String v, String name, SplittableRandom r) {
        List<String> t = new ArrayList<>(List.of(name.split(" ")));
        switch (v) {
            case "exact" -> {
                return name;
            }
            case "no-accents" -> {
                String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
                return plain.equals(name) ? null : plain;
            }
            case "swapped" -> {
                Collections.rotate(t, 1 + r.nextInt(t.size() - 1));
                return String.join(" ", t);
            }
            case "typo" -> {
                int at = r.nextInt(t.size());
                String w = t.get(at);
                if (w.length() < 5) {
                    return null;
                }
                int i = 1 + r.nextInt(w.length() - 2);
                String typo = switch (r.nextInt(3)) {
                    case 0 -> w.substring(0, i) + w.substring(i + 1); // deletion
                    case 1 -> w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2); // transposition
                    default -> w.substring(0, i) + (char) ('a' + r.nextInt(26)) + w.substring(i + 1); // substitution
                };
                t.set(at, typo);
                return String.join(" ", t);
            }
            case "two-typos" -> {
                String once = variant("typo", name, r);
                return once == null ? null : variant("typo", once, r);
            }
            case "dropped-token" -> {
                if (t.size() < 3) {
                    return null;
                }
                t.remove(1 + r.nextInt(t.size() - 1));
                return String.join(" ", t);
            }
            case "initial" -> {
                if (t.size() < 3) {
                    return null;
                }
                t.set(0, t.get(0).charAt(0) + ".");
                return String.join(" ", t);
            }
            case "romanised" -> {
                for (String[] group : ScreeningNames.ROMANISED) {
                    for (String g : group) {
                        if (t.get(0).equals(g)) {
                            String other = g;
                            while (other.equals(g)) {
                                other = group[r.nextInt(group.length)];
                            }
                            t.set(0, other);
                            return String.join(" ", t);
                        }
                    }
                }
                return null;
            }
            case "upper-punct" -> {
                return (t.get(t.size() - 1) + ", " + String.join("-", t.subList(0, t.size() - 1))).toUpperCase(Locale.ROOT);
            }
            default -> throw new IllegalArgumentException(v);
        }
    }

    /** Screens every labelled query at {@code threshold} (name only, as a person) and counts. */
    static Quality measure(Screener s, List<Labelled> set, BigDecimal threshold) {
        int positives = 0;
        int negatives = 0;
        int found = 0;
        int hits = 0;
        int correct = 0;
        Map<String, int[]> byVariant = new LinkedHashMap<>();
        Map<String, Integer> falseHits = new LinkedHashMap<>();
        for (Labelled l : set) {
            ScreeningResult res = s.screen(Query.person(l.name(), "bench"), threshold);
            int[] v = byVariant.computeIfAbsent(l.variant(), k -> new int[2]);
            hits += res.hits().size();
            boolean ok = false;
            for (Hit h : res.hits()) {
                if (h.entityId().equals(l.entityId())) {
                    ok = true;
                    correct++;
                }
            }
            falseHits.merge(l.variant(), res.hits().size() - (ok ? 1 : 0), Integer::sum);
            if (l.entityId() == null) {
                negatives++;
            } else {
                positives++;
                v[1]++;
                if (ok) {
                    found++;
                    v[0]++;
                }
            }
        }
        Map<String, Double> recall = new LinkedHashMap<>();
        byVariant.forEach((k, v) -> {
            if (v[1] > 0) {
                recall.put(k, round((double) v[0] / v[1]));
            }
        });
        return new Quality(threshold, positives, negatives, found, hits, correct, round((double) found / Math.max(1, positives)),
                round(hits == 0 ? 1 : (double) correct / hits), recall, falseHits);
    }

    private static double round(double d) {
        return Math.round(d * 10000) / 10000.0;
    }
}
