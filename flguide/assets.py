"""Owns the last step for the guide's own scripts and styles in a built site: minifying them.

The sources in docs/assets/ keep their comments for readers of the code; the built copies
lose comments and spare whitespace (rjsmin, rcssmin), each file staying a file of its own, so
nothing is bundled and every page loads the same scripts as before, only smaller. The
builders' own assets are named *.min.* and are left alone.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

FOLDERS = {"assets/javascripts": ("*.js", rjsmin.jsmin), "assets/stylesheets": ("*.css", rcssmin.cssmin)}


def own_assets(site: Path) -> list[Path]:
    """The guide's scripts and stylesheets in `site` (not the builder's *.min.* files)."""
    return sorted(path for folder, (pattern, _) in FOLDERS.items() for path in (site / folder).glob(pattern)
                  if ".min." not in path.name)


def minify_own_assets(site: Path) -> int:
    """Minify the guide's own scripts and stylesheets in place; returns the bytes saved."""
    saved = 0
    for path in own_assets(site):
        minify = FOLDERS[path.parent.relative_to(site).as_posix()][1]
        text = path.read_text(encoding="utf-8")
        small = minify(text).strip() + "\n"
        if len(small) < len(text):
            path.write_text(small, encoding="utf-8")
            saved += len(text) - len(small)
    return saved
