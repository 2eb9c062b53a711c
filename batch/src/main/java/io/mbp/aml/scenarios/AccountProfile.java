package io.mbp.aml.scenarios;

/**
 * What links accounts: the data subject, the person (the keyed reference of the CPF: one person
 * onboarded twice has two subjects and one {@code personRef}), the registered PIX key's keyed
 * reference and a device reference. Onboarding collects no device fingerprint yet, so
 * {@code deviceRef} is null today; the rules use it as soon as a profile carries one.
 */
public record AccountProfile(String account, String subject, String personRef, String pixKeyRef, String deviceRef) {
}
