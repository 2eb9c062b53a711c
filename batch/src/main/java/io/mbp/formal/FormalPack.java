package io.mbp.formal;

import java.util.List;
import java.util.Optional;

/**
 * The specs the build and {@code mbp formal check} run, in order. A spec added to {@code specs/tla/}
 * is checked only once it is listed here, with its expectation spelled out.
 */
public final class FormalPack {
    /** Fixed so TLC's fingerprint polynomial and any random choice are the same on every run. */
    public static final long SEED = 20261129L;
    /** Index of TLC's fingerprint polynomial ({@code -fp}); fixed for reproducible runs. */
    public static final int FP_INDEX = 7;

    private FormalPack() {
    }

    public static List<SpecCheck> standard() {
        return List.of(
                new SpecCheck("consensus_v1", false, true, false,
                        List.of("TypeOK", "I9_NoFinalizationWithoutQuorum", "MedianWithinRange")),
                new SpecCheck("failover_modes", false, false, true,
                        List.of("TypeOK", "NoFlapping", "FinalOnlyByConsensus", "L1_EventualFinalization",
                                "FallbackIsLeft", "no deadlock")),
                new SpecCheck("halts_semi_sync", false, true, false,
                        List.of("TypeOK", "I8_NoTradeInHard", "SoftFillsOnlyClosing", "BoundedReopenings",
                                "BoundedDelay", "StepDownWithCooldown", "OrderProgress", "HardIsNoticed")),
                new SpecCheck("halts_semi_sync_conformance", false, true, true,
                        List.of("TypeOK", "I8_NoTradeInHard", "SoftFillsOnlyClosing", "BoundedReopenings",
                                "EscalatesAtOnce", "StepDownWithCooldown", "OrderProgress")),
                new SpecCheck("settlement", false, true, false,
                        List.of("TypeOK", "I1_NonNegative", "I2_Conservation", "I4_DeterministicSettlement",
                                "I5_NoPayoutBeforeFinalization", "I6_LpSharesSum", "I7_NoOverflow",
                                "I10_ConsistentRollback", "L2_EventualDisbursal")),
                new SpecCheck("disputes", false, true, true,
                        List.of("TypeOK", "I3_AtMostOneFinalized", "I3_FinalIsStable",
                                "EscalationFollowsRules", "L3_Termination")),
                new SpecCheck("merkle_append_only", false, true, false,
                        List.of("TypeOK", "I11_AppendOnly", "LogExtendsCheckpoints")),
                new SpecCheck("merkle_append_only_broken", true, true, false,
                        List.of("I11_AppendOnly (must be violated)")));
    }

    public static Optional<SpecCheck> find(String name) {
        return standard().stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
