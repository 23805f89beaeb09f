#!/usr/bin/env python3
"""Insert+query every article of a corpus into datasketch MinHashLSH, for `newsbench dedup-bench`.

Corpus: one article per line, `id<TAB>text`, paragraphs separated by U+2029 (written by
`newsbench dedup-bench`). Same normalisation as the Swift side as far as cheap in Python: lower case,
diacritics folded, word tokens, 5-word shingles inside paragraphs. Each article: MinHash (128
permutations, update_batch), LSH query (threshold 0.5), then insert. Then, untimed, a second LSH is
filled with the same signatures under tracemalloc: the bytes the LSH holds per article (its band hash
tables; the signatures themselves are not kept by the LSH). Prints JSON on stdout (wall and process CPU
seconds; the Swift side reports per CPU-second too).

Usage: python3 Benchmarks/datasketch_compare.py /tmp/newsworker-dedup-corpus.txt
"""
import json
import re
import sys
import time
import tracemalloc
import unicodedata

from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
THRESHOLD = 0.5
SHINGLE = 5
WORD = re.compile(r"\w+")


def shingles(text):
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    result = set()
    for paragraph in folded.split("\u2029"):
        words = WORD.findall(paragraph)
        if len(words) < 8:
            continue
        for i in range(max(1, len(words) - SHINGLE + 1)):
            result.add(" ".join(words[i:i + SHINGLE]).encode("utf8"))
    return result


def main(path):
    with open(path, encoding="utf8") as handle:
        lines = [line.rstrip("\n").split("\t", 1) for line in handle if "\t" in line]
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    matched = 0
    signatures = []
    lsh_seconds = 0.0
    lsh_cpu = 0.0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for article_id, text in lines:
        signature = MinHash(num_perm=NUM_PERM)
        signature.update_batch(list(shingles(text)))
        lsh_start = time.perf_counter()
        lsh_cpu_start = time.process_time()
        if lsh.query(signature):
            matched += 1
        lsh.insert(article_id, signature)
        signatures.append((article_id, signature))
        lsh_seconds += time.perf_counter() - lsh_start
        lsh_cpu += time.process_time() - lsh_cpu_start
    total = time.perf_counter() - start
    total_cpu = time.process_time() - cpu_start
    tracemalloc.start()
    measured = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    before = tracemalloc.get_traced_memory()[0]
    for article_id, signature in signatures:
        measured.insert(article_id, signature)
    lsh_bytes = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    print(json.dumps({
        "articles": len(lines),
        "total_seconds": total,
        "lsh_seconds": lsh_seconds,
        "total_cpu_seconds": total_cpu,
        "lsh_cpu_seconds": lsh_cpu,
        "matched": matched,
        "lsh_bytes_per_article": lsh_bytes / max(1, len(lines)),
        "settings": f"num_perm={NUM_PERM}, threshold={THRESHOLD}, {SHINGLE}-word shingles",
    }))


if __name__ == "__main__":
    main(sys.argv[1])
