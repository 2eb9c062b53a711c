package io.mbp.oracle;

import java.util.regex.Pattern;

/** Identifier shape shared by oracle events, sources, committee members and outcome names. */
public final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private Ids() {
    }

    public static boolean isId(String s) {
        return s != null && ID.matcher(s).matches();
    }
}
