--------------------------- MODULE halts_semi_sync ---------------------------
(***************************************************************************)
(* Market halts under semi-synchrony (io.mbp.market halts).                *)
(*                                                                         *)
(* Levels 0..3 = Normal, Warn, Soft, Hard.  The true severity of market    *)
(* conditions (truth) is set by the environment.  The engine learns it     *)
(* late: a change travels from the sources (delay <= DeltaSource) through  *)
(* consensus (delay <= DeltaConsensus) and is delivered in order before    *)
(* its due time; real time cannot pass a due time (that is what bounded    *)
(* delay means).  The engine's clock may be off by up to Xi.               *)
(*                                                                         *)
(* The engine escalates at once to what it sees, and relaxes one level at  *)
(* a time, only after a cooldown on its own (drifting) clock: that is the  *)
(* hysteresis that keeps a flickering signal from re-opening a market      *)
(* again and again.  Automatic re-openings out of Hard are capped          *)
(* (MaxReopenings, per day in production); past the cap a market stays in  *)
(* Hard until an operator acts (not modelled).  The severity stands for    *)
(* the price-range metric measured over the window tau: how tau shapes it  *)
(* is the environment's choice here.                                       *)
(*                                                                         *)
(* Orders wait in a bounded FIFO queue.  Normal/Warn fill everything, Soft *)
(* fills only closing orders, Hard fills nothing; what cannot fill is      *)
(* rejected, so the queue always drains.                                   *)
(*                                                                         *)
(* I8: no trade while Hard.  Bounded re-openings.  Progress: every queued  *)
(* order is eventually filled or rejected.                                 *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    DeltaSource,     \* max delay source -> consensus, in ticks
    DeltaConsensus,  \* max delay consensus -> market engine, in ticks
    Xi,              \* max drift of the engine clock, in ticks
    Cooldown,        \* time in a level before relaxing one level, in ticks
    MaxReopenings,   \* automatic re-openings out of Hard allowed
    MaxTime,         \* time horizon of the model
    MaxChanges,      \* how many times the environment may change the truth
    OrderKind,       \* OrderKind[o] \in {"open", "close"} for orders 1..N
    QueueCap         \* capacity of the order queue

Normal == 0
Warn == 1
Soft == 2
Hard == 3
Levels == Normal..Hard

\* The .cfg cannot write a tuple, so it substitutes this one: order 1 opens, order 2 closes.
ModelOrderKinds == <<"open", "close">>

Orders == DOMAIN OrderKind

VARIABLES
    now,          \* real time
    truth,        \* true severity
    changes,      \* truth changes so far
    msgs,         \* severity updates in flight, FIFO: <<[sev, due]>>
    seen,         \* the severity the engine has been told
    level,        \* the engine's halt level
    lastChange,   \* real time of the engine's last level change
    hardEntries,  \* times the engine entered Hard
    reopens,      \* times the engine left Hard (re-openings)
    status,       \* status[o] \in {"new", "queued", "filled", "rejected"}
    queue,        \* queued order ids, FIFO
    fills         \* history of fills: <<level, order kind>> pairs (for I8)

vars == <<now, truth, changes, msgs, seen, level, lastChange, hardEntries,
          reopens, status, queue, fills>>

TypeOK ==
    /\ now \in 0..MaxTime
    /\ truth \in Levels /\ seen \in Levels /\ level \in Levels
    /\ changes \in 0..MaxChanges
    /\ Len(msgs) <= MaxChanges
    /\ lastChange \in 0..MaxTime
    /\ status \in [Orders -> {"new", "queued", "filled", "rejected"}]
    /\ Len(queue) <= QueueCap
    /\ fills \subseteq Levels \X {"open", "close"}

Init ==
    /\ now = 0
    /\ truth = Normal /\ seen = Normal /\ level = Normal
    /\ changes = 0
    /\ msgs = <<>>
    /\ lastChange = 0
    /\ hardEntries = 0 /\ reopens = 0
    /\ status = [o \in Orders |-> "new"]
    /\ queue = <<>>
    /\ fills = {}

engine == <<seen, level, lastChange, hardEntries, reopens>>
orders == <<status, queue, fills>>

(* Environment: market conditions change; the update will reach the      *)
(* engine within DeltaSource + DeltaConsensus.                             *)
ChangeTruth(s) ==
    /\ changes < MaxChanges /\ s /= truth
    /\ truth' = s
    /\ changes' = changes + 1
    /\ msgs' = Append(msgs, [sev |-> s, due |-> now + DeltaSource + DeltaConsensus])
    /\ UNCHANGED <<now, engine, orders>>

(* The oldest update in flight reaches the engine (any time up to its due *)
(* time).                                                                  *)
Deliver ==
    /\ msgs /= <<>>
    /\ seen' = Head(msgs).sev
    /\ msgs' = Tail(msgs)
    /\ UNCHANGED <<now, truth, changes, level, lastChange, hardEntries, reopens, orders>>

(* Time advances, but never past an undelivered update's due time.        *)
Tick ==
    /\ now < MaxTime
    /\ \A i \in 1..Len(msgs) : msgs[i].due > now
    /\ now' = now + 1
    /\ UNCHANGED <<truth, changes, msgs, engine, orders>>

(* The engine escalates at once to the severity it sees.                  *)
Escalate ==
    /\ seen > level
    /\ level' = seen
    /\ lastChange' = now
    /\ hardEntries' = IF seen = Hard THEN hardEntries + 1 ELSE hardEntries
    /\ UNCHANGED <<now, truth, changes, msgs, seen, reopens, orders>>

(* The engine relaxes one level once its clock (off by up to Xi) says the *)
(* cooldown has passed since the last change; leaving Hard also needs the  *)
(* re-opening budget.                                                      *)
Relax ==
    /\ seen < level
    /\ \E d \in 0..Xi : now + d - lastChange >= Cooldown
    /\ level = Hard => reopens < MaxReopenings
    /\ level' = level - 1
    /\ lastChange' = now
    /\ reopens' = IF level = Hard THEN reopens + 1 ELSE reopens
    /\ UNCHANGED <<now, truth, changes, msgs, seen, hardEntries, orders>>

(* A trader submits order o; a full queue rejects it on the spot.         *)
Submit(o) ==
    /\ status[o] = "new"
    /\ IF Len(queue) < QueueCap
          THEN /\ status' = [status EXCEPT ![o] = "queued"]
               /\ queue' = Append(queue, o)
          ELSE /\ status' = [status EXCEPT ![o] = "rejected"]
               /\ UNCHANGED queue
    /\ UNCHANGED <<now, truth, changes, msgs, engine, fills>>

(* The engine takes the oldest queued order and fills or rejects it by    *)
(* the current level.                                                      *)
Process ==
    /\ queue /= <<>>
    /\ LET o == Head(queue)
           fill == level <= Warn \/ (level = Soft /\ OrderKind[o] = "close")
       IN /\ status' = [status EXCEPT ![o] = IF fill THEN "filled" ELSE "rejected"]
          /\ fills' = IF fill THEN fills \cup {<<level, OrderKind[o]>>} ELSE fills
    /\ queue' = Tail(queue)
    /\ UNCHANGED <<now, truth, changes, msgs, engine>>

Next ==
    \/ \E s \in Levels : ChangeTruth(s)
    \/ Deliver \/ Tick \/ Escalate \/ Relax
    \/ \E o \in Orders : Submit(o)
    \/ Process

(* The engine's own steps and delivery are fair; the environment and      *)
(* traders are not.                                                        *)
Fairness == WF_vars(Deliver) /\ WF_vars(Escalate) /\ WF_vars(Process) /\ WF_vars(Tick)

Spec == Init /\ [][Next]_vars /\ Fairness

-----------------------------------------------------------------------------
(* I8: nothing trades while the market is in Hard.                        *)
I8_NoTradeInHard == \A f \in fills : f[1] /= Hard

(* Soft lets positions close but opens none.                               *)
SoftFillsOnlyClosing == \A f \in fills : f[1] = Soft => f[2] = "close"

(* Bounded re-openings: never more than the cap, every re-opening follows *)
(* its own entry into Hard, and Hard is entered at most once per change.   *)
BoundedReopenings ==
    reopens <= MaxReopenings /\ reopens <= hardEntries /\ hardEntries <= changes

(* Hysteresis: relax one level at a time, never before the cooldown       *)
(* (less the clock drift) has passed in real time.                         *)
StepDownWithCooldown ==
    [][level' < level => level' = level - 1 /\ now - lastChange >= Cooldown - Xi]_vars

(* Updates are never overdue: real time never passes a due time.          *)
BoundedDelay == \A i \in 1..Len(msgs) : msgs[i].due >= now

(* Progress: every queued order is eventually filled or rejected.         *)
OrderProgress == \A o \in Orders : status[o] = "queued" ~> status[o] \in {"filled", "rejected"}

(* What the engine sees catches up with the truth (delivery is fair).     *)
HardIsNoticed == (truth = Hard) ~> (level = Hard \/ truth /= Hard)
=============================================================================
