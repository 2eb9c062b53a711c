-------------------- MODULE halts_semi_sync_conformance --------------------
(***************************************************************************)
(* halts_semi_sync narrowed to the inputs the real market engine has, so   *)
(* that io.mbp.market.MarketEngine can be driven along its state graph     *)
(* (HaltsAdapter).  The engine's rules are those of halts_semi_sync:       *)
(* escalate at once, relax one level per cooldown, re-openings (leaving    *)
(* Hard) capped, Normal/Warn fill everything, Soft only closing orders,    *)
(* Hard nothing.  What is narrowed is the environment:                     *)
(*  - no delay and no drift (DeltaSource = DeltaConsensus = Xi = 0): the   *)
(*    engine reads its metric directly, with an injected clock;            *)
(*  - seen IS the price-range metric over the window tau, and tau is       *)
(*    shorter than a tick: only a trade (Move) raises it, and a tick       *)
(*    slides the window past every move (seen' = Normal).  A trade can     *)
(*    only happen where the level lets it fill (Normal/Warn), and the      *)
(*    escalation is atomic with the fill that moves the price, as in the   *)
(*    engine; so ChangeTruth, Deliver and Escalate of halts_semi_sync      *)
(*    collapse into one Move step;                                         *)
(*  - a relaxation that is due is applied before the next order (the      *)
(*    engine runs its halt tick at the start of every command).            *)
(* A fill is recorded as the number 2 * level + (1 if closing), so that    *)
(* the set prints in a fixed order.                                        *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Cooldown,        \* ticks in a level before relaxing one level
    MaxReopenings,   \* automatic re-openings out of Hard allowed
    MaxTime,         \* time horizon of the model
    MaxMoves,        \* how many price-moving trades the environment may make
    OrderKind,       \* OrderKind[o] \in {"open", "close"} for orders 1..N
    QueueCap         \* capacity of the order queue

Normal == 0
Warn == 1
Soft == 2
Hard == 3
Levels == Normal..Hard

ModelOrderKinds == <<"open", "close">>

Orders == DOMAIN OrderKind

FillCode(l, k) == 2 * l + (IF k = "close" THEN 1 ELSE 0)

VARIABLES
    now,          \* real time = the engine's clock (ticks)
    seen,         \* severity of the price-range metric in the current window
    level,        \* the engine's (price) halt level
    lastChange,   \* time of the engine's last level change
    hardEntries,  \* times the engine entered Hard
    reopens,      \* times the engine left Hard (re-openings)
    moves,        \* price-moving trades so far
    status,       \* status[o] \in {"new", "queued", "filled", "rejected"}
    queue,        \* queued order ids, FIFO
    fills         \* fill codes (for I8)

vars == <<now, seen, level, lastChange, hardEntries, reopens, moves, status, queue, fills>>

TypeOK ==
    /\ now \in 0..MaxTime
    /\ seen \in Levels /\ level \in Levels
    /\ lastChange \in 0..MaxTime
    /\ moves \in 0..MaxMoves
    /\ status \in [Orders -> {"new", "queued", "filled", "rejected"}]
    /\ Len(queue) <= QueueCap
    /\ fills \subseteq 0..7

Init ==
    /\ now = 0
    /\ seen = Normal /\ level = Normal
    /\ lastChange = 0
    /\ hardEntries = 0 /\ reopens = 0 /\ moves = 0
    /\ status = [o \in Orders |-> "new"]
    /\ queue = <<>>
    /\ fills = {}

(* The engine would relax now: the metric is below the level, the        *)
(* cooldown has passed, and leaving Hard still has re-opening budget.      *)
RelaxDue ==
    /\ seen < level
    /\ now - lastChange >= Cooldown
    /\ level = Hard => reopens < MaxReopenings

(* A trade that moves the price by severity s: it fills (only possible in *)
(* Normal/Warn), and the engine escalates in the same step if s is above   *)
(* its level.  One move per window: a second one would add to the range.  *)
Move(s) ==
    /\ moves < MaxMoves /\ seen = Normal /\ level <= Warn /\ ~RelaxDue
    /\ seen' = s
    /\ moves' = moves + 1
    /\ fills' = fills \cup {FillCode(level, "open")}
    /\ IF s > level
          THEN /\ level' = s
               /\ lastChange' = now
               /\ hardEntries' = IF s = Hard THEN hardEntries + 1 ELSE hardEntries
          ELSE UNCHANGED <<level, lastChange, hardEntries>>
    /\ UNCHANGED <<now, reopens, status, queue>>

(* Time advances a tick; the window slides past every earlier move.       *)
Tick ==
    /\ now < MaxTime
    /\ now' = now + 1
    /\ seen' = Normal
    /\ UNCHANGED <<level, lastChange, hardEntries, reopens, moves, status, queue, fills>>

(* The engine relaxes one level (halts_semi_sync's Relax with Xi = 0).    *)
Relax ==
    /\ RelaxDue
    /\ level' = level - 1
    /\ lastChange' = now
    /\ reopens' = IF level = Hard THEN reopens + 1 ELSE reopens
    /\ UNCHANGED <<now, seen, hardEntries, moves, status, queue, fills>>

(* A trader submits order o; a full queue rejects it on the spot.         *)
Submit(o) ==
    /\ status[o] = "new"
    /\ IF Len(queue) < QueueCap
          THEN /\ status' = [status EXCEPT ![o] = "queued"]
               /\ queue' = Append(queue, o)
          ELSE /\ status' = [status EXCEPT ![o] = "rejected"]
               /\ UNCHANGED queue
    /\ UNCHANGED <<now, seen, level, lastChange, hardEntries, reopens, moves, fills>>

(* The engine takes the oldest queued order and fills or rejects it by    *)
(* the current level (after any due relaxation).                          *)
Process ==
    /\ queue /= <<>> /\ ~RelaxDue
    /\ LET o == Head(queue)
           fill == level <= Warn \/ (level = Soft /\ OrderKind[o] = "close")
       IN /\ status' = [status EXCEPT ![o] = IF fill THEN "filled" ELSE "rejected"]
          /\ fills' = IF fill THEN fills \cup {FillCode(level, OrderKind[o])} ELSE fills
    /\ queue' = Tail(queue)
    /\ UNCHANGED <<now, seen, level, lastChange, hardEntries, reopens, moves>>

Next ==
    \/ \E s \in Warn..Hard : Move(s)
    \/ Tick \/ Relax
    \/ \E o \in Orders : Submit(o)
    \/ Process

Fairness == WF_vars(Process) /\ WF_vars(Tick) /\ WF_vars(Relax)

Spec == Init /\ [][Next]_vars /\ Fairness

-----------------------------------------------------------------------------
I8_NoTradeInHard == \A f \in fills : f \div 2 /= Hard

SoftFillsOnlyClosing == \A f \in fills : f \div 2 = Soft => f % 2 = 1

BoundedReopenings ==
    reopens <= MaxReopenings /\ reopens <= hardEntries /\ hardEntries <= moves

(* Escalation is immediate: the level is never below the metric.          *)
EscalatesAtOnce == seen <= level

StepDownWithCooldown ==
    [][level' < level => level' = level - 1 /\ now - lastChange >= Cooldown]_vars

OrderProgress == \A o \in Orders : status[o] = "queued" ~> status[o] \in {"filled", "rejected"}
=============================================================================
