------------------------------- MODULE disputes -------------------------------
(***************************************************************************)
(* The life of one oracle event after consensus (io.mbp.oracle disputes):  *)
(*                                                                         *)
(*  AwaitingProposal --Propose--> Proposed --window closes--> Finalized    *)
(*                                  |  (first dispute)                     *)
(*                                  v                                      *)
(*                        ReRequested --Propose--> Reproposed --window-->  *)
(*                             |                     |  Finalized          *)
(*   (no new proposal in time) |    (second dispute) v                     *)
(*                             +---------------> Committee                 *)
(*                      --decides before deadline--> Finalized(committee)  *)
(*                      --deadline passes----------> Finalized(invalid,    *)
(*                                                   50/50)                *)
(*                                                                         *)
(* Time is a tick counter local to the current phase: a dispute window     *)
(* lasts Window ticks, a re-requested proposal is due within               *)
(* ReproposeWindow ticks, the committee has Deadline ticks (48 h in        *)
(* production).  The re-proposal deadline means L3 does not depend on the  *)
(* oracle ever answering a re-request.  finals is the list of Finalized events emitted, so the    *)
(* model can state that there is never more than one.                      *)
(*                                                                         *)
(* I3: at most one Finalized per event, and a finalized answer never       *)
(*     changes.  L3: every event is finalized (finite deadlines).          *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS
    Answers,    \* possible answers, e.g. {"yes", "no"}
    Window,     \* dispute window, in ticks
    ReproposeWindow, \* time to answer a re-request with a new proposal, in ticks
    Deadline    \* committee deadline, in ticks

Invalid == "invalid"   \* the 50/50 result of a committee timeout

VARIABLES
    phase,      \* "AwaitingProposal" | "Proposed" | "ReRequested" | "Reproposed"
                \* | "Committee" | "Finalized"
    proposal,   \* the answer on the table ("none" before the first proposal)
    disputes,   \* disputes raised so far, 0..2
    escalation, \* why the committee was seized: "none" | "second_dispute" | "no_reproposal"
    clock,      \* ticks spent in the current timed phase
    finals      \* sequence of Finalized records emitted: [answer, via]

vars == <<phase, proposal, disputes, escalation, clock, finals>>

Phases == {"AwaitingProposal", "Proposed", "ReRequested", "Reproposed",
           "Committee", "Finalized"}
Vias == {"undisputed", "re_proposed", "committee", "committee_timeout"}

TypeOK ==
    /\ phase \in Phases
    /\ proposal \in Answers \cup {"none"}
    /\ disputes \in 0..2
    /\ escalation \in {"none", "second_dispute", "no_reproposal"}
    /\ clock \in 0..Deadline \cup 0..Window \cup 0..ReproposeWindow
    /\ finals \in Seq([answer : Answers \cup {Invalid}, via : Vias])

Init ==
    /\ phase = "AwaitingProposal"
    /\ proposal = "none"
    /\ disputes = 0
    /\ escalation = "none"
    /\ clock = 0
    /\ finals = <<>>

(* The oracle proposes an answer (the consensus or fallback result); the  *)
(* dispute window opens.  After the first dispute this is the re-request: *)
(* a fresh proposal, possibly a different answer, due before the         *)
(* re-proposal deadline.                                                   *)
Propose(a) ==
    /\ \/ phase = "AwaitingProposal"
       \/ phase = "ReRequested" /\ clock < ReproposeWindow
    /\ proposal' = a
    /\ phase' = IF phase = "AwaitingProposal" THEN "Proposed" ELSE "Reproposed"
    /\ clock' = 0
    /\ UNCHANGED <<disputes, escalation, finals>>

(* Time passes inside an open window, before the re-proposal deadline, or *)
(* before the committee deadline.                                          *)
Tick ==
    /\ \/ phase \in {"Proposed", "Reproposed"} /\ clock < Window
       \/ phase = "ReRequested" /\ clock < ReproposeWindow
       \/ phase = "Committee" /\ clock < Deadline
    /\ clock' = clock + 1
    /\ UNCHANGED <<phase, proposal, disputes, escalation, finals>>

(* Someone disputes while the window is open.  The first dispute          *)
(* re-requests a proposal; the second escalates to the committee.          *)
Dispute ==
    /\ phase \in {"Proposed", "Reproposed"}
    /\ clock < Window
    /\ disputes' = disputes + 1
    /\ phase' = IF phase = "Proposed" THEN "ReRequested" ELSE "Committee"
    /\ escalation' = IF phase = "Proposed" THEN escalation ELSE "second_dispute"
    /\ clock' = 0
    /\ UNCHANGED <<proposal, finals>>

(* Nobody answered the re-request in time: the committee is seized.       *)
ReproposeTimeout ==
    /\ phase = "ReRequested"
    /\ clock = ReproposeWindow
    /\ phase' = "Committee"
    /\ escalation' = "no_reproposal"
    /\ clock' = 0
    /\ UNCHANGED <<proposal, disputes, finals>>

(* The window closed without a dispute: the proposal is final.            *)
CloseWindow ==
    /\ phase \in {"Proposed", "Reproposed"}
    /\ clock = Window
    /\ phase' = "Finalized"
    /\ finals' = Append(finals,
                    [answer |-> proposal,
                     via |-> IF phase = "Proposed" THEN "undisputed" ELSE "re_proposed"])
    /\ clock' = 0
    /\ UNCHANGED <<proposal, disputes, escalation>>

(* The committee decides before its deadline.                             *)
CommitteeDecides(a) ==
    /\ phase = "Committee"
    /\ clock < Deadline
    /\ phase' = "Finalized"
    /\ finals' = Append(finals, [answer |-> a, via |-> "committee"])
    /\ clock' = 0
    /\ UNCHANGED <<proposal, disputes, escalation>>

(* The committee missed its deadline: the event resolves invalid (50/50). *)
CommitteeTimeout ==
    /\ phase = "Committee"
    /\ clock = Deadline
    /\ phase' = "Finalized"
    /\ finals' = Append(finals, [answer |-> Invalid, via |-> "committee_timeout"])
    /\ clock' = 0
    /\ UNCHANGED <<proposal, disputes, escalation>>

Next ==
    \/ \E a \in Answers : Propose(a)
    \/ Tick
    \/ Dispute
    \/ ReproposeTimeout
    \/ CloseWindow
    \/ \E a \in Answers : CommitteeDecides(a)
    \/ CommitteeTimeout

(* Proposals, ticks and the closing steps are driven by the clock and the *)
(* oracle itself, so they are fair; disputes and committee decisions are   *)
(* choices of outsiders and get no fairness.                               *)
Fairness ==
    /\ WF_vars(\E a \in Answers : Propose(a))
    /\ WF_vars(Tick)
    /\ WF_vars(CloseWindow)
    /\ WF_vars(ReproposeTimeout)
    /\ WF_vars(CommitteeTimeout)

Spec == Init /\ [][Next]_vars /\ Fairness

-----------------------------------------------------------------------------
(* I3: at most one Finalized per event, and a Finalized record exists     *)
(* exactly when the phase says so.                                         *)
I3_AtMostOneFinalized ==
    /\ Len(finals) <= 1
    /\ (phase = "Finalized") <=> (Len(finals) = 1)

(* A final answer is never rewritten (the first Finalized stays).         *)
I3_FinalIsStable ==
    [][Len(finals) = 1 => finals' = finals]_vars

(* Escalation follows the rules: the committee is seized by a second       *)
(* dispute, or by a re-request nobody answered in time, and by nothing else. *)
EscalationFollowsRules ==
    /\ disputes <= 2
    /\ phase = "Committee" \/ (phase = "Finalized" /\ finals[1].via \in {"committee", "committee_timeout"})
          => \/ escalation = "second_dispute" /\ disputes = 2
             \/ escalation = "no_reproposal" /\ disputes = 1
    /\ phase \in {"AwaitingProposal", "Proposed", "ReRequested", "Reproposed"} => escalation = "none"

(* L3: every event terminates with a Finalized (finite window and deadline). *)
L3_Termination == <>(phase = "Finalized")
=============================================================================
