---------------------------- MODULE failover_modes ---------------------------
(***************************************************************************)
(* The oracle's mode switch (io.mbp.oracle failover):                      *)
(*   Consensus --(K failed rounds in a row)--> Fallback (TWAP)             *)
(*   Fallback  --(M healthy rounds in a row)--> Consensus                  *)
(* The streak counters are the hysteresis: one good round in Fallback, or  *)
(* one bad round in Consensus, never switches the mode, so the mode cannot *)
(* flap on a noisy source set.                                             *)
(*                                                                         *)
(* Each oracle event needs a final answer.  Only a Consensus round with a  *)
(* quorum finalizes it; Fallback publishes a provisional TWAP (markets on   *)
(* the event halt) and never finalizes.  The environment takes the sources *)
(* down at most MaxOutages times and always brings them back eventually.   *)
(*                                                                         *)
(* Checked: no deadlock, NoFlapping (a mode change happens only at the end *)
(* of a full K or M streak), and L1 (every pending event is eventually     *)
(* finalized with a quorum) under weak fairness of rounds and recovery.    *)
(***************************************************************************)
EXTENDS Naturals

CONSTANTS
    K,           \* failed Consensus rounds in a row that switch to Fallback (3)
    M,           \* healthy Fallback rounds in a row that switch back (5)
    MaxOutages   \* how many times the sources may go down in one behaviour

VARIABLES
    mode,        \* "Consensus" | "Fallback"
    failStreak,  \* failed Consensus rounds in a row, 0..K-1
    okStreak,    \* healthy Fallback rounds in a row, 0..M-1
    up,          \* TRUE when enough sources answer for a quorum
    outages,     \* outages used so far, 0..MaxOutages
    pending      \* TRUE while the current oracle event has no final answer

vars == <<mode, failStreak, okStreak, up, outages, pending>>

TypeOK ==
    /\ mode \in {"Consensus", "Fallback"}
    /\ failStreak \in 0..(K - 1)
    /\ okStreak \in 0..(M - 1)
    /\ up \in BOOLEAN
    /\ outages \in 0..MaxOutages
    /\ pending \in BOOLEAN

Init ==
    /\ mode = "Consensus"
    /\ failStreak = 0
    /\ okStreak = 0
    /\ up = TRUE
    /\ outages = 0
    /\ pending = TRUE

(* Consensus round with a quorum: the pending event is finalized and the  *)
(* failure streak resets.                                                  *)
HealthyConsensusRound ==
    /\ mode = "Consensus" /\ up
    /\ pending' = FALSE
    /\ failStreak' = 0
    /\ UNCHANGED <<mode, okStreak, up, outages>>

(* Consensus round without a quorum: the streak grows; the K-th failure    *)
(* in a row switches to Fallback (FailoverRolled consensus -> fallback).   *)
FailedConsensusRound ==
    /\ mode = "Consensus" /\ ~up
    /\ IF failStreak + 1 = K
          THEN /\ mode' = "Fallback"
               /\ failStreak' = 0
               /\ okStreak' = 0
          ELSE /\ failStreak' = failStreak + 1
               /\ UNCHANGED <<mode, okStreak>>
    /\ UNCHANGED <<up, outages, pending>>

(* Fallback round where the sources answered again: the healthy streak    *)
(* grows; the M-th in a row switches back to Consensus.  Before that the  *)
(* TWAP answer is provisional and the event stays pending.  The M-th round *)
(* is itself a consensus with a quorum, and the engine proposes it         *)
(* (Hysteresis.Step.answers: healthy and the mode after the step is       *)
(* Consensus), so it finalizes the pending event.  (The first version of  *)
(* this spec kept the event pending here; the conformance harness found   *)
(* the engine disagreeing, and the spec was the stricter side without a   *)
(* reason: see docs/formal.md.)                                            *)
HealthyFallbackRound ==
    /\ mode = "Fallback" /\ up
    /\ IF okStreak + 1 = M
          THEN /\ mode' = "Consensus"
               /\ okStreak' = 0
               /\ failStreak' = 0
               /\ pending' = FALSE
          ELSE /\ okStreak' = okStreak + 1
               /\ UNCHANGED <<mode, failStreak, pending>>
    /\ UNCHANGED <<up, outages>>

(* Fallback round without a quorum: the healthy streak starts over.       *)
FailedFallbackRound ==
    /\ mode = "Fallback" /\ ~up
    /\ okStreak' = 0
    /\ UNCHANGED <<mode, failStreak, up, outages, pending>>

Round == HealthyConsensusRound \/ FailedConsensusRound
         \/ HealthyFallbackRound \/ FailedFallbackRound

(* Environment: the sources go down (a bounded number of times) ...       *)
SourcesFail ==
    /\ up /\ outages < MaxOutages
    /\ up' = FALSE
    /\ outages' = outages + 1
    /\ UNCHANGED <<mode, failStreak, okStreak, pending>>

(* ... and come back.                                                     *)
SourcesReturn ==
    /\ ~up
    /\ up' = TRUE
    /\ UNCHANGED <<mode, failStreak, okStreak, outages, pending>>

(* A finalized event is followed by the next one.                          *)
NextEvent ==
    /\ ~pending
    /\ pending' = TRUE
    /\ UNCHANGED <<mode, failStreak, okStreak, up, outages>>

Next == Round \/ SourcesFail \/ SourcesReturn \/ NextEvent

Fairness == WF_vars(Round) /\ WF_vars(SourcesReturn) /\ WF_vars(NextEvent)

Spec == Init /\ [][Next]_vars /\ Fairness

-----------------------------------------------------------------------------
(* NoFlapping: the mode changes only on the round that completes a streak *)
(* of K failures (to Fallback) or M healthy rounds (back to Consensus).    *)
NoFlapping ==
    [][mode' /= mode =>
          \/ mode = "Consensus" /\ ~up /\ failStreak = K - 1
          \/ mode = "Fallback" /\ up /\ okStreak = M - 1]_vars

(* Fallback never finalizes: a final answer needs a Consensus quorum      *)
(* (sources up) and the round must leave the oracle in Consensus mode.     *)
FinalOnlyByConsensus ==
    [][pending /\ ~pending' => up /\ mode' = "Consensus"]_vars

(* L1: every pending event is eventually finalized with a quorum, once    *)
(* the (finitely many) outages are over.                                   *)
L1_EventualFinalization == pending ~> ~pending

(* Fallback is eventually left again (liveness of the way back).          *)
FallbackIsLeft == (mode = "Fallback") ~> (mode = "Consensus")
=============================================================================
