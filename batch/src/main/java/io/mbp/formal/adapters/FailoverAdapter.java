package io.mbp.formal.adapters;

import io.mbp.formal.SpecAdapter;
import io.mbp.formal.SpecState;
import io.mbp.oracle.Hysteresis;
import io.mbp.oracle.Mode;
import io.mbp.oracle.OracleParams;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds the oracle's failover state machine, {@link Hysteresis#step}, to {@code failover_modes.tla}
 * (K = 3, M = 5, MaxOutages = 2: the production k and m of {@code OracleParams.DEFAULTS}).
 *
 * <p>Refinement mapping (Java state -> spec variables):
 * <ul>
 *   <li>{@code mode}: {@link Hysteresis#mode()}, CONSENSUS -> "Consensus", FALLBACK -> "Fallback";</li>
 *   <li>{@code failStreak}: {@link Hysteresis#failStreak()}; {@code okStreak}: {@link Hysteresis#healthyStreak()};</li>
 *   <li>{@code pending}: TRUE until a round whose {@link Hysteresis.Step#answers} is true (the rule
 *       {@code OracleEngine} uses to propose), TRUE again at NextEvent;</li>
 *   <li>{@code up}, {@code outages}: the environment, kept by this adapter: whether the round's sources
 *       reach a quorum (the {@code healthy} argument of {@code step}) and how many outages were used.</li>
 * </ul>
 * Abstracted: the spec's behaviours start once the event is live ({@link Hysteresis#live()} true,
 * i.e. after its first consensus round); before that the Java machine ignores failures because there
 * is no answer to fall back to, a phase the spec leaves out. Which sources fail, TWAP values and the
 * dispute window between proposal and finalization are outside this spec.
 */
public final class FailoverAdapter implements SpecAdapter {
    /** The production k and m: failover_modes.cfg must state the same, or the runs disagree (as they should). */
    public static final int K = OracleParams.DEFAULTS.failK();
    public static final int M = OracleParams.DEFAULTS.healthyM();
    public static final int MAX_OUTAGES = 2;

    private Hysteresis h;
    private boolean up;
    private int outages;
    private boolean pending;

    @Override
    public String spec() {
        return "failover_modes";
    }

    @Override
    public void reset(SpecState init) {
        h = new Hysteresis(Mode.CONSENSUS, 0, 0, true);
        up = true;
        outages = 0;
        pending = true;
    }

    /** The spec's name for the round Java would run now: its mode and whether the sources answer. */
    private String roundAction() {
        return (up ? "Healthy" : "Failed") + (h.mode() == Mode.CONSENSUS ? "Consensus" : "Fallback") + "Round";
    }

    @Override
    public Set<String> enabledActions() {
        Set<String> a = new TreeSet<>();
        a.add(roundAction()); // the engine runs a round at any time; which one depends on its mode
        if (up && outages < MAX_OUTAGES) {
            a.add("SourcesFail");
        }
        if (!up) {
            a.add("SourcesReturn");
        }
        if (!pending) {
            a.add("NextEvent");
        }
        return a;
    }

    @Override
    public void apply(String action, SpecState target) {
        switch (action) {
            case "HealthyConsensusRound", "FailedConsensusRound", "HealthyFallbackRound", "FailedFallbackRound" -> {
                if (!action.equals(roundAction())) {
                    throw new IllegalStateException("Java would run " + roundAction() + ", not " + action);
                }
                Hysteresis.Step step = h.step(up, K, M);
                if (step.answers(up)) {
                    pending = false;
                }
                h = step.next();
            }
            case "SourcesFail" -> {
                up = false;
                outages++;
            }
            case "SourcesReturn" -> up = true;
            case "NextEvent" -> pending = true;
            default -> throw new IllegalArgumentException("failover_modes has no action " + action);
        }
    }

    @Override
    public SpecState abstraction() {
        return SpecState.builder()
                .str("mode", h.mode() == Mode.CONSENSUS ? "Consensus" : "Fallback")
                .num("failStreak", h.failStreak())
                .num("okStreak", h.healthyStreak())
                .bool("up", up)
                .num("outages", outages)
                .bool("pending", pending)
                .build();
    }
}
