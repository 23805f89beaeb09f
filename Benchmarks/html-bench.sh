#!/usr/bin/env bash
# Raw-HTML extraction: quality (score.py) and speed of newsworker next to Python trafilatura
# (pip install trafilatura lxml_html_clean) on the same pages, in the same run, each pinned to one core.
# Speed is pages per CPU-second (user+sys of the extracting thread/process, median of rounds): the box may be
# shared, and wall time would count other work. The ratio of the two medians is printed last.
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
python3 -c "import trafilatura" 2>/dev/null || python3 -m pip install -q --disable-pip-version-check "trafilatura==2.3.1" lxml_html_clean
uptime
taskset -c 0 .build/release/newsbench html "$work" --rounds "$rounds" --output "$work/newsworker.jsonl" | tee "$work/newsworker.speed"
taskset -c 0 python3 Benchmarks/trafilatura_bench.py "$work" --rounds "$rounds" --output "$work/trafilatura.jsonl" | tee "$work/trafilatura.speed"
for tool in newsworker trafilatura; do
  echo "--- $tool"
  python3 "$scorer" "$work/$tool.jsonl" > "$work/$tool.score"
  head -2 "$work/$tool.score"
done
ours=$(grep -o '[0-9]* pages per CPU-second median' "$work/newsworker.speed" | cut -d' ' -f1)
theirs=$(grep -o '[0-9]* pages per CPU-second median' "$work/trafilatura.speed" | cut -d' ' -f1)
echo "newsworker / trafilatura, pages per CPU-second: $ours / $theirs = $(python3 -c "print(f'{$ours / $theirs:.1f}x')")"
