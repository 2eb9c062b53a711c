package io.mbp.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * Every name and alias of the loaded list versions, ready to screen (ADR 0710): names are arrays of
 * token ids into one token dictionary (lists repeat their tokens, so a million entities cost tens of
 * megabytes, not hundreds), and a blocking index maps each token's Double Metaphone keys (primary
 * and alternate) to the names that hold it, so a query only scores names that share its sounds
 * instead of the whole list. Immutable once built; any number of threads may screen against it.
 */
public final class ScreeningIndex {
    /** Keys shared by more names than this are too common to block on (like "muhammad" on a big list). */
    static final int COMMON_KEY = 50_000;
    private static final DoubleMetaphone METAPHONE = metaphone();

    final Map<String, Integer> versions;
    final String[] entityList;
    final ListEntity[] entities;
    /** Per name: its entity, its alias text (null for the primary name), its sorted token ids. */
    final int[] nameEntity;
    final String[] nameAlias;
    final int[][] nameTokens;
    /** The token dictionary and each token's phonetic keys (ids into postings). */
    final String[] tokens;
    final Map<String, Integer> tokenIds;
    final String[] tokenSound;
    final int[][] tokenKeys;
    final Map<String, Integer> keyIds;
    final int[][] postings;

    private ScreeningIndex(Builder b) {
        versions = Map.copyOf(b.versions);
        entityList = b.entityList.toArray(String[]::new);
        entities = b.entities.toArray(ListEntity[]::new);
        nameEntity = b.nameEntity.toArray();
        nameAlias = b.nameAlias.toArray(String[]::new);
        nameTokens = b.nameTokens.toArray(int[][]::new);
        tokens = b.tokens.toArray(String[]::new);
        tokenIds = b.tokenIds;
        tokenSound = b.tokenSound.toArray(String[]::new);
        tokenKeys = b.tokenKeys.toArray(int[][]::new);
        keyIds = b.keyIds;
        postings = new int[b.postings.size()][];
        for (int k = 0; k < postings.length; k++) {
            postings[k] = b.postings.get(k).toArray();
        }
    }

    /** The list versions this index holds, by list id, in id order. */
    public Map<String, Integer> versions() {
        return new TreeMap<>(versions);
    }

    public int entityCount() {
        return entities.length;
    }

    public int nameCount() {
        return nameEntity.length;
    }

    public int tokenCount() {
        return tokens.length;
    }

    /** The Double Metaphone codes of a token, primary first (one when both agree), after its first letter. */
    static String[] sounds(String token) {
        if (token.length() < 2 || !token.chars().allMatch(Character::isLetter)) {
            return new String[] {"#" + token};
        }
        String p = METAPHONE.doubleMetaphone(token, false);
        String a = METAPHONE.doubleMetaphone(token, true);
        if (p == null || p.isEmpty()) {
            return new String[] {"#" + token};
        }
        // The first letter goes with the sounds: keys are ~20 times more selective, and a first letter
        // is the one a typo rarely touches (romanisations that change it are folded by NameNormalizer).
        char f = token.charAt(0);
        return a == null || a.isEmpty() || a.equals(p) ? new String[] {f + p} : new String[] {f + p, f + a};
    }

    private static DoubleMetaphone metaphone() {
        DoubleMetaphone m = new DoubleMetaphone();
        m.setMaxCodeLen(6);
        return m;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Adds list versions one at a time; not thread-safe. */
    public static final class Builder {
        private final Map<String, Integer> versions = new HashMap<>();
        private final List<String> entityList = new ArrayList<>();
        private final List<ListEntity> entities = new ArrayList<>();
        private final IntList nameEntity = new IntList();
        private final List<String> nameAlias = new ArrayList<>();
        private final List<int[]> nameTokens = new ArrayList<>();
        private final List<String> tokens = new ArrayList<>();
        private final Map<String, Integer> tokenIds = new HashMap<>();
        private final List<String> tokenSound = new ArrayList<>();
        private final List<int[]> tokenKeys = new ArrayList<>();
        private final Map<String, Integer> keyIds = new HashMap<>();
        private final List<IntList> postings = new ArrayList<>();

        /** Adds {@code entity} of version {@code version} of list {@code listId}. */
        public Builder add(String listId, int version, ListEntity entity) {
            Integer had = versions.putIfAbsent(listId, version);
            if (had != null && had != version) {
                throw new IllegalArgumentException("list " + listId + " is already in the index at version " + had);
            }
            int e = entities.size();
            entities.add(entity);
            entityList.add(listId);
            name(e, null, entity.name());
            for (String alias : entity.aliases()) {
                name(e, alias, alias);
            }
            return this;
        }

        public Builder addAll(String listId, int version, List<ListEntity> list) {
            versions.putIfAbsent(listId, version);
            list.forEach(x -> add(listId, version, x));
            return this;
        }

        public ScreeningIndex build() {
            return new ScreeningIndex(this);
        }

        private void name(int entity, String alias, String text) {
            List<String> toks = NameNormalizer.tokens(text);
            if (toks.isEmpty()) {
                return;
            }
            int n = nameEntity.size();
            int[] ids = new int[toks.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = token(toks.get(i));
            }
            // A token repeated in one name ("Ali Ali") posts the name once.
            int[] distinct = Arrays.stream(ids).distinct().toArray();
            nameEntity.add(entity);
            nameAlias.add(alias);
            nameTokens.add(ids);
            int[] seenKeys = new int[0];
            for (int t : distinct) {
                for (int k : tokenKeys.get(t)) {
                    if (Arrays.stream(seenKeys).noneMatch(s -> s == k)) {
                        seenKeys = Arrays.copyOf(seenKeys, seenKeys.length + 1);
                        seenKeys[seenKeys.length - 1] = k;
                        postings.get(k).add(n);
                    }
                }
            }
        }

        private int token(String t) {
            Integer id = tokenIds.get(t);
            if (id != null) {
                return id;
            }
            int nid = tokens.size();
            tokens.add(t);
            tokenIds.put(t, nid);
            String[] s = sounds(t);
            tokenSound.add(s[0]);
            int[] keys = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                keys[i] = keyIds.computeIfAbsent(s[i], x -> {
                    postings.add(new IntList());
                    return postings.size() - 1;
                });
            }
            tokenKeys.add(keys);
            return nid;
        }
    }

    /** A growable int array: postings for a million names without boxing. */
    static final class IntList {
        private int[] a = new int[4];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
