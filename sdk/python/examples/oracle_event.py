"""Read an oracle event: its phase, latest round, and final answer with the seq of its Finalized event (the
proof of which GET /v2/proofs/{seq} serves once sealed). Prints one JSON object.

    MBP_URL=http://127.0.0.1:8080 python3 examples/oracle_event.py ptax-usdbrl-2026-11-27
"""
import json
import sys

from _env import client, mbp_sdk


def main():
    event_id = sys.argv[1] if len(sys.argv) > 1 else "ptax-usdbrl-2026-11-27"
    api = client()
    event = api.oracle_event(event_id)
    rounds = api.oracle_rounds(event_id)["rounds"]
    try:
        final = api.oracle_finalization(event_id)
    except mbp_sdk.OracleNotFinalizedError as e:
        final = {"not_finalized": e.message}
    print(json.dumps({
        "event": event["event"],
        "phase": event["phase"],
        "listed": any(e["event"] == event_id for e in api.oracle_events()),
        "rounds": len(rounds),
        "last_round": rounds[-1] if rounds else None,
        "finalization": final,
        "disputes": len(api.oracle_disputes(event_id)["disputes"]),
    }))


if __name__ == "__main__":
    main()
