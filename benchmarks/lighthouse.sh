#!/usr/bin/env bash
# Lighthouse scores (mobile preset) for the home page, a topic page and the Practice page of
# the real site, served on localhost and audited in Debian's Chromium. Prints four scores
# per page (median of LIGHTHOUSE_RUNS runs, default 3), the metrics behind the performance
# score, and the pass/fail against the budgets. LIGHTHOUSE_EXTRA_FLAGS adds Chromium flags for
# diagnosis only (README, Performance); the budgets hold for the default flags.
# `make lighthouse` runs it; it builds the site first.
set -euo pipefail
cd "$(dirname "$0")/.."
LH_VERSION=12.2.3
TOOLS=benchmarks/.lighthouse
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
[ -x "$CHROME_PATH" ] || { echo "Chromium not found at $CHROME_PATH" >&2; exit 1; }

if [ ! -x "$TOOLS/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "lighthouse@$LH_VERSION" >/dev/null
fi
# Always the current real bank: a stale or synthetic site would measure the wrong pages.
make --no-print-directory site >/dev/null 2>&1 || { echo "site build failed: run make site" >&2; exit 1; }

PORT=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
.venv/bin/python benchmarks/serve_gzip.py "$PORT" site &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
sleep 1

# The heaviest topic page (most bytes), not merely the first one.
TOPIC=$(ls -S site/topics | head -1)
RUNS=${LIGHTHOUSE_RUNS:-3}
OUT=$(mktemp -d)
status=0
echo "Lighthouse $LH_VERSION, mobile preset, median of $RUNS run(s) per page${LIGHTHOUSE_EXTRA_FLAGS:+ (diagnostic Chromium flags: $LIGHTHOUSE_EXTRA_FLAGS; budgets are judged without them)}"
printf '%-28s %12s %14s %15s %6s\n' page performance accessibility best-practices seo
for page in index.html "topics/$TOPIC" practice.html; do
  reports=()
  for run in $(seq "$RUNS"); do
    report="$OUT/$(echo "$page" | tr / _)-$run.json"
    # A run that hangs (a stuck Chromium) must not hang the benchmark.
    timeout 300 "$TOOLS/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT/$page" --quiet --output=json \
      --output-path="$report" --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync ${LIGHTHOUSE_EXTRA_FLAGS:-}" \
      >/dev/null 2>&1 && reports+=("$report") || echo "  lighthouse run $run failed on $page" >&2
  done
  if [ ${#reports[@]} -eq 0 ]; then echo "lighthouse failed on $page" >&2; status=1; continue; fi
  # The run with the median performance score stands for the page (Lighthouse's own advice
  # for its run-to-run variance); its other three scores are printed with it.
  read -r median perf a11y bp seo < <(node -e '
    const runs = process.argv.slice(1).map((f) => [f, require(f).categories]);
    runs.sort((a, b) => a[1].performance.score - b[1].performance.score);
    const [file, c] = runs[Math.floor((runs.length - 1) / 2)];
    console.log(file, ...["performance","accessibility","best-practices","seo"].map(k => Math.round(c[k].score * 100)));
  ' "${reports[@]}")
  printf '%-28s %12s %14s %15s %6s\n' "$page" "$perf" "$a11y" "$bp" "$seo"
  # The metrics behind the score, and the first paint as Chromium saw it (not simulated): when
  # that paint comes late, Lighthouse's simulated LCP counts every task that ran before it.
  node -e '
    const m = require(process.argv[1]).audits.metrics.details.items[0];
    console.log(`    FCP ${m.firstContentfulPaint} ms · LCP ${m.largestContentfulPaint} ms · TBT ${m.totalBlockingTime} ms · CLS ${m.cumulativeLayoutShift.toFixed(3)} · observed first paint ${m.observedFirstContentfulPaint} ms`);
  ' "$median"
  if [ "$perf" -lt 95 ] || [ "$a11y" -lt 100 ] || [ "$bp" -lt 100 ] || [ "$seo" -lt 95 ]; then
    echo "  below budget (performance ≥ 95, accessibility 100, best practices 100, SEO ≥ 95)"
    node -e '
      const r = require(process.argv[1]);
      for (const [id, c] of Object.entries(r.categories))
        for (const ref of c.auditRefs)
          if (ref.weight > 0 && r.audits[ref.id].score !== null && r.audits[ref.id].score < 1)
            console.log(`    ${id}: ${ref.id} (${r.audits[ref.id].score})`);
    ' "$median"
    status=1
  fi
done
rm -rf "$OUT"
exit $status
