---------------------------- MODULE consensus_v1 ----------------------------
(***************************************************************************)
(* One oracle event answered by consensus (io.mbp.oracle aggregation).     *)
(*                                                                         *)
(* Sources report values for the current round.  A report is fresh until  *)
(* it ages out (Stale).  The aggregator may propose only when the fresh    *)
(* reports form a quorum: at least Q distinct sources AND at least WPct %  *)
(* of the total reputation weight.  The proposed value is a weighted       *)
(* median of the fresh values, written with integers only (no division):   *)
(*   2 * weight(values <= m) >= W  and  2 * weight(values >= m) >= W.      *)
(* A round with no quorum fails and the next round starts (bounded by      *)
(* MaxRound).  A proposal is finalized once; what the dispute window adds  *)
(* is in disputes.tla, and the mode switch on failed rounds in             *)
(* failover_modes.tla.                                                     *)
(*                                                                         *)
(* I9: no finalization without quorum.                                     *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    Weight,     \* reputation weight per source: a tuple, source i has Weight[i]
    Values,     \* the answers a source can report (small integers)
    Q,          \* quorum: minimum number of distinct fresh reports (default 3)
    WPct,       \* minimum share of total weight in fresh reports, percent (50)
    MaxRound    \* rounds tried before the model stops (failover takes over)

\* The .cfg cannot write a tuple, so it substitutes this one: source 4 has double weight.
ModelWeights == <<1, 1, 1, 2>>

Sources == DOMAIN Weight   \* sources are numbered 1..N
None == 0                 \* "no report"; Values must not contain 0

VARIABLES
    round,      \* current round number, 1..MaxRound
    report,     \* report[s]: value reported by s this round, or None
    fresh,      \* set of sources whose report is still fresh
    phase,      \* "collecting" | "proposed" | "finalized" | "exhausted"
    proposal,   \* proposed value (None until proposed)
    support     \* the fresh reporters the proposal was computed from

vars == <<round, report, fresh, phase, proposal, support>>

RECURSIVE SumW(_)
SumW(S) == IF S = {} THEN 0
           ELSE LET s == CHOOSE x \in S : TRUE IN Weight[s] + SumW(S \ {s})

TotalWeight == SumW(Sources)

\* Quorum over a set of reporters: enough sources and enough weight.
IsQuorum(S) == Cardinality(S) >= Q /\ 100 * SumW(S) >= WPct * TotalWeight

\* Weighted medians of the values reported by S (integer form, see header).
Medians(S) ==
    LET W == SumW(S) IN
    { m \in {report[s] : s \in S} :
        /\ 2 * SumW({s \in S : report[s] <= m}) >= W
        /\ 2 * SumW({s \in S : report[s] >= m}) >= W }

TypeOK ==
    /\ round \in 1..MaxRound
    /\ report \in [Sources -> Values \cup {None}]
    /\ fresh \subseteq Sources
    /\ phase \in {"collecting", "proposed", "finalized", "exhausted"}
    /\ proposal \in Values \cup {None}
    /\ support \subseteq Sources

Init ==
    /\ round = 1
    /\ report = [s \in Sources |-> None]
    /\ fresh = {}
    /\ phase = "collecting"
    /\ proposal = None
    /\ support = {}

(* A source that has not reported this round reports value v; the report  *)
(* is fresh when it arrives.                                               *)
Report(s, v) ==
    /\ phase = "collecting"
    /\ report[s] = None
    /\ report' = [report EXCEPT ![s] = v]
    /\ fresh' = fresh \cup {s}
    /\ UNCHANGED <<round, phase, proposal, support>>

(* A fresh report outlives its staleness bound and stops counting.        *)
Stale(s) ==
    /\ phase = "collecting"
    /\ s \in fresh
    /\ fresh' = fresh \ {s}
    /\ UNCHANGED <<round, report, phase, proposal, support>>

(* With a quorum of fresh reports, the aggregator proposes a weighted     *)
(* median of exactly those reports.                                        *)
Propose ==
    /\ phase = "collecting"
    /\ IsQuorum(fresh)
    /\ \E m \in Medians(fresh) :
          /\ proposal' = m
          /\ support' = fresh
    /\ phase' = "proposed"
    /\ UNCHANGED <<round, report, fresh>>

(* The round deadline passes without a quorum (at any moment: time is     *)
(* abstract here): the round fails and the next one starts from scratch,   *)
(* or the model stops at MaxRound (failover_modes covers what follows).    *)
FailRound ==
    /\ phase = "collecting"
    /\ ~IsQuorum(fresh)
    /\ IF round < MaxRound
          THEN /\ round' = round + 1
               /\ report' = [s \in Sources |-> None]
               /\ fresh' = {}
               /\ UNCHANGED phase
          ELSE /\ phase' = "exhausted"
               /\ UNCHANGED <<round, report, fresh>>
    /\ UNCHANGED <<proposal, support>>

(* The proposal becomes the final answer (the dispute window is modelled  *)
(* in disputes.tla; here it is one step).                                  *)
Finalize ==
    /\ phase = "proposed"
    /\ phase' = "finalized"
    /\ UNCHANGED <<round, report, fresh, proposal, support>>

Next ==
    \/ \E s \in Sources, v \in Values : Report(s, v)
    \/ \E s \in Sources : Stale(s)
    \/ Propose
    \/ FailRound
    \/ Finalize

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* I9: a proposed or finalized value was computed from a quorum of fresh   *)
(* reports, and it is a weighted median of them.                           *)
I9_NoFinalizationWithoutQuorum ==
    phase \in {"proposed", "finalized"} =>
        /\ IsQuorum(support)
        /\ proposal \in Medians(support)

(* The median lies between the smallest and largest supporting report.     *)
MedianWithinRange ==
    phase \in {"proposed", "finalized"} =>
        \E a, b \in support : report[a] <= proposal /\ proposal <= report[b]
=============================================================================
