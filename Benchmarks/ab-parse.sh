#!/usr/bin/env bash
# A/B timing of the whole parse between two revisions, made to resolve differences of a few percent on a
# noisy machine:
#   - both revisions are built in release with every function aligned to 64 bytes, so that a change does
#     not also move unrelated hot loops in memory (which alone shifts parse time by up to 6% here);
#   - runs alternate A, B, A, B…; the median of the B/A ratios of per-article CPU time is printed with its
#     quartiles (below 1: B is faster). Repeat a close call: medians move by about ±1.5%.
#   - before timing, both builds must print the same records for the seeds (`newsbench dump`): a speed-up
#     that changes the output is not one.
#
#   Benchmarks/ab-parse.sh REV_A REV_B [PAIRS]      # e.g. Benchmarks/ab-parse.sh HEAD~1 HEAD 31
#   AB_MODE=extract Benchmarks/ab-parse.sh …         # time extraction alone instead
#
# Needs: swift, git, python3. Builds go to .build-ab/ (kept, so a second run with the same revisions is quick).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '2,14p' "$0" >&2; exit 2; }
pairs="${3:-21}"
mode="${AB_MODE:-parse}"
root="$PWD/.build-ab"
mkdir -p "$root"

build() {  # rev → path of its newsbench
  local rev commit tree
  rev=$1
  commit=$(git rev-parse --verify "$rev^{commit}")
  tree="$root/src-$commit"
  if [ ! -x "$root/newsbench-$commit" ]; then
    rm -rf "$tree"
    git worktree add -q --detach "$tree" "$commit"
    (cd "$tree" && swift build -c release --product newsbench --scratch-path "$root/build-$commit" \
      -Xswiftc -Xllvm -Xswiftc -align-all-functions=6 >&2)
    cp "$root/build-$commit/release/newsbench" "$root/newsbench-$commit"
    git worktree remove --force "$tree"
  fi
  echo "$root/newsbench-$commit"
}

a=$(build "$1")
b=$(build "$2")
if ! cmp -s <("$a" dump seeds/*.txt) <("$b" dump seeds/*.txt); then
  echo "ab-parse: $1 and $2 print different records for the seeds: compare output first" >&2
  exit 1
fi
echo "ab-parse: $pairs alternating pairs, $mode, B=$2 over A=$1" >&2
for _ in $(seq "$pairs"); do
  x=$("$a" extract --rounds 1000 2>&1 | awk -v m="$mode:" '$1 == m { print $5 }')
  y=$("$b" extract --rounds 1000 2>&1 | awk -v m="$mode:" '$1 == m { print $5 }')
  echo "$x $y"
done | python3 -c '
import statistics, sys
ratios = sorted(float(b) / float(a) for a, b in (line.split() for line in sys.stdin))
q = len(ratios) // 4
print(f"B/A median {statistics.median(ratios):.3f}  quartiles {ratios[q]:.3f}-{ratios[-1 - q]:.3f}  ({len(ratios)} pairs)")
'
