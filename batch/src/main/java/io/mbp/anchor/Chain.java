package io.mbp.anchor;

import java.util.Optional;

/**
 * The port to an Ethereum JSON-RPC chain. Every method may throw
 * {@link io.mbp.error.InfrastructureException} when the node cannot be reached.
 */
public interface Chain extends AutoCloseable {
    long chainId();

    long blockNumber();

    /** Hash of the canonical block at {@code number}, if the chain has one. */
    Optional<String> blockHash(long number);

    /** A mined or pending transaction. */
    record Tx(String hash, String input, Long blockNumber, String blockHash, Long chainId) {
    }

    record Receipt(String txHash, boolean success, long blockNumber, String blockHash) {
    }

    Optional<Tx> transaction(String txHash);

    Optional<Receipt> receipt(String txHash);

    /** Signs (EIP-155, this chain's id) and sends a zero-value transaction to the sender itself carrying {@code data}. */
    String sendData(ChainAccount from, byte[] data);

    @Override
    void close();
}
