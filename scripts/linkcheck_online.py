#!/usr/bin/env python3
"""Check every reference URL in the bank over the network (maintainers only; never in CI).

    make linkcheck-online

Prints one line per URL that fails (status or error) and exits 1 if any did. Some publishers
refuse HEAD or scripted clients: a 403/405 is retried with GET and reported, not hidden.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from flguide.validate import load_and_validate

HEADERS = {"User-Agent": "fl-interview-guide-linkcheck/1.0 (+https://github.com/)"}


def check(url: str) -> str | None:
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers=HEADERS)
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                if response.status < 400:
                    return None
                problem = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            problem = f"HTTP {exc.code}"
            if exc.code not in (403, 405, 429):
                return problem
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return f"{type(exc).__name__}: {exc}"
    return problem


def main() -> int:
    bank = load_and_validate(Path("content") / "questions.yaml", "content/questions.yaml")
    urls = sorted({ref.url for q in bank.questions for ref in q.references})
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(check, urls))
    failures = [(url, problem) for url, problem in zip(urls, results, strict=True) if problem]
    for url, problem in failures:
        print(f"{problem}\t{url}")
    print(f"{len(urls)} reference URLs checked, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
