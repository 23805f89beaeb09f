#!/usr/bin/env bash
# Raw-HTML extraction: quality (score.py) and speed (pages/s, one core) of newsworker next to Python
# trafilatura (pip install trafilatura lxml_html_clean) on the same pages, in the same run.
# Usage: Benchmarks/html-bench.sh [HTML_TAR_GZ] [ROUNDS]   (default: ../shared/extraction-dev/html.tar.gz, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
tarball="${1:-../shared/extraction-dev/html.tar.gz}"
rounds="${2:-5}"
scorer="$(dirname "$tarball")/score.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
swift build -c release --product newsbench >/dev/null 2>&1 || swift build -c release --product newsbench
taskset -c 0 .build/release/newsbench html "$work" --rounds "$rounds" --output "$work/newsworker.jsonl"
taskset -c 0 python3 Benchmarks/trafilatura_bench.py "$work" --rounds 1 --output "$work/trafilatura.jsonl"
for tool in newsworker trafilatura; do
  echo "--- $tool"
  python3 "$scorer" "$work/$tool.jsonl" > "$work/$tool.score"
  head -2 "$work/$tool.score"
done
