------------------------------- MODULE settlement -------------------------------
(***************************************************************************)
(* One binary market from trading to paid-out (io.mbp.market): an FPMM    *)
(* pool, traders' cash and outcome tokens, LP shares, the oracle's         *)
(* finalization, and the disbursal batch that pays everyone.               *)
(*                                                                         *)
(* Collateral is integer centavos.  Every unit of collateral in the market *)
(* backs one complete set (one Yes and one No token).  A buy pays a fee,   *)
(* mints complete sets with the rest and takes tokens of one outcome out   *)
(* of the pool so that the pool's product Yes*No does not drop (rounded in *)
(* the pool's favour).  Liquidity is added only to a balanced pool, and    *)
(* removed as the provider's share of the pool's tokens.                   *)
(*                                                                         *)
(* After Finalized(outcome) - and only then - a disbursal batch pays each  *)
(* account what its tokens (and LP share of the pool) are worth: 1 per     *)
(* winning token, or 1/2 per token of either side when the event resolved  *)
(* invalid (50/50).  A batch can fail part-way; it is then rolled back to  *)
(* its snapshot and retried (at most MaxFailures times).                   *)
(*                                                                         *)
(* I1 non-negativity, I2 conservation (fees and rounding dust tracked),    *)
(* I4 deterministic payout, I5 no payout before finalization, I6 LP shares *)
(* sum to the total, I7 values within bounds, I10 consistent rollback,     *)
(* L2 eventual disbursal.                                                   *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    Traders,      \* trader accounts
    LP,           \* the account that funds the pool at creation
    InitCash,     \* each account's starting cash
    Funding,      \* LP's initial funding of the pool (out of its cash)
    BuyAmounts,   \* amounts a trader may spend on one buy
    FeePct,       \* trading fee, percent (large here so integer rounding shows)
    MaxFailures,  \* disbursal batches that may fail before one succeeds
    MaxValue      \* stands in for the Java integer range (I7)

Accounts == Traders \cup {LP}
Outcomes == {"Yes", "No"}
Other(o) == IF o = "Yes" THEN "No" ELSE "Yes"
Results == Outcomes \cup {"Invalid"}

VARIABLES
    phase,        \* "open" | "finalized" | "disbursing" | "settled"
    cash,         \* cash[a]: centavos outside the market
    holdings,     \* holdings[a][o]: outcome tokens held by a
    pool,         \* pool[o]: outcome tokens held by the pool
    collateral,   \* centavos locked in the market (backing complete sets)
    lpShares,     \* lpShares[a]: pool shares of a
    totalShares,  \* shares issued
    feePot,       \* fees collected (leave the conservation sum, tracked here)
    outcome,      \* "none" until Finalized, then a Result
    due,          \* what the disbursal batch pays each account
    snapshot,     \* cash before the current batch (for rollback)
    paid,         \* accounts the current batch has paid
    failures,     \* failed batches so far
    dust          \* rounding remainder kept by the market at settlement

vars == <<phase, cash, holdings, pool, collateral, lpShares, totalShares, feePot,
          outcome, due, snapshot, paid, failures, dust>>

RECURSIVE SumOver(_, _)
SumOver(f, S) == IF S = {} THEN 0
                 ELSE LET a == CHOOSE x \in S : TRUE IN f[a] + SumOver(f, S \ {a})

Total == Cardinality(Accounts) * InitCash

Init ==
    /\ phase = "open"
    /\ cash = [a \in Accounts |-> IF a = LP THEN InitCash - Funding ELSE InitCash]
    /\ holdings = [a \in Accounts |-> [o \in Outcomes |-> 0]]
    /\ pool = [o \in Outcomes |-> Funding]
    /\ collateral = Funding
    /\ lpShares = [a \in Accounts |-> IF a = LP THEN Funding ELSE 0]
    /\ totalShares = Funding
    /\ feePot = 0
    /\ outcome = "none"
    /\ due = [a \in Accounts |-> 0]
    /\ snapshot = [a \in Accounts |-> 0]
    /\ paid = {}
    /\ failures = 0
    /\ dust = 0

settle == <<outcome, due, snapshot, paid, failures, dust>>

(* Trader a spends amt on outcome o.  The fee is taken first; the rest    *)
(* mints complete sets into the pool; then the pool pays out tokens of o   *)
(* down to the balance that keeps Yes*No from dropping (ceiling division:  *)
(* rounding favours the pool).                                             *)
Buy(a, o, amt) ==
    /\ phase = "open"
    /\ cash[a] >= amt
    /\ LET fee == (amt * FeePct) \div 100
           net == amt - fee
           otherAfter == pool[Other(o)] + net
           oAfter == (pool[o] * pool[Other(o)] + otherAfter - 1) \div otherAfter
           out == pool[o] + net - oAfter
       IN /\ out > 0
          /\ cash' = [cash EXCEPT ![a] = @ - amt]
          /\ feePot' = feePot + fee
          /\ collateral' = collateral + net
          /\ pool' = [x \in Outcomes |-> IF x = o THEN oAfter ELSE otherAfter]
          /\ holdings' = [holdings EXCEPT ![a][o] = @ + out]
    /\ UNCHANGED <<phase, lpShares, totalShares, settle>>

(* Account a adds amt of liquidity to a balanced pool and receives shares *)
(* pro rata (rounded down).                                                *)
AddLiquidity(a, amt) ==
    /\ phase = "open"
    /\ cash[a] >= amt
    /\ pool["Yes"] = pool["No"]
    /\ LET minted == (amt * totalShares) \div pool["Yes"]
       IN /\ minted > 0
          /\ lpShares' = [lpShares EXCEPT ![a] = @ + minted]
          /\ totalShares' = totalShares + minted
    /\ cash' = [cash EXCEPT ![a] = @ - amt]
    /\ pool' = [o \in Outcomes |-> pool[o] + amt]
    /\ collateral' = collateral + amt
    /\ UNCHANGED <<phase, holdings, feePot, settle>>

(* Account a withdraws all its shares and takes its share of the pool's   *)
(* tokens (rounded down: the remainder stays in the pool).  The last       *)
(* provider cannot leave an open market without liquidity.                 *)
RemoveLiquidity(a) ==
    /\ phase = "open"
    /\ lpShares[a] > 0 /\ lpShares[a] < totalShares
    /\ LET take == [o \in Outcomes |-> (pool[o] * lpShares[a]) \div totalShares]
       IN /\ holdings' = [holdings EXCEPT ![a] = [o \in Outcomes |-> @[o] + take[o]]]
          /\ pool' = [o \in Outcomes |-> pool[o] - take[o]]
    /\ totalShares' = totalShares - lpShares[a]
    /\ lpShares' = [lpShares EXCEPT ![a] = 0]
    /\ UNCHANGED <<phase, cash, collateral, feePot, settle>>

(* The oracle's Finalized(outcome) arrives; trading stops for good.       *)
Finalize(r) ==
    /\ phase = "open"
    /\ phase' = "finalized"
    /\ outcome' = r
    /\ UNCHANGED <<cash, holdings, pool, collateral, lpShares, totalShares, feePot,
                   due, snapshot, paid, failures, dust>>

\* Tokens a owns outright plus its LP share of the pool's tokens.
Tokens(a, o) == holdings[a][o] + (pool[o] * lpShares[a]) \div totalShares

\* What a is owed for the final outcome: a pure function of the frozen state.
Payout(a) == IF outcome = "Invalid"
                THEN (Tokens(a, "Yes") + Tokens(a, "No")) \div 2
                ELSE Tokens(a, outcome)

(* A disbursal batch starts: it fixes what everyone is owed and snapshots *)
(* the cash it is about to change.                                         *)
StartDisbursal ==
    /\ phase = "finalized"
    /\ due' = [a \in Accounts |-> Payout(a)]
    /\ snapshot' = cash
    /\ paid' = {}
    /\ phase' = "disbursing"
    /\ UNCHANGED <<cash, holdings, pool, collateral, lpShares, totalShares, feePot,
                   outcome, failures, dust>>

(* The batch pays one account.                                             *)
PayOne(a) ==
    /\ phase = "disbursing"
    /\ a \notin paid
    /\ cash' = [cash EXCEPT ![a] = @ + due[a]]
    /\ paid' = paid \cup {a}
    /\ UNCHANGED <<phase, holdings, pool, collateral, lpShares, totalShares, feePot,
                   outcome, due, snapshot, failures, dust>>

(* The batch fails part-way (payment rail error): everything it did is    *)
(* rolled back to the snapshot, and settlement will be retried.            *)
FailBatch ==
    /\ phase = "disbursing"
    /\ failures < MaxFailures
    /\ cash' = snapshot
    /\ paid' = {}
    /\ failures' = failures + 1
    /\ phase' = "finalized"
    /\ UNCHANGED <<holdings, pool, collateral, lpShares, totalShares, feePot,
                   outcome, due, snapshot, dust>>

(* Everyone is paid: the batch commits; collateral not paid out is        *)
(* rounding dust, kept and accounted for.                                  *)
Commit ==
    /\ phase = "disbursing"
    /\ paid = Accounts
    /\ phase' = "settled"
    /\ dust' = collateral - SumOver(due, Accounts)
    /\ collateral' = 0
    /\ UNCHANGED <<cash, holdings, pool, lpShares, totalShares, feePot,
                   outcome, due, snapshot, paid, failures>>

Next ==
    \/ \E a \in Traders, o \in Outcomes, amt \in BuyAmounts : Buy(a, o, amt)
    \/ \E a \in Traders, amt \in BuyAmounts : AddLiquidity(a, amt)
    \/ \E a \in Accounts : RemoveLiquidity(a)
    \/ \E r \in Results : Finalize(r)
    \/ StartDisbursal
    \/ \E a \in Accounts : PayOne(a)
    \/ FailBatch
    \/ Commit

(* Settlement steps are the daemon's own work: fair.  Trading and the     *)
(* oracle are not (a market may stay open forever as far as L2 cares).     *)
Fairness == WF_vars(StartDisbursal) /\ WF_vars(\E a \in Accounts : PayOne(a)) /\ WF_vars(Commit)

Spec == Init /\ [][Next]_vars /\ Fairness

-----------------------------------------------------------------------------
Escrow == IF phase = "disbursing" THEN collateral - SumOver([a \in paid |-> due[a]], paid)
          ELSE collateral

TypeOK ==
    /\ phase \in {"open", "finalized", "disbursing", "settled"}
    /\ outcome \in Results \cup {"none"}
    /\ paid \subseteq Accounts
    /\ failures \in 0..MaxFailures

(* I1: no balance, holding, pool balance or share count is negative.      *)
I1_NonNegative ==
    /\ \A a \in Accounts : cash[a] >= 0 /\ lpShares[a] >= 0 /\ due[a] >= 0
                           /\ \A o \in Outcomes : holdings[a][o] >= 0
    /\ \A o \in Outcomes : pool[o] >= 0
    /\ collateral >= 0 /\ feePot >= 0 /\ dust >= 0

(* I2: money is conserved: cash + escrow + fees + dust is what we started *)
(* with; and while the market holds collateral, every outstanding token is *)
(* backed by it.                                                           *)
I2_Conservation ==
    /\ SumOver(cash, Accounts) + Escrow + feePot + dust = Total
    /\ phase \in {"open", "finalized"} =>
          \A o \in Outcomes : pool[o] + SumOver([a \in Accounts |-> holdings[a][o]], Accounts) = collateral

(* I4: the amounts paid are a function of the state frozen at             *)
(* finalization and the outcome, nothing else; and they are covered.       *)
I4_DeterministicSettlement ==
    phase \in {"disbursing", "settled"} =>
        /\ due = [a \in Accounts |-> Payout(a)]
        /\ SumOver(due, Accounts) <= collateral \/ phase = "settled"

(* I5: nobody is paid before the market is finalized.                     *)
I5_NoPayoutBeforeFinalization ==
    [][(\E a \in Accounts : cash'[a] > cash[a]) => phase = "disbursing" /\ outcome /= "none"]_vars

(* I6: LP shares add up to the shares issued.                              *)
I6_LpSharesSum == SumOver(lpShares, Accounts) = totalShares /\ totalShares > 0

(* I7: every value, and the largest intermediate product (pool Yes*No),   *)
(* stays within the declared range.                                        *)
I7_NoOverflow ==
    /\ pool["Yes"] * pool["No"] <= MaxValue
    /\ collateral <= MaxValue /\ totalShares <= MaxValue
    /\ \A a \in Accounts : cash[a] <= MaxValue

(* A buy never lowers the pool's product Yes*No (ceiling division in the  *)
(* pool's favour); liquidity changes (which move totalShares) may.         *)
PoolProductNeverDrops ==
    [][(phase = "open" /\ phase' = "open" /\ totalShares' = totalShares) =>
          pool'["Yes"] * pool'["No"] >= pool["Yes"] * pool["No"]]_vars

(* I10: a batch is all-or-nothing: while it runs, cash is its snapshot    *)
(* plus what it has paid; outside a batch, no one is half-paid; after a    *)
(* failure the cash is exactly the snapshot again.                         *)
I10_ConsistentRollback ==
    /\ phase = "disbursing" =>
          \A a \in Accounts : cash[a] = snapshot[a] + (IF a \in paid THEN due[a] ELSE 0)
    /\ phase = "finalized" => paid = {} /\ (failures > 0 => cash = snapshot)
    /\ phase = "settled" => paid = Accounts

(* L2: once finalized, the market is eventually settled (everyone paid).  *)
L2_EventualDisbursal == (phase = "finalized") ~> (phase = "settled")
=============================================================================
