package io.mbp.anchor;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;
import io.mbp.events.Timestamps;

/** A checkpoint's size and root went on chain {@code chainId} in {@code txHash}, with K confirmations. */
@EventType("AnchorPublished")
public record AnchorPublished(long checkpointId, long treeSize, String rootHash, long chainId, String txHash,
                              long blockNumber, String blockHash, long confirmations, String publishedAt) implements AnchorEvent {
    public AnchorPublished {
        requireText("root_hash", rootHash);
        requireText("tx_hash", txHash);
        requireText("block_hash", blockHash);
        publishedAt = Timestamps.normalize("published_at", publishedAt);
    }
}
