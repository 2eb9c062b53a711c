--------------------------- MODULE merkle_append_only ---------------------------
(***************************************************************************)
(* Checkpoints over a growing event log (io.mbp.merkle, RFC 9162).         *)
(*                                                                         *)
(* The log is a sequence of leaves.  A checkpoint publishes the log's size *)
(* and root.  The root is modelled as the log prefix itself: a collision-  *)
(* resistant hash commits to exactly that prefix, so two roots of the same *)
(* size are equal iff the prefixes are, and a consistency proof from       *)
(* checkpoint A to checkpoint B exists iff A's prefix is a prefix of B's.  *)
(* That abstraction is what lets TLC check append-only-ness without        *)
(* hashing; the hash itself is tested in Java (RFC 9162 vectors).          *)
(*                                                                         *)
(* I11: every new checkpoint extends every earlier one (a consistency      *)
(*      proof between them exists).  Also: the log still holds every       *)
(*      checkpointed prefix.                                               *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS
    Leaves,          \* the leaf values an event can hash to
    MaxLen,          \* longest log in the model
    MaxCheckpoints   \* most checkpoints published in the model

VARIABLES
    log,             \* the append-only log: a sequence of leaves
    checkpoints      \* published checkpoints, oldest first: [size, root]

vars == <<log, checkpoints>>

\* Consistency proof abstraction: old is a prefix of new.
Consistent(old, new) ==
    /\ old.size <= new.size
    /\ SubSeq(new.root, 1, old.size) = old.root

TypeOK ==
    /\ log \in Seq(Leaves) /\ Len(log) <= MaxLen
    /\ Len(checkpoints) <= MaxCheckpoints
    /\ \A i \in 1..Len(checkpoints) :
          checkpoints[i].size = Len(checkpoints[i].root)

Init ==
    /\ log = <<>>
    /\ checkpoints = <<>>

(* A new event's leaf is appended at the end; nothing else changes.       *)
(* (Named Append_ because Append is the Sequences operator it uses.)       *)
Append_(x) ==
    /\ Len(log) < MaxLen
    /\ log' = Append(log, x)
    /\ UNCHANGED checkpoints

(* The sealer publishes a checkpoint of the whole log as it is now.       *)
Checkpoint ==
    /\ Len(checkpoints) < MaxCheckpoints
    /\ checkpoints' = Append(checkpoints, [size |-> Len(log), root |-> log])
    /\ UNCHANGED log

Next ==
    \/ \E x \in Leaves : Append_(x)
    \/ Checkpoint

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* I11: each checkpoint extends all earlier ones: a consistency proof     *)
(* exists from every published checkpoint to every later one.              *)
I11_AppendOnly ==
    \A i, j \in 1..Len(checkpoints) : i < j => Consistent(checkpoints[i], checkpoints[j])

(* The log still holds what was checkpointed: every published root is a   *)
(* prefix of the current log (what a verifier checks against the log).     *)
LogExtendsCheckpoints ==
    \A i \in 1..Len(checkpoints) : SubSeq(log, 1, checkpoints[i].size) = checkpoints[i].root
=============================================================================
