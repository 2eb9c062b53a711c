package io.mbp.privacy;

/** The standing of one purpose for one account: the last grant or revocation, its wording version and time. */
public record Consent(String account, String subject, String purpose, boolean granted, String version, String at, long seq) {
}
