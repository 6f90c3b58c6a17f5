"""Small HTML readers for tests: top-level <details> blocks, loaded resource URLs, and a
link checker for a built site (every internal link and anchor resolves)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse


@dataclass
class Details:
    open: bool
    summary_text: str = ""
    anchor_ids: list[str] = field(default_factory=list)
    text: str = ""


class DetailsReader(HTMLParser):
    """Collects top-level <details> (not nested in another) with their summary and anchors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.top: list[Details] = []
        self.depth = 0
        self.in_summary = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "details":
            if self.depth == 0:
                self.top.append(Details(open="open" in attrs))
            self.depth += 1
        elif tag == "summary" and self.depth == 1:
            self.in_summary = True
        if self.depth >= 1 and self.in_summary and "id" in attrs:
            self.top[-1].anchor_ids.append(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "details":
            self.depth -= 1
        elif tag == "summary":
            self.in_summary = False

    def handle_data(self, data):
        if self.depth >= 1:
            self.top[-1].text += data
            if self.in_summary:
                self.top[-1].summary_text += data


def top_level_details(html: str) -> list[Details]:
    reader = DetailsReader()
    reader.feed(html)
    return reader.top


class ResourceReader(HTMLParser):
    """URLs the browser would load by itself: scripts, stylesheets, icons, images, frames, media."""

    LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
               "video": "src", "embed": "src", "object": "data", "link": "href"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = self.LOADING.get(tag)
        if key and attrs.get(key):
            self.urls.append(attrs[key])
        if attrs.get("srcset"):
            self.urls += [part.split()[0] for part in attrs["srcset"].split(",") if part.strip()]


def loaded_urls(html: str) -> list[str]:
    reader = ResourceReader()
    reader.feed(html)
    return reader.urls


def _ids_and_links(html: str) -> tuple[set[str], list[str]]:
    ids = set(re.findall(r'\sid="?([^"\s>]+)', html))
    links = re.findall(r'<a\s[^>]*href="([^"]*)"', html)
    return ids, links


def broken_links(site: Path) -> list[str]:
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    ids = {name: _ids_and_links(html)[0] for name, html in pages.items()}
    broken = []
    for name, html in pages.items():
        for href in _ids_and_links(html)[1]:
            url = urlparse(href)
            if url.scheme or url.netloc or href.startswith("mailto:"):
                continue
            if url.path.startswith("/"):  # 404.html links from the site root, as it is served at any depth
                target = unquote(url.path).lstrip("/")
            else:
                target = (Path(name).parent / unquote(url.path)).as_posix() if url.path else name
            target = os.path.normpath(target)
            if url.path.endswith("/") or target == ".":
                target = os.path.normpath(os.path.join(target, "index.html"))
            if not (site / target).exists():
                broken.append(f"{name}: {href} (no file {target})")
            elif url.fragment and target.endswith(".html") and unquote(url.fragment) not in ids.get(target, set()):
                broken.append(f"{name}: {href} (no anchor #{url.fragment} in {target})")
    return broken
