package io.mbp.anchor;

/** An anchor as recorded when published: where the checkpoint's root landed on which chain. */
public record StoredAnchor(long id, long checkpointId, long chainId, String txHash, String fromAddress, long blockNumber,
                           String blockHash, long confirmations, String publishedAt) {
}
