"""Stage 4 on disk: put rendered files into a folder, all or nothing (`pipeline.generate`).

The MkDocs plugin never writes pages (they are virtual files); this is for callers that want
them on disk, such as the benchmark's generator timing. Owns the generated part of that
folder: which files it wrote last time (a manifest), writing through a temporary directory
so a failure leaves the old files untouched, skipping unchanged files, and deleting pages
that no longer exist (a removed topic leaves nothing stale behind).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

MANIFEST = ".generated-files"


def write_tree(files: dict[str, str], root: Path) -> list[str]:
    """Make `root` hold exactly `files` among generated paths; return the paths that changed."""
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root))
    try:
        for rel, text in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        changed = []
        for rel in sorted(files):
            final = root / rel
            staged = staging / rel
            if final.is_file() and final.read_bytes() == staged.read_bytes():
                continue
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, final)
            changed.append(rel)
        for rel in sorted(_previous(root) - set(files)):
            stale = root / rel
            if stale.is_file():
                stale.unlink()
                changed.append(rel)
                _remove_empty_parents(stale.parent, root)
        manifest = "".join(f"{rel}\n" for rel in sorted(files))
        if _read(root / MANIFEST) != manifest:
            (root / MANIFEST).write_text(manifest, encoding="utf-8")
        return changed
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _previous(root: Path) -> set[str]:
    text = _read(root / MANIFEST) or ""
    # Never trust a manifest line that would escape the generated tree.
    return {line for line in text.splitlines() if line and ".." not in Path(line).parts and not line.startswith("/")}


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
