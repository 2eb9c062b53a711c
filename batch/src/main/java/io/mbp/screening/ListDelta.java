package io.mbp.screening;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a new list version changed: entity ids added, removed, and changed (same id, different digest), each sorted. */
public record ListDelta(List<String> added, List<String> removed, List<String> changed) {
    public ListDelta {
        added = added.stream().sorted().toList();
        removed = removed.stream().sorted().toList();
        changed = changed.stream().sorted().toList();
    }

    /** The delta from the previous version's digests (entity id to {@link ListEntity#digest()}) to {@code next}. */
    public static ListDelta between(Map<String, String> previous, List<ListEntity> next) {
        Map<String, String> left = new HashMap<>(previous);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (ListEntity e : next) {
            String before = left.remove(e.entityId());
            if (before == null) {
                added.add(e.entityId());
            } else if (!before.equals(e.digest())) {
                changed.add(e.entityId());
            }
        }
        return new ListDelta(added, new ArrayList<>(left.keySet()), changed);
    }

    public boolean empty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
