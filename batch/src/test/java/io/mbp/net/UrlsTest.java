package io.mbp.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class UrlsTest {
    @Test
    void aUserInfoPasswordIsMaskedAndTheUserKept() {
        assertEquals("http://alice:***@127.0.0.1:8545", Urls.mask("http://alice:s3cret@127.0.0.1:8545"));
        assertEquals("https://***@rpc.example/x", Urls.mask("https://0123tokenonly@rpc.example/x"));
    }

    @Test
    void secretQueryParametersAreMaskedOthersKept() {
        assertEquals("http://h/rpc?token=***&chain=main&apikey=***&api_key=***&access_token=***&secret=***&key=***",
                Urls.mask("http://h/rpc?token=t1&chain=main&apikey=a1&api_key=a2&access_token=x&secret=y&key=z"));
        assertEquals("http://h/statements/2026-11-27?format=csv", Urls.mask("http://h/statements/2026-11-27?format=csv"));
    }

    @Test
    void pathTokensAreMasked() {
        assertEquals("https://mainnet.infura.io/v3/***", Urls.mask("https://mainnet.infura.io/v3/9aa3d95b3bc440fa88ea12eaa4456161"));
        assertEquals("https://eth-mainnet.g.alchemy.com/v2/***",
                Urls.mask("https://eth-mainnet.g.alchemy.com/v2/Ab3dEfGh1jKlMn0pQrStUv"));
        assertEquals("http://127.0.0.1:8470/pix/v1/", Urls.mask("http://127.0.0.1:8470/pix/v1/"));
    }

    @Test
    void urlsInsideAMessageAreMaskedAndTheRestKept() {
        assertEquals("chain RPC http://u:***@127.0.0.1:1/?token=*** is unreachable (eth_chainId): Failed to connect to /127.0.0.1:1",
                Urls.mask("chain RPC http://u:pw@127.0.0.1:1/?token=abc is unreachable (eth_chainId): Failed to connect to /127.0.0.1:1"));
        assertEquals("no url here", Urls.mask("no url here"));
        assertNull(Urls.mask(null));
    }

    @Property
    void aPasswordOrTokenNeverSurvives(@ForAll @AlphaChars @NumericChars @StringLength(min = 4, max = 40) String random) {
        String secret = "Z9" + random; // "Z9" appears nowhere else in these URLs
        for (String url : new String[] {"http://op:" + secret + "@127.0.0.1:8545/", "http://127.0.0.1:8545/?token=" + secret,
            "http://127.0.0.1:8545/rpc?x=1&apikey=" + secret + "#f", "see http://" + secret + "@h:1/ now"}) {
            assertFalse(Urls.mask(url).contains(secret), url + " -> " + Urls.mask(url));
        }
    }
}
