#!/usr/bin/env python3
"""Times trafilatura (pip) on raw HTML pages, one core, and writes {"id","body"} lines for score.py.

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
    rates, outputs = [], {}
    for _ in range(a.rounds):
        start = time.perf_counter()
        for pid, data in pages:
            outputs[pid] = trafilatura.extract(data)
        rates.append(len(pages) / (time.perf_counter() - start))
    if a.output:
        with open(a.output, "w") as out:
            for pid, text in outputs.items():
                if text:
                    out.write(json.dumps({"id": pid, "body": text}, ensure_ascii=False) + "\n")
    missing = sum(1 for t in outputs.values() if not t)
    print(f"trafilatura {trafilatura.__version__}: {len(pages)} pages, {missing} without output")
    print(f"trafilatura: {max(rates):.0f} pages/s best, {statistics.median(rates):.0f} median over {a.rounds} rounds (one core)")


if __name__ == "__main__":
    main()
