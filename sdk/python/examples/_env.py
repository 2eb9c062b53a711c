"""What every example shares: the client from the environment (MBP_URL, MBP_KEY_ID, MBP_SECRET)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import mbp_sdk  # noqa: E402


def client():
    key_id, secret = os.environ.get("MBP_KEY_ID"), os.environ.get("MBP_SECRET")
    return mbp_sdk.Client(os.environ.get("MBP_URL", "http://127.0.0.1:8080"), key_id or None, secret or None)
