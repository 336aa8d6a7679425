#!/usr/bin/env bash
# bench.sh: the numbers of BENCHMARKS.md, from one run.
#
#   bash scripts/bench.sh [N ...]        (default: 1000 10000 50000)
#
# For each N it runs ../shared/bench/compare.sh twice, both times with
# this generator built from the current tree and Hugo (hyperfine for wall
# time, GNU time for peak memory):
#   1. "e-zine theme": the corpus as it is, so this generator renders it
#      with its built-in e-zine theme (cards, related articles, outline,
#      JSON-LD, ...), while Hugo renders it with the minimal layouts of
#      ../shared/bench/hugo-site;
#   2. "same layouts": the corpus with scripts/bench-theme as its
#      themes/ezine, the same minimal markup as Hugo's layouts, for an
#      engine-to-engine comparison. Every generator feature stays on:
#      minify, fingerprints, feeds, sitemap, taxonomies, link checks.
# Then the e-zine's own cold build (hyperfine, from a built binary) and the
# dev server's rebuild latency benchmark.
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
bin=$BENCH_ROOT/ezine-bench
(cd "$here" && go build -o "$bin" .)

for n in $sizes; do
  echo "## $n pages, e-zine theme"
  # A themes/ folder left in the corpus would override the built-in theme.
  rm -rf "$BENCH_ROOT/bench-$n/themes"
  RUNS=${RUNS:-5} bash "$shared/bench/compare.sh" "$n" "$bin"

  echo "## $n pages, same layouts as Hugo"
  same=$BENCH_ROOT/same
  mkdir -p "$same"
  if [ ! -d "$same/bench-$n/content" ]; then
    mkdir -p "$same/bench-$n"
    cp -al "$BENCH_ROOT/bench-$n/content" "$same/bench-$n/content"
  fi
  rm -rf "$same/bench-$n/themes"
  mkdir -p "$same/bench-$n/themes"
  cp -a "$here/scripts/bench-theme" "$same/bench-$n/themes/ezine"
  BENCH_ROOT=$same RUNS=${RUNS:-5} bash "$shared/bench/compare.sh" "$n" "$bin"
done

echo "## the e-zine, cold build from a built binary"
hyperfine --warmup 1 --runs 10 --prepare "rm -rf $BENCH_ROOT/ezine-out" \
  "$bin build -source $here -destination $BENCH_ROOT/ezine-out"
/usr/bin/time -f "e-zine peak RSS: %M KB" "$bin" build -source "$here" -destination "$BENCH_ROOT/ezine-out2" >/dev/null

echo "## serve: one edited page rebuilt (p50), 1,000 and 10,000 pages"
(cd "$here" && go test -run '^$' -bench 'SaveToReady' -benchtime 50x ./generator/devsite)
