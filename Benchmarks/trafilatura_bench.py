#!/usr/bin/env python3
"""Times trafilatura (pip) on raw HTML pages, one core, in CPU time, and writes {"id","body"} lines for score.py.

Usage: trafilatura_bench.py DIR [--output OUT.jsonl] [--rounds N]
The same pages `newsbench html DIR` reads (every *.html under DIR), each given to
trafilatura.extract() as the bytes on disk.
"""
import argparse, json, pathlib, statistics, sys, time

import trafilatura


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--output")
    ap.add_argument("--rounds", type=int, default=1)
    a = ap.parse_args()
    files = sorted(pathlib.Path(a.dir).rglob("*.html"))
    pages = [(f.stem, f.read_bytes()) for f in files]
    if not pages:
        sys.exit(f"no .html files under {a.dir}")
    # Pages per CPU-second of this process (the box is shared: wall time would count other work), and wall.
    cpu_rates, wall_rates, outputs = [], [], {}
    for _ in range(a.rounds):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        for pid, data in pages:
            outputs[pid] = trafilatura.extract(data)
        cpu_rates.append(len(pages) / (time.process_time() - cpu_start))
        wall_rates.append(len(pages) / (time.perf_counter() - wall_start))
    if a.output:
        with open(a.output, "w") as out:
            for pid, text in outputs.items():
                if text:
                    out.write(json.dumps({"id": pid, "body": text}, ensure_ascii=False) + "\n")
    missing = sum(1 for t in outputs.values() if not t)
    print(f"trafilatura {trafilatura.__version__}: {len(pages)} pages, {missing} without output")
    print(f"trafilatura: {statistics.median(cpu_rates):.0f} pages per CPU-second median ({min(cpu_rates):.0f}-{max(cpu_rates):.0f})"
          f" over {a.rounds} rounds; wall {statistics.median(wall_rates):.0f} pages/s median")


if __name__ == "__main__":
    main()
