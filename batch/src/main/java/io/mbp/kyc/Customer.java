package io.mbp.kyc;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One customer as read from an onboarding file, in clear. Lives in memory only between validation
 * and the vault; {@link #toString()} prints no personal field, so a stray log line cannot leak one.
 */
public record Customer(int line, String account, String fullName, String cpf, LocalDate birthDate, String email, String phone,
        String pixKey, PixKeyType pixKeyType, String termsVersion, List<String> consents) {
    /** The fields a file line must have, and the only ones it may have (minimal collection). */
    public static final Set<String> FIELDS = Set.of("account", "full_name", "cpf", "birth_date", "email", "phone", "pix_key",
            "terms_version", "consents");

    public Customer {
        consents = List.copyOf(consents);
    }

    @Override
    public String toString() {
        return "Customer[line=" + line + ", account=" + account + ", personal fields withheld]";
    }
}
