#!/usr/bin/env python3
"""Serve a folder on 127.0.0.1 with gzip, as a static host would (GitHub Pages compresses).

    python benchmarks/serve_gzip.py PORT FOLDER

Lighthouse measures transfer sizes, so an uncompressed dev server would understate the site.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import sys

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        path = self.translate_path(self.path)
        if not path.endswith(COMPRESSIBLE) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        try:
            with open(path, "rb") as f:
                body = gzip.compress(f.read(), 6)
        except OSError:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port, folder = int(sys.argv[1]), sys.argv[2]
    handler = functools.partial(GzipHandler, directory=folder)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
