package io.mbp.kyc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PixKeyTypeTest {
    @ParameterizedTest
    @CsvSource({
        "52998224725, CPF",
        "52998224724, ",
        "+5511987654321, PHONE",
        "+551187654321, ",
        "+5511087654321, ",
        "+14155550100, ",
        "ana.silva@example.com, EMAIL",
        "ana.silva@example, ",
        "@example.com, ",
        "7d444840-9dc0-11d1-b245-5ffdce74fad2, EVP",
        "7D444840-9DC0-11D1-B245-5FFDCE74FAD2, ",
        "7d444840-9dc0-11d1-b245, ",
        "5511987654321, ",
    })
    void recognisesTheFourKindsAndNothingElse(String key, PixKeyType expected) {
        assertEquals(Optional.ofNullable(expected), PixKeyType.of(key));
    }
}
