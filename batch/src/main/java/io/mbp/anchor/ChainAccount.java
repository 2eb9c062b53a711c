package io.mbp.anchor;

import io.mbp.error.BadInputException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** The chain account that pays for anchors. {@link #toString()} shows the address, never the key. */
public final class ChainAccount {
    private final Credentials credentials;

    private ChainAccount(Credentials credentials) {
        this.credentials = credentials;
    }

    /** From a hex private key (with or without 0x); a malformed key is refused without echoing it. */
    public static ChainAccount fromHex(String hexKey, String source) {
        String k = hexKey == null ? "" : hexKey.strip();
        if (k.startsWith("0x") || k.startsWith("0X")) {
            k = k.substring(2);
        }
        if (!k.matches("[0-9a-fA-F]{64}")) {
            throw new BadInputException(source + " must hold a 32-byte private key as 64 hex digits (value not shown)");
        }
        return new ChainAccount(Credentials.create(k));
    }

    public String address() {
        return Keys.toChecksumAddress(credentials.getAddress());
    }

    Credentials credentials() {
        return credentials;
    }

    @Override
    public String toString() {
        return "ChainAccount[" + address() + "]";
    }
}
