# Sourced by scripts/sdk-test before the daemon starts, with mbp() on the test database.
# Today's daemon needs nothing more: the examples create their markets and accounts through the API.
# Exports for the tests: MBP_SDK_KEY_ID / MBP_SDK_SECRET (left empty while the daemon does not sign).
:
