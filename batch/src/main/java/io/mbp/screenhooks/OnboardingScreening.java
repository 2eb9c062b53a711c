package io.mbp.screenhooks;

import io.mbp.kyc.OnboardingScreen;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Screening at onboarding (ADR 0716): the account's name and birth date against the current lists;
 * a hit is logged ({@link ScreeningHit}, context onboarding) and answered, and the KYC service puts
 * the account in review. No list imported yet: nothing to screen (a warning), and the first import
 * re-screens every customer anyway.
 */
public final class OnboardingScreening implements OnboardingScreen {
    private static final Logger LOG = LogManager.getLogger(OnboardingScreening.class);
    private final Supplier<SubjectScreening> screening;
    private SubjectScreening opened;
    private boolean warned;

    /** {@code screening} is asked for once, on the first account (it opens the vault). */
    public OnboardingScreening(Supplier<SubjectScreening> screening) {
        this.screening = screening;
    }

    @Override
    public Optional<String> hit(String account) {
        if (opened == null) {
            opened = screening.get();
        }
        SubjectScreening s = opened;
        if (!s.listsLoaded()) {
            if (!warned) {
                warned = true;
                LOG.warn("no screening list is imported: onboarding does not screen (the first import re-screens every customer)");
            }
            return Optional.empty();
        }
        SubjectScreening.Outcome o;
        try {
            o = s.screen(account, "onboarding");
        } catch (io.mbp.privacy.SubjectArchivedException | io.mbp.privacy.SubjectErasedException e) {
            return Optional.empty(); // archived or shredded (ADR 0706): no data left to screen, nor to send the provider
        }
        return o.hit() ? Optional.of(String.join(", ", o.refs())) : Optional.empty();
    }
}
