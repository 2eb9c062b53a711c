package io.mbp.cli.custody;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.custody.OperatorKey;

/** An operator key as the key commands show it (never its private half). */
@JsonPropertyOrder(alphabetic = true)
record KeyView(String keyId, String name, String status, String createdAt, String retiredAt, String verifierKey) {
    static KeyView of(OperatorKey k) {
        return new KeyView(k.keyId(), k.name(), k.status(), k.createdAt(), k.retiredAt(), k.verifierKey());
    }
}
