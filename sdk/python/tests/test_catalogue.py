import pathlib
import re
import subprocess
import sys
import unittest

import mbp_sdk
from mbp_sdk import CATALOGUE, error_from

ROOT = pathlib.Path(__file__).resolve().parents[3]


class CatalogueTest(unittest.TestCase):
    def test_generated_files_match_the_catalogue(self):
        r = subprocess.run([sys.executable, str(ROOT / "sdk" / "gen-errors"), "--check"], capture_output=True, text=True)
        self.assertEqual(0, r.returncode, r.stderr)

    def test_every_catalogued_code_and_status_is_a_class(self):
        # read the table here too, with a looser pattern than the generator's, so a row it skipped shows up
        doc = (ROOT / "docs" / "api-errors.md").read_text(encoding="utf-8")
        rows = re.findall(r"^\|\s*`([A-Z_0-9]+)`\s*\|\s*(\d+)\s*\|", doc, re.M)
        self.assertGreater(len(rows), 30)
        self.assertEqual({c: int(s) for c, s in rows}, {c: s for c, (s, _) in CATALOGUE.items()})
        for code, (status, cls) in CATALOGUE.items():
            self.assertEqual(code, cls.code)
            self.assertIs(cls, getattr(mbp_sdk, cls.__name__))

    def test_answers_become_the_catalogued_class_and_category(self):
        e = error_from(409, {"error": {"code": "INSUFFICIENT_FUNDS", "message": "m", "field": "amount"}}, {})
        self.assertIsInstance(e, mbp_sdk.InsufficientFundsError)
        self.assertIsInstance(e, mbp_sdk.ConflictError)
        self.assertEqual(("INSUFFICIENT_FUNDS", 409, "amount"), (e.code, e.status, e.field))
        e = error_from(429, {"error": {"code": "RATE_LIMITED", "message": "m"}}, {"retry-after": "2"})
        self.assertIsInstance(e, mbp_sdk.RateLimitError)
        self.assertEqual(2.0, e.retry_after)

    def test_unknown_codes_fall_back_to_the_status_class(self):
        self.assertIs(type(error_from(403, {"error": {"code": "SOMETHING_NEW", "message": "m"}}, {})), mbp_sdk.PermissionDeniedError)
        self.assertIs(type(error_from(502, None, {})), mbp_sdk.ServerError)
        self.assertEqual("HTTP_502", error_from(502, None, {}).code)
        self.assertIs(type(error_from(418, {}, {})), mbp_sdk.ApiError)


if __name__ == "__main__":
    unittest.main()
