#!/usr/bin/env python3
"""Benchmarks and budgets: how the build scales with the bank, and what a reader downloads.

    make bench        # or: python benchmarks/bench.py [--sizes 100 1000 5000] [--runs 3]

Generates synthetic banks (100, 1,000 and 5,000 questions) whose entries have the lengths
of the real ones, and times each stage as a separate process (median of --runs): the
generator (validation + generation), a full `mkdocs build`, a rebuild under `mkdocs serve`
after a one-line YAML edit, the PDFs and the decks, with peak memory. Then weighs the built
real site. Prints a table and the budgets (pass/fail), and writes benchmarks/results.json.
Figures only: no budget here fails a test run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from flguide import render, sandbox  # noqa: E402
from flguide.markdown_html import read_config  # noqa: E402
from flguide.validate import load_and_validate  # noqa: E402

PY = sys.executable
# Synthetic 5,000-question banks are ~25 MB, past the default guard against hostile input.
# The site build is timed without the downloads it also makes (FLGUIDE_DOWNLOADS=0): the PDFs
# and decks are timed on their own, and their budgets are relative to the pages' build.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "FLGUIDE_MAX_BANK_BYTES": str(2**28),
       "FLGUIDE_DOWNLOADS": "0"}
# Our own scripts and styles: every one mkdocs.yml loads, as built (minified, flguide/assets.py).
_CONFIG = read_config(ROOT / "mkdocs.yml")
OWN_ASSETS = [*_CONFIG["extra_javascript"], *_CONFIG["extra_css"]]
# Every page type in the generator's registry (the heaviest topic page stands for the topics).
PAGE_TYPES = {"topic": None, **{t.path.removesuffix(".md"): t.url() for t in render.PAGE_TYPES if t.nav_title}}


class TooSlow(Exception):
    pass


def run(cmd: list[str], cwd: Path, timeout: float | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    start = time.perf_counter()
    # A session of its own, so a run stopped for time takes its worker processes with it (the
    # PDF command's workers once outlived it, holding all their memory).
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    while timeout is not None:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise TooSlow(f"stopped after {timeout:.0f} s")
        time.sleep(0.5)
    else:
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}: {proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss // 1024


def median_run(cmd: list[str], cwd: Path, runs: int, timeout: float | None = None) -> dict:
    try:
        samples = [run(cmd, cwd, timeout) for _ in range(runs)]
    except TooSlow as exc:
        return {"seconds": None, "peak_mib": None, "note": str(exc)}
    return {"seconds": round(statistics.median(s[0] for s in samples), 3), "peak_mib": max(s[1] for s in samples)}


GENERATOR_WORK = """
import shutil, sys, time
from pathlib import Path
sys.path.insert(0, ".")
from flguide.pipeline import generate
docs = Path(sys.argv[1])
shutil.rmtree(docs, ignore_errors=True)
start = time.perf_counter()
generate(Path("content/questions.yaml"), docs)
print(time.perf_counter() - start)
"""


def generator_work(project: Path, runs: int) -> dict:
    """Validation + generation as the build runs it (in-process, imports already paid), from empty."""
    samples = []
    for _ in range(runs):
        out = subprocess.run([PY, "-c", GENERATOR_WORK, "bench-docs"], cwd=project, env=ENV, capture_output=True,
                             text=True, check=True)
        samples.append(float(out.stdout.strip()))
    shutil.rmtree(project / "bench-docs", ignore_errors=True)
    return {"seconds": round(statistics.median(samples), 3), "peak_mib": None}


def make_project(dest: Path, bank_text: str) -> Path:
    return sandbox.make_project(dest, bank_text.encode("utf-8"), ROOT)


def synthetic_bank(size: int) -> str:
    """`size` questions cloned round-robin from the real bank, with fresh ids and texts."""
    real = yaml.safe_load((ROOT / "content" / "questions.yaml").read_text(encoding="utf-8"))
    source = real["questions"]
    questions = []
    for i in range(size):
        q = dict(source[i % len(source)])
        q["id"] = f"{q['id']}-s{i}"
        q["question"] = f"{q['question']} (variant {i})"
        q["also_asked_as"] = [f"{a} (variant {i})" for a in q.get("also_asked_as", [])]
        q["related"] = []
        q["article"] = []
        questions.append(q)
    # Plan steps name questions by id: point them at each question's first clone.
    first_clone = {q["id"]: f"{q['id']}-s{i}" for i, q in enumerate(source) if i < size}
    def step_of(step: dict) -> dict:
        return {**step, "questions": [first_clone[x] for x in step.get("questions", []) if x in first_clone]}

    plans = [{**plan, "steps": [step_of(step) for step in plan["steps"]]} for plan in real.get("study_plans", [])]
    return yaml.dump({**real, "questions": questions, "study_plans": plans}, Dumper=_NoAliases, allow_unicode=True,
                     sort_keys=False, width=1000)


class _NoAliases(yaml.SafeDumper):
    """The bank refuses YAML aliases, so the synthetic banks must not contain any."""

    def ignore_aliases(self, data) -> bool:
        return True


def serve_rebuild_seconds(project: Path) -> float:
    """Seconds from a one-line YAML edit to the changed page being served by `mkdocs serve`."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    bank = project / "content" / "questions.yaml"
    first = yaml.safe_load(bank.read_text())["questions"][0]
    page = f"http://127.0.0.1:{port}/topics/{first['topic']}.html"

    def fetch() -> str:
        try:
            with urllib.request.urlopen(page, timeout=10) as r:
                return r.read().decode()
        except OSError:
            return ""

    try:
        deadline = time.time() + 600
        while not fetch() and time.time() < deadline:  # wait for the first build to be served
            time.sleep(0.5)
        text = bank.read_text()
        marker = f"benchmark-marker-{time.time_ns()}"
        start = time.perf_counter()
        # a one-line edit: the first question's text gains a word (the YAML may fold long lines)
        bank.write_text(re.sub(r"^(\s*-?\s*question: )", rf"\g<1>{marker} ", text, count=1, flags=re.M))
        while marker not in fetch():
            if time.perf_counter() - start > 300:
                return float("nan")
            time.sleep(0.1)
        return round(time.perf_counter() - start, 3)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


PDF_WARM_EDIT = """
import sys, time
from pathlib import Path
sys.path.insert(0, ".")
from flguide import pdf
from flguide.validate import load_and_validate
bank = load_and_validate(Path("content/questions.yaml"))
build = pdf.build_info("1700000000")
both = lambda b: pdf.compile_documents(pdf.documents(b, "a4", build, topics=False), build)
both(bank)
i = len(bank.questions) // 2
edited = bank.questions[i].model_copy(update={"answer": bank.questions[i].answer + " One more sentence."})
bank = bank.model_copy(update={"questions": [*bank.questions[:i], edited, *bank.questions[i + 1:]]})
start = time.perf_counter()
both(bank)
print(time.perf_counter() - start)
"""


def pdf_warm_edit(project: Path) -> float:
    """Seconds a long-lived compiler (as `mkdocs serve` would keep) takes to rebuild both
    editions after one answer in the middle of the bank gains a sentence."""
    out = subprocess.run([PY, "-c", PDF_WARM_EDIT], cwd=project, env=ENV, capture_output=True, text=True, check=True)
    return round(float(out.stdout.strip().splitlines()[-1]), 3)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def page_weight(site: Path, rel: str) -> dict:
    html = (site / rel).read_bytes()
    base = (site / rel).parent
    css = re.findall(rb'<link[^>]+href="([^"]+\.css)"', html)
    js = re.findall(rb'<script[^>]+src="([^"]+\.js)"', html)

    def total(paths: list[bytes]) -> int:
        return sum(gz((base / p.decode()).read_bytes()) for p in paths if (base / p.decode()).exists())

    return {"html": gz(html), "css": total(css), "js": total(js), "html_raw": len(html)}


def weigh_site(site: Path, topic_page: str, questions: int) -> dict:
    pages = {name: page_weight(site, rel or topic_page) for name, rel in PAGE_TYPES.items()}
    own = sum(gz((site / a).read_bytes()) for a in OWN_ASSETS if (site / a).exists())
    stock = sum(gz(p.read_bytes()) for p in (site / "assets").rglob("*.min.*") if p.suffix in (".js", ".css")
                and "workers" not in p.parts)
    index = (site / "search" / "search_index.json").stat().st_size
    largest = max((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    return {"pages_gzip": pages, "own_js_css_gzip": own, "stock_material_js_css_gzip": stock,
            "own_share_percent": round(100 * own / (own + stock), 1),
            "search_index_bytes_per_question": round(index / questions),
            "largest_html": {"bytes": largest[0], "page": largest[1]}}


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--download-timeout", type=float, default=900,
                        help="seconds after which a PDF or deck build is stopped and reported as such")
    args = parser.parse_args()

    real_bank = load_and_validate(ROOT / "content" / "questions.yaml")
    work = Path(tempfile.mkdtemp(prefix="flguide-bench-"))
    results: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                 "platform": platform.platform(), "processor": platform.machine()},
                     "runs": args.runs, "sizes": {}}
    banks = {"real": (ROOT / "content" / "questions.yaml").read_text(encoding="utf-8")}
    banks.update({str(n): synthetic_bank(n) for n in args.sizes})
    try:
        for label, text in banks.items():
            project = make_project(work / label, text)
            n = len(yaml.safe_load(text)["questions"])
            print(f"[bench] {label}: {n} questions", file=sys.stderr, flush=True)
            row: dict = {"questions": n}
            row["generate_process"] = median_run([PY, "scripts/build_pages.py"], project, args.runs)
            row["generate"] = generator_work(project, args.runs)
            row["site"] = median_run([PY, "-m", "mkdocs", "build"], project, args.runs)
            row["serve_rebuild_seconds"] = serve_rebuild_seconds(make_project(work / f"{label}-serve", text))
            runs = 1 if n >= 1000 else args.runs
            row["pdf_editions"] = median_run([PY, "scripts/build_pdf.py", "--no-topics", "--out", "site/downloads"],
                                             project, runs, args.download_timeout)
            for name, script in (("pdf", "build_pdf.py"), ("decks", "build_decks.py")):
                row[name] = median_run([PY, f"scripts/{script}", "--out", "site/downloads"], project, runs,
                                       args.download_timeout)
            if n < 1000:
                row["pdf_warm_edit_seconds"] = pdf_warm_edit(project)
            first_topic = yaml.safe_load(text)["questions"][0]["topic"]
            row["weight"] = weigh_site(project / "site", f"topics/{first_topic}.html", n)
            results["sizes"][label] = row
            shutil.rmtree(project, ignore_errors=True)
            shutil.rmtree(work / f"{label}-serve", ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    results["budgets"] = budgets(results, args.sizes)
    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print_table(results, len(real_bank.questions))
    return 0


def budgets(results: dict, sizes: list[int]) -> list[dict]:
    rows = results["sizes"]
    out = []
    for label, row in rows.items():
        share = row["generate"]["seconds"] / row["site"]["seconds"]
        out.append({"budget": f"generator ≤ 5% of full site build ({label})",
                    "value": f"{100 * share:.1f}%", "pass": share <= 0.05})
    if str(min(sizes)) in rows and str(max(sizes)) in rows:
        ratio = rows[str(max(sizes))]["generate"]["seconds"] / rows[str(min(sizes))]["generate"]["seconds"]
        out.append({"budget": f"generation time({max(sizes)}) / time({min(sizes)}) ≤ 60",
                    "value": f"{ratio:.1f}", "pass": ratio <= 60})
    own = rows["real"]["weight"]["own_js_css_gzip"]
    out.append({"budget": "own JS + CSS ≤ 20 KB gzip", "value": kb(own), "pass": own <= 20 * 1024})
    for label in ("real", str(max(sizes))):
        if label in rows:
            largest = rows[label]["weight"]["largest_html"]
            out.append({"budget": f"largest page HTML ≤ 300 KB ({label})",
                        "value": f"{kb(largest['bytes'])} ({largest['page']})", "pass": largest["bytes"] <= 300 * 1024})
    real, site = rows["real"], rows["real"]["site"]["seconds"]
    for key, limit, what in (("pdf_editions", 1.0, "both editions"), ("pdf", 1.5, "both editions and topic PDFs")):
        if real.get(key, {}).get("seconds"):
            ratio = real[key]["seconds"] / site
            out.append({"budget": f"PDF, {what}, cold ≤ {limit:g}× site build (real bank)",
                        "value": f"{ratio:.2f}×", "pass": ratio <= limit})
    if "pdf_warm_edit_seconds" in real:
        warm = real["pdf_warm_edit_seconds"]
        out.append({"budget": "PDF, both editions, warm after a one-answer edit ≤ 0.5 s", "value": f"{warm} s",
                    "pass": warm <= 0.5})
    big = rows.get("5000", {}).get("pdf_editions")
    if big:
        ok = big["seconds"] is not None and big["seconds"] <= 120
        out.append({"budget": "PDF, both editions, 5,000 questions ≤ 120 s", "value": cell(big), "pass": ok})
        out.append({"budget": "PDF peak memory ≤ 1 GB (5,000 questions)", "value": f"{big['peak_mib']} MiB",
                    "pass": big["peak_mib"] is not None and big["peak_mib"] <= 1024})
    return out


def cell(measure: dict | None) -> str:
    if not measure:
        return "–"
    return str(measure["seconds"]) if measure["seconds"] is not None else measure["note"]


def print_table(results: dict, real_questions: int) -> None:
    print(f"\nMachine: {results['machine']['cpus']} CPUs, {results['machine']['platform']}, "
          f"Python {results['machine']['python']}; median of {results['runs']} runs\n")
    print("| bank | questions | generate s (as a process) | mkdocs build s | serve rebuild s | PDF editions s "
          "| PDF with topics s | decks s | peak MiB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, row in results["sizes"].items():
        peak = max(v["peak_mib"] or 0 for v in row.values() if isinstance(v, dict) and "peak_mib" in v)
        print(f"| {label} | {row['questions']} | {row['generate']['seconds']} ({row['generate_process']['seconds']}) | "
              f"{row['site']['seconds']} | "
              f"{row['serve_rebuild_seconds']} | {cell(row.get('pdf_editions'))} | {cell(row.get('pdf'))} | "
              f"{cell(row.get('decks'))} | {peak} |")
    real = results["sizes"]["real"]["weight"]
    print(f"\nPage weight, real bank ({real_questions} questions), gzip:\n")
    print("| page | HTML | CSS | JS |")
    print("| --- | ---: | ---: | ---: |")
    for name, w in real["pages_gzip"].items():
        print(f"| {name} | {kb(w['html'])} | {kb(w['css'])} | {kb(w['js'])} |")
    print(f"\nOwn JS+CSS: {kb(real['own_js_css_gzip'])} gzip, {real['own_share_percent']}% over stock Material "
          f"({kb(real['stock_material_js_css_gzip'])}); search index: "
          f"{real['search_index_bytes_per_question']} bytes per question\n")
    print("| budget | value | result |")
    print("| --- | --- | --- |")
    for b in results["budgets"]:
        print(f"| {b['budget']} | {b['value']} | {'pass' if b['pass'] else 'FAIL'} |")


if __name__ == "__main__":
    sys.exit(main())
