package io.mbp.screening;

import java.util.List;

/** A list file (or OFAC folder) read whole: its format, where it came from, the SHA-256 of its bytes, its entities. */
public record ParsedList(ListFormat format, String source, String fileHash, List<ListEntity> entities) {
    public ParsedList {
        entities = List.copyOf(entities);
    }
}
