import json
import pathlib
import unittest

from mbp_sdk import signing

DOC = pathlib.Path(__file__).resolve().parents[3] / "docs" / "api-auth.md"
VECTORS = json.loads((pathlib.Path(__file__).resolve().parents[2] / "vectors.json").read_text(encoding="utf-8"))


class SigningTest(unittest.TestCase):
    def test_vectors_computed_by_openssl(self):
        for v in VECTORS["request_signing"]:
            with self.subTest(path=v["path_with_query"]):
                body = v["body"].encode("utf-8")
                self.assertEqual(v["string_to_sign"], signing.string_to_sign(v["timestamp"], v["method"], v["path_with_query"], body))
                self.assertEqual(v["signature"], signing.sign(v["secret"], v["timestamp"], v["method"], v["path_with_query"], body))

    def test_the_worked_example_of_docs_api_auth(self):
        text = DOC.read_text(encoding="utf-8")
        block = text[text.index("### Worked example"):]
        block = block[block.index("```text") + 7:]
        block = block[:block.index("```")]
        ex = dict(line.split(": ", 1) for line in block.strip().splitlines())
        body = ex["body"].encode("utf-8")
        self.assertEqual(ex["body_sha256"], signing.string_to_sign(0, "GET", "/", body).rsplit("\n", 1)[1])
        self.assertEqual(ex["signature"], signing.sign(ex["secret"], int(ex["timestamp"]), ex["method"], ex["path_with_query"], body))

    def test_headers_carry_key_id_timestamp_and_signature(self):
        v = VECTORS["request_signing"][2]
        h = signing.headers(v["key_id"], v["secret"], v["timestamp"], v["method"], v["path_with_query"], v["body"].encode())
        self.assertEqual({"MBP-Key-Id": v["key_id"], "MBP-Timestamp": str(v["timestamp"]), "MBP-Signature": v["signature"]}, h)

    def test_every_signed_part_changes_the_signature(self):
        v = VECTORS["request_signing"][2]
        base = (v["secret"], v["timestamp"], v["method"], v["path_with_query"], v["body"].encode())
        good = signing.sign(*base)
        for i, other in [(0, v["secret"] + "x"), (1, v["timestamp"] + 1), (2, "PUT"), (3, v["path_with_query"] + "?a=1"),
                         (4, v["body"].replace("1000", "1001").encode())]:
            changed = list(base)
            changed[i] = other
            self.assertNotEqual(good, signing.sign(*changed), f"part {i} is not signed")

    def test_method_is_upper_cased_and_signature_lowercase_hex(self):
        v = VECTORS["request_signing"][0]
        sig = signing.sign(v["secret"], v["timestamp"], "get", v["path_with_query"], b"")
        self.assertEqual(v["signature"], sig)
        self.assertRegex(sig, "^[0-9a-f]{64}$")


if __name__ == "__main__":
    unittest.main()
