package io.mbp.screening;

import io.mbp.error.UsageException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The public list formats screening imports (docs/screening.md). */
public enum ListFormat {
    /** OFAC SDN legacy CSV set: sdn.csv, alt.csv, add.csv in one folder, no header rows. */
    OFAC_CSV("ofac-csv"),
    /** UN Security Council consolidated list XML. */
    UN_XML("un-xml"),
    /** OpenSanctions FollowTheMoney entities, one JSON object a line (also PEPs). */
    FTM("ftm");

    private final String code;

    ListFormat(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ListFormat ofCode(String code) {
        for (ListFormat f : values()) {
            if (f.code.equals(code)) {
                return f;
            }
        }
        throw new UsageException("unknown list format " + code + ": use one of "
                + Arrays.stream(values()).map(ListFormat::code).collect(Collectors.joining(", ")));
    }
}
