#!/usr/bin/env bash
# samebytes.sh: prove that a refactoring changes no output byte.
#
#   bash scripts/samebytes.sh record [FILE]   write the manifest (default /tmp/samebytes.manifest)
#   bash scripts/samebytes.sh verify [FILE]   build again and compare with it
#
# It builds, with a binary of the current tree: the repo's e-zine; a
# generated 1,000-page corpus (../shared/bench/gencorpus, seed 1) with the
# built-in e-zine theme; and the same corpus with scripts/bench-theme. Each
# output is hashed file by file (sha256 of every path and its bytes), so a
# failing verify names the files that differ. Everything is written under
# $SAMEBYTES_ROOT (default /tmp/samebytes).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
mode=${1:?usage: samebytes.sh record|verify [FILE]}
manifest=${2:-/tmp/samebytes.manifest}
root=${SAMEBYTES_ROOT:-/tmp/samebytes}
mkdir -p "$root"
bin=$root/ezine
(cd "$here" && go build -o "$bin" .)

corpus=$root/corpus-1000
if [ ! -d "$corpus/content" ]; then
  (cd "$shared/bench/gencorpus" && go run . -n 1000 -seed 1 -out "$corpus" >/dev/null)
fi
same=$root/same-1000
if [ ! -d "$same/content" ]; then
  mkdir -p "$same/themes"
  cp -a "$corpus/content" "$same/content"
  cp -a "$here/scripts/bench-theme" "$same/themes/ezine"
fi

# hashtree DIR prints one line per file: its sha256 and its path under DIR.
hashtree() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); }

out=$root/new.manifest
: >"$out"
for name in ezine corpus same; do
  case $name in
  ezine) src=$here ;;
  corpus) src=$corpus ;;
  same) src=$same ;;
  esac
  rm -rf "$root/out-$name"
  "$bin" build -source "$src" -destination "$root/out-$name" >/dev/null 2>"$root/$name.log" ||
    { cat "$root/$name.log" >&2; exit 1; }
  hashtree "$root/out-$name" | sed "s|  \./|  $name/|" >>"$out"
done

case $mode in
record)
  cp "$out" "$manifest"
  echo "recorded $(wc -l <"$manifest") files in $manifest"
  ;;
verify)
  if diff -u "$manifest" "$out" >"$root/diff"; then
    echo "byte-identical: $(wc -l <"$out") files"
  else
    echo "outputs differ from $manifest:" >&2
    grep '^[-+][^-+]' "$root/diff" | awk '{print $1 " " $3}' | sort -k2 | head -40 >&2
    exit 1
  fi
  ;;
*)
  echo "usage: samebytes.sh record|verify [FILE]" >&2
  exit 2
  ;;
esac
