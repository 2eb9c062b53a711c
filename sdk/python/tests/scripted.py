"""A real HTTP server on 127.0.0.1 that answers a script of (status, headers, body) and records each request,
so retry, idempotency and signing behaviour is checked over real sockets."""

import http.server
import json
import threading


class Scripted:
    def __init__(self, script):
        self.script = list(script)
        self.requests = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                n = int(self.headers.get("Content-Length") or 0)
                owner.requests.append({"method": self.command, "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                                       "body": self.rfile.read(n)})
                status, headers, body = owner.script.pop(0) if owner.script else (500, {}, {"error": {"code": "X", "message": "script ran out"}})
                if status == 0:  # drop the connection without an answer
                    self.close_connection = True
                    self.connection.close()
                    return
                raw = json.dumps(body).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
