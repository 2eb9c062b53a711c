package io.mbp.net;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials masked out of URLs before they reach a log, a terminal, an exception message, a
 * report or the job repository. RPC and PSP URLs often carry a secret: a password in the user-info
 * ({@code https://user:pass@host}), a token as a query parameter ({@code ?apikey=...}) or as a path
 * segment (Infura's {@code /v3/<project key>}, Alchemy's {@code /v2/<key>}).
 */
public final class Urls {
    /** What a secret is replaced with. */
    public static final String MASK = "***";
    private static final Pattern URL = Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>`]+");
    /** Query parameter names that hold secrets, matched as parts of the name (api_key, X-Auth-Token...). */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "token|key|secret|pass|pwd|auth|sig|credential|session|jwt|bearer|private");
    /**
     * A path segment that looks generated rather than named: 16+ letters, digits, '-' or '_',
     * with both a letter and a digit (an API key or project id), or 32+ hex digits.
     */
    private static final Pattern TOKEN_SEGMENT = Pattern.compile("(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,}");

    private Urls() {
    }

    /**
     * {@code text} with every URL in it masked: user-info password (or a user-info that is a lone
     * token), secret-looking query values and token-like path segments become {@value #MASK}.
     * Works on a bare URL as on a message that contains one; {@code null} stays {@code null}.
     */
    public static String mask(String text) {
        if (text == null || text.indexOf("://") < 0) {
            return text;
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(maskOne(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String maskOne(String url) {
        int schemeEnd = url.indexOf("://") + 3;
        int authorityEnd = schemeEnd;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = url.substring(schemeEnd, authorityEnd);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            // user:password keeps the user; a lone user-info is often the token itself.
            authority = (colon >= 0 ? userInfo.substring(0, colon + 1) + MASK : MASK) + authority.substring(at);
        }
        String rest = url.substring(authorityEnd);
        String fragment = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash);
            rest = rest.substring(0, hash);
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        StringBuilder b = new StringBuilder(url.length()).append(url, 0, schemeEnd).append(authority);
        b.append(maskPath(rest));
        if (query != null) {
            b.append('?').append(maskQuery(query));
        }
        return b.append(fragment).toString();
    }

    private static String maskPath(String path) {
        if (path.isEmpty()) {
            return path;
        }
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (TOKEN_SEGMENT.matcher(s).matches() || (s.length() >= 32 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0))) {
                segments[i] = MASK;
            }
        }
        return String.join("/", segments);
    }

    private static String maskQuery(String query) {
        String[] pairs = query.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            if (eq < 0) {
                // A bare value (?abc123...) can only be a token if it looks like one.
                if (TOKEN_SEGMENT.matcher(pairs[i]).matches()) {
                    pairs[i] = MASK;
                }
                continue;
            }
            String name = pairs[i].substring(0, eq).toLowerCase(Locale.ROOT);
            if (SECRET_NAME.matcher(name).find() || TOKEN_SEGMENT.matcher(pairs[i].substring(eq + 1)).matches()) {
                pairs[i] = pairs[i].substring(0, eq + 1) + MASK;
            }
        }
        return String.join("&", pairs);
    }
}
