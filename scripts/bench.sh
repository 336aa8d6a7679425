#!/usr/bin/env bash
# bench.sh: the numbers of BENCHMARKS.md, from one run.
#
#   bash scripts/bench.sh [N ...]        (default: 1000 10000 50000)
#   PAIRS=7 bash scripts/bench.sh 10000  (pairs per row, the first a warm-up; default 6)
#
# For each N, two rows, each from interleaved pairs of builds on the same
# generated corpus (../shared/bench/gencorpus, seed 1): this generator, then
# Hugo, then this generator, then Hugo, …, each build into a fresh output
# folder, wall time and peak memory from GNU time. The first pair is a
# warm-up and is dropped. This VM's speed drifts by up to 2x within an hour,
# so a row reports the median of the pairs' ratios (generator / Hugo) with
# their spread (lowest–highest), not a ratio of two separate means.
#   1. "e-zine theme": the corpus as it is, so this generator renders it
#      with its built-in e-zine theme (cards, related articles, outline,
#      JSON-LD, ...), while Hugo renders it with the minimal layouts of
#      ../shared/bench/hugo-site;
#   2. "same layouts": the corpus with scripts/bench-theme as its
#      themes/ezine, the same minimal markup as Hugo's layouts, for an
#      engine-to-engine comparison. Every generator feature stays on:
#      minify, fingerprints, feeds, sitemap, taxonomies, link checks.
# Then the e-zine's own cold build (hyperfine, from a built binary), the dev
# server's rebuild latency, and the preview's save-to-visible latency in
# Chromium. Last the warm build at $WARM_PAGES pages (default 10000), on a
# copy of that corpus: interleaved pairs of a cold build (-cache=false) and
# a warm one (the page facts of the build before in .cache/facts; each warm
# run first appends a sentence to one page), the first pair a warm-up,
# reporting the median of the pairs' warm/cold ratios of wall and of CPU
# time (user + sys) with their spread.
#
#   ROWS="compare warm" bash scripts/bench.sh 10000   (only these parts;
#   default "compare ezine serve preview warm")
#
# Corpora and outputs live in $BENCH_ROOT (default /dev/shm, a tmpfs): on
# this project's VM the disk's ext4 slows down creating files after many
# deletions (inode allocation), which made repeated runs of either tool
# drift by seconds; tmpfs measures the tools, not that.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
export BENCH_ROOT=${BENCH_ROOT:-/dev/shm}
sizes=${*:-1000 10000 50000}
pairs=${PAIRS:-6}
rows=" ${ROWS:-compare ezine serve preview warm} "
warm_pages=${WARM_PAGES:-10000}
# wants PART reports whether ROWS asks for PART.
wants() { [[ $rows == *" $1 "* ]]; }
{ ! wants compare || command -v hugo >/dev/null; } && command -v hyperfine >/dev/null && [ -x /usr/bin/time ] ||
  { apt-get update -qq && apt-get install -y -qq hugo hyperfine time >/dev/null; }
bin=$BENCH_ROOT/ezine-bench
(cd "$here" && go build -o "$bin" .)
hugo_version=$(hugo version 2>/dev/null | cut -d' ' -f1-2) || hugo_version="no Hugo"
echo "# $hugo_version; generator at $(git -C "$here" rev-parse --short HEAD); $(nproc) cores"

# measure OUT CMD... runs CMD once into a fresh OUT and prints its wall
# seconds, peak KB, user and system CPU seconds.
measure() {
  local out=$1
  shift
  rm -rf "$out"
  /usr/bin/time -f "%e %M %U %S" -o "$BENCH_ROOT/time.txt" "$@" >/dev/null 2>"$BENCH_ROOT/stderr.txt" ||
    { cat "$BENCH_ROOT/stderr.txt" >&2; exit 1; }
  cat "$BENCH_ROOT/time.txt"
}

# median_awk is an awk function: the median of a[1..k] (sorts a).
median_awk='
  function median(a, k,   t, i, j) {
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }'

# corpus_dir N prints the folder of the generated corpus of N pages, making it
# when missing.
corpus_dir() {
  local dir=$BENCH_ROOT/bench-$1
  if [ ! -d "$dir/content" ]; then
    (cd "$shared/bench/gencorpus" && go run . -n "$1" -seed 1 -out "$dir" >/dev/null)
  fi
  echo "$dir"
}

# row LABEL N SITE prints one row: interleaved pairs of this generator on
# SITE and Hugo on the same content.
row() {
  local label=$1 n=$2 site=$3 hugo=$BENCH_ROOT/hugo-$2
  local log=$BENCH_ROOT/pairs-$n-${label// /-}.txt
  : >"$log"
  for i in $(seq 0 "$pairs"); do
    # -cache=false: a cold build, as Hugo's is (the facts cache would make
    # every build after the first a warm one; its row is "warm" below).
    g=$(measure "$site/out-gen" "$bin" build -cache=false -source "$site" -destination "$site/out-gen")
    h=$(measure "$hugo/out-hugo" hugo --minify --quiet -s "$hugo" -d "$hugo/out-hugo")
    [ "$i" = 0 ] || echo "$g $h" >>"$log"
  done
  rm -rf "$site/out-gen" "$hugo/out-hugo"
  # Columns: gen s, gen KB, gen user, gen sys, hugo s, hugo KB, hugo user, hugo sys.
  awk -v label="$label" -v n="$n" "$median_awk"'
    { k++; gs[k] = $1; gm[k] = $2; hs[k] = $5; hm[k] = $6; r[k] = $1 / $5; m[k] = $2 / $6
      lo = (k == 1 || r[k] < lo) ? r[k] : lo; hi = (k == 1 || r[k] > hi) ? r[k] : hi }
    END {
      g = median(gs, k); h = median(hs, k); gk = median(gm, k); hk = median(hm, k)
      printf "| %s | %d | %.2f s | %.2f s | **%.2fx** (%.2f–%.2f, %d pairs) | %.0f MB | %.0f MB | **%.2fx** | %.3f ms |\n",
        label, n, g, h, median(r, k), lo, hi, k, gk / 1024, hk / 1024, median(m, k), g * 1000 / n
    }' "$log"
}

# warm_row N prints the warm build's row at N pages, on a copy of the
# corpus (the warm runs edit it): after a build that fills the page facts,
# interleaved pairs of a cold build (-cache=false) and a warm build after
# one page changed.
warm_row() {
  local n=$1 site=$BENCH_ROOT/warm-$1 log=$BENCH_ROOT/pairs-$1-warm.txt page c w
  rm -rf "$site"
  cp -a "$(corpus_dir "$n")" "$site"
  rm -rf "$site/themes" "$site/.cache"
  page=$(find "$site/content" -name '*.md' ! -name '_index.md' | sort | sed -n 1p)
  echo "first build, into an empty cache: $(measure "$site/out" "$bin" build -source "$site" -destination "$site/out")" \
    "(wall s, KB, user s, sys s)"
  : >"$log"
  for i in $(seq 0 "$pairs"); do
    c=$(measure "$site/out" "$bin" build -cache=false -source "$site" -destination "$site/out")
    printf '\nNog een zin erbij (%s).\n' "$i" >>"$page"
    w=$(measure "$site/out" "$bin" build -source "$site" -destination "$site/out")
    [ "$i" = 0 ] || echo "$c $w" >>"$log"
  done
  rm -rf "$site"
  # Columns: cold s, KB, user, sys, then the same of the warm build.
  awk -v n="$n" "$median_awk"'
    { k++; cs[k] = $1; ws[k] = $5; cc[k] = $3 + $4; wc[k] = $7 + $8; cm[k] = $2; wm[k] = $6
      r[k] = $5 / $1; u[k] = wc[k] / cc[k]
      lo = (k == 1 || r[k] < lo) ? r[k] : lo; hi = (k == 1 || r[k] > hi) ? r[k] : hi
      ulo = (k == 1 || u[k] < ulo) ? u[k] : ulo; uhi = (k == 1 || u[k] > uhi) ? u[k] : uhi }
    END {
      printf "| %d | %.2f s (%.1f s CPU) | %.2f s (%.1f s CPU) | **%.2fx** (%.2f–%.2f, %d pairs) | %.2fx (%.2f–%.2f) | %.0f MB | %.0f MB |\n",
        n, median(cs, k), median(cc, k), median(ws, k), median(wc, k), median(r, k), lo, hi, k,
        median(u, k), ulo, uhi, median(cm, k) / 1024, median(wm, k) / 1024
    }' "$log"
}

if wants compare; then
  echo
  echo "| theme | pages | generator | Hugo | time ratio (spread) | generator memory | Hugo memory | memory ratio | generator per page |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for n in $sizes; do
    corpus=$(corpus_dir "$n")
    # A themes/ folder left in the corpus would override the built-in theme.
    rm -rf "$corpus/themes"
    hugo=$BENCH_ROOT/hugo-$n
    rm -rf "$hugo"
    cp -a "$shared/bench/hugo-site" "$hugo"
    cp -al "$corpus/content" "$hugo/content"
    row "e-zine theme" "$n" "$corpus"

    same=$BENCH_ROOT/same/bench-$n
    if [ ! -d "$same/content" ]; then
      mkdir -p "$same"
      cp -al "$corpus/content" "$same/content"
    fi
    rm -rf "$same/themes"
    mkdir -p "$same/themes"
    cp -a "$here/scripts/bench-theme" "$same/themes/ezine"
    row "same layouts" "$n" "$same"
  done
fi

if wants ezine; then
  echo
  echo "## the e-zine, cold build from a built binary"
  hyperfine --warmup 1 --runs 10 --prepare "rm -rf $BENCH_ROOT/ezine-out" \
    "$bin build -cache=false -source $here -destination $BENCH_ROOT/ezine-out"
  /usr/bin/time -f "e-zine peak RSS: %M KB" "$bin" build -cache=false -source "$here" -destination "$BENCH_ROOT/ezine-out2" >/dev/null
fi

if wants serve; then
  echo "## serve: one edited page rebuilt (p50), 1,000 and 10,000 pages"
  (cd "$here" && go test -run '^$' -bench 'SaveToReady' -benchtime 50x ./generator/devsite)
fi

if wants preview; then
  echo "## serve: from a save to the new text on screen in Chromium, the e-zine"
  (cd "$here" && go test -run '^$' -bench 'SaveToVisible' -benchtime 20x ./generator/serve)
fi

if wants warm; then
  echo
  echo "## warm build: one page changed, against a cold build (-cache=false)"
  echo "| pages | cold | warm | warm / cold, wall (spread) | warm / cold, CPU (spread) | cold memory | warm memory |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  warm_row "$warm_pages"
fi
