------------------------ MODULE merkle_append_only_broken ------------------------
(***************************************************************************)
(* EXPECTED TO FAIL.  merkle_append_only plus one dishonest action: the    *)
(* operator rewrites a leaf that is already in the log (history rewrite).  *)
(* TLC must find a behaviour where a later checkpoint does not extend an   *)
(* earlier one, i.e. I11 is violated.  The build requires this failure:    *)
(* it proves that the I11 check can fail and is not vacuous.               *)
(***************************************************************************)
EXTENDS merkle_append_only

(* Replace leaf i with x, keeping the length: a fork of the history.      *)
RewriteHistory(i, x) ==
    /\ i \in 1..Len(log)
    /\ log[i] /= x
    /\ log' = [log EXCEPT ![i] = x]
    /\ UNCHANGED checkpoints

NextBroken ==
    \/ Next
    \/ \E i \in 1..MaxLen, x \in Leaves : RewriteHistory(i, x)

SpecBroken == Init /\ [][NextBroken]_vars
=============================================================================
