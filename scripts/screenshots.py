"""Owns the README's screenshots: a topic page and Practice, on a desktop and on a phone.

Takes them from the built site (`make site` first; `make screenshots` does both) in Debian's
Chromium, with a fresh progress store, so they show what a new reader sees, and writes
them into screenshots/. Run it again whenever the pages change.
"""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

# Paths are the project's, from its root, where `make screenshots` runs this.
SITE = Path("site")
OUT = Path("screenshots")
CHROMIUM = "/usr/bin/chromium"
# The question the topic shots open: the one the README's caption names.
TOPIC_PAGE, QUESTION = "topics/heterogeneity.html", "client-drift"


@dataclass(frozen=True)
class Screen:
    name: str
    width: int
    height: int
    scale: float
    phone: bool


DESKTOP = Screen("desktop", 1280, 800, 1, phone=False)
PHONE = Screen("phone", 390, 844, 2, phone=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _open_question(page: Page) -> None:
    # The link opens the answer and scrolls its title to just below the header (quiz.js).
    page.wait_for_selector(f"details.question[open] [id='{QUESTION}']")


def _practice(page: Page) -> None:
    page.wait_for_selector("#flq-practice .flq-card[data-id]")


SHOTS = [
    (f"{TOPIC_PAGE}#{QUESTION}", "topic", _open_question),
    ("practice.html", "practice", _practice),
]


def take(base: str, out: Path = OUT) -> list[Path]:
    """Every shot of SHOTS on both screens, as PNG files in `out`."""
    out.mkdir(exist_ok=True)
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        for screen in (DESKTOP, PHONE):
            for path, stem, ready in SHOTS:
                context = browser.new_context(
                    viewport={"width": screen.width, "height": screen.height},
                    device_scale_factor=screen.scale, is_mobile=screen.phone, has_touch=screen.phone,
                    reduced_motion="reduce")
                page = context.new_page()
                page.goto(f"{base}/{path}", wait_until="load")
                ready(page)
                page.wait_for_timeout(300)  # let Material settle the header and the sidebar
                target = out / f"{stem}-{screen.name}.png"
                page.screenshot(path=target)
                written.append(target)
                context.close()
        browser.close()
    return written


def main() -> None:
    if not (SITE / "index.html").exists():
        raise SystemExit("no built site: run make site first")
    handler = functools.partial(_Quiet, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for path in take(f"http://127.0.0.1:{server.server_address[1]}"):
            print(path)
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
