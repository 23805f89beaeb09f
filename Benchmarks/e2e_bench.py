#!/usr/bin/env python3
"""End-to-end benchmark of `newsworker run` on `newsworker dev-broker`, next to kcat pass-through.

Driven by Benchmarks/e2e.sh (which builds the release binary). Steps, all on loopback:

1. `newsworker dev-broker --partitions P` (librdkafka 2.0.2 mock cluster, its own process).
2. N seed-derived articles (~3 KB; a mix of new stories, lightly edited wire copies of a seed and exact
   re-sends, so the dedup index sees unique / same-story / near-duplicate / duplicate traffic) are produced
   to the input topic *before* the worker starts (a backlog).
3. Backlog phase: `newsworker run` starts; its /metrics is polled every 100 ms. Throughput = N / (time
   from the first consumed message seen to all N outputs acknowledged). p50/p99 processing latency from
   the `newsworker_processing_duration_seconds` histogram (interpolated within buckets, as PromQL's
   histogram_quantile does), and the per-message Kafka-timestamp difference (output record timestamp
   minus input timestamp), which in a backlog run is mostly queueing time.
4. Paced phase: with the worker caught up, M more articles are produced at a fixed rate (default: half
   the backlog throughput); per-message latency = output timestamp - input timestamp, which is the real
   end-to-end latency at that load (plus the same histogram over this phase only).
5. kcat pass-through: `kcat -C -e` of the same N input messages piped into `kcat -P` to another topic
   on the same broker, timed from launch to exit (median of R rounds); counted afterwards.

Prints a Markdown report and writes it to --out.
"""
import argparse
import datetime
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TOOL = os.path.join(REPO, "Tests", "IntegrationTests", "Scripts", "kafka_tool.py")
SEEDS = os.path.join(REPO, "seeds")


def log(message):
    sys.stderr.write(f"[e2e {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


# ---------------------------------------------------------------- articles

def load_seeds():
    seeds = []
    for name in sorted(os.listdir(SEEDS)):
        if name.endswith(".txt"):
            with open(os.path.join(SEEDS, name), encoding="utf-8") as handle:
                seeds.append(handle.read())
    return seeds


def sentences_of(text):
    parts = re.split(r"(?<=[.!?»])\s+", text)
    return [p.strip() for p in parts if len(p.strip()) > 40 and "\x1e" not in p and "\x1f" not in p]


PLACES = ["Lyon", "Marseille", "Bordeaux", "Lille", "Nantes", "Toulouse", "Strasbourg", "Rennes", "Grenoble", "Nice"]
NAMES = ["Claire Martin", "Julien Bernard", "Sophie Petit", "Thomas Durand", "Camille Leroy", "Nicolas Moreau",
         "Emma Fournier", "Lucas Girard", "Léa Lambert", "Hugo Bonnet"]


def make_articles(count, seed=42):
    """`count` (key, text) pairs, ~3 KB each: 10 % exact re-sends of an earlier article, 35 % wire copies
    of a seed with a few words changed and an update line (near-duplicates / same story), 10 % follow-ups
    (seed sentences recombined: same story, new text), 45 % new stories (seed vocabulary with the words of
    each sentence shuffled, fresh names, places and numbers: French text no earlier article shares)."""
    rng = random.Random(seed)
    seeds = load_seeds()
    pool = [s for seed_text in seeds for s in sentences_of(seed_text)]
    articles = []
    for index in range(count):
        key = f"e2e-{index:06d}"
        roll = rng.random()
        if roll < 0.10 and articles:
            text = articles[rng.randrange(len(articles))][1]                   # exact re-send
        elif roll < 0.45:
            base = seeds[index % len(seeds)]                                   # wire copy, lightly edited
            words = base.split(" ")
            for _ in range(rng.randint(1, 6)):
                position = rng.randrange(len(words))
                words[position] = rng.choice(PLACES + NAMES + [str(rng.randint(2, 999))])
            text = " ".join(words) + f"\n\nMise à jour {index} : {rng.choice(NAMES)} à {rng.choice(PLACES)}."
        else:
            fresh = roll >= 0.55                                               # a new story, or a follow-up
            chosen = rng.sample(pool, k=min(len(pool), rng.randint(14, 22)))
            body = []
            for sentence in chosen:
                sentence = re.sub(r"\d+", lambda _: str(rng.randint(2, 2024)), sentence)
                if fresh:
                    words = sentence.split()
                    rng.shuffle(words)
                    for _ in range(2):
                        words[rng.randrange(len(words))] = rng.choice(PLACES + NAMES)
                    sentence = " ".join(words).capitalize().rstrip(".") + "."
                body.append(sentence)
            paragraphs = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
            title = f"{rng.choice(NAMES)} à {rng.choice(PLACES)} : {chosen[0][:60]}"
            text = title + "\n\n" + "\n\n".join(paragraphs)
            while len(text.encode()) > 3600:
                paragraphs.pop()
                text = title + "\n\n" + "\n\n".join(paragraphs)
        articles.append((key, text))
    return articles


# ---------------------------------------------------------------- processes and metrics

class Child:
    def __init__(self, name, argv, env=None, stdin=None, stdout=None):
        self.name = name
        self.log_path = os.path.join(tempfile.gettempdir(), f"e2e-{os.getpid()}-{name}.log")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(argv, stdout=stdout if stdout is not None else self.log, stderr=self.log,
                                     stdin=stdin, env={**os.environ, **(env or {})})

    def stop(self, timeout=30):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def tail(self, size=3000):
        with open(self.log_path, "rb") as handle:
            return handle.read()[-size:].decode("utf-8", "replace")


def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scrape(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as response:
            text = response.read().decode()
    except OSError:
        return None
    samples = {}
    for line in text.splitlines():
        if line.startswith("#") or " " not in line:
            continue
        series, value = line.rsplit(" ", 1)
        try:
            samples[series] = float(value)
        except ValueError:
            pass
    return samples


def metric_sum(samples, name, contains=None):
    return sum(v for s, v in samples.items() if (s == name or s.startswith(name + "{")) and (contains is None or contains in s))


def histogram(samples, name):
    """Cumulative buckets [(le, count)] sorted, +Inf last."""
    buckets = []
    for series, value in samples.items():
        if series.startswith(name + "_bucket{"):
            le = re.search(r'le="([^"]+)"', series).group(1)
            buckets.append((float("inf") if le == "+Inf" else float(le), value))
    return sorted(buckets)


def histogram_delta(after, before):
    before = dict(before)
    return [(le, count - before.get(le, 0)) for le, count in after]


def histogram_quantile(q, buckets):
    """PromQL-style: linear interpolation inside the bucket holding the q-th observation."""
    if not buckets or buckets[-1][1] == 0:
        return None
    total = buckets[-1][1]
    rank = q * total
    previous_le, previous_count = 0.0, 0.0
    for le, count in buckets:
        if count >= rank:
            if le == float("inf"):
                return previous_le  # beyond the largest finite bucket: its bound is all we know
            if count == previous_count:
                return le
            return previous_le + (le - previous_le) * (rank - previous_count) / (count - previous_count)
        previous_le, previous_count = le, count
    return None


def percentile(values, q):
    if not values:
        return None
    values = sorted(values)
    index = min(len(values) - 1, max(0, int(round(q * (len(values) - 1)))))
    return values[index]


def tool(*args, stdin_path=None, timeout=600):
    argv = [sys.executable, TOOL] + list(args)
    result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"kafka_tool {' '.join(args[:3])} failed: {result.stderr[-2000:]}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def write_jsonl(path, articles):
    with open(path, "w", encoding="utf-8") as handle:
        for key, text in articles:
            handle.write(json.dumps({"key": key, "value": text}, ensure_ascii=False) + "\n")


def timestamps(bootstrap, topic, count, timeout=300):
    rows = tool("consume", "-b", bootstrap, "-t", topic, "--count", str(count), "--timeout", str(timeout), "--values", "none",
                timeout=timeout + 60)
    return {row["key"]: row["timestamp"] for row in rows}, rows


def load_average():
    with open("/proc/loadavg") as handle:
        return " ".join(handle.read().split()[:3])


# ---------------------------------------------------------------- benchmark

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True, help="release newsworker executable")
    parser.add_argument("--messages", "-n", type=int, default=20000)
    parser.add_argument("--paced", type=int, default=4000, help="messages in the paced (latency) phase; 0 skips it")
    parser.add_argument("--paced-rate", type=float, default=0, help="msgs/s in the paced phase (default: half the backlog rate)")
    # The 2.0.2 mock keeps about 5 MB per partition and silently drops older batches: 20,000 x 3.3 KB needs
    # 16 partitions for the inputs, and the larger enriched outputs about 32 (default).
    parser.add_argument("--partitions", type=int, default=32)
    parser.add_argument("--kcat", default="kcat")
    parser.add_argument("--kcat-rounds", type=int, default=3)
    parser.add_argument("--kafkabench", help="kafkabench executable to run once (defaults) and include")
    parser.add_argument("--out", required=True, help="Markdown report path")
    args = parser.parse_args()

    n = args.messages
    topics = {"in": "e2e.raw", "out": "e2e.enriched", "dlq": "e2e.dlq", "kcat": "e2e.kcat", "paced": "e2e.paced"}
    started_at = datetime.datetime.now(datetime.timezone.utc)
    load_before = load_average()
    work = tempfile.mkdtemp(prefix="e2e-")
    children = []
    results = {}
    try:
        log(f"generating {n} + {args.paced} articles")
        articles = make_articles(n + args.paced)
        backlog, paced = articles[:n], articles[n:]
        sizes = [len(text.encode()) for _, text in backlog]
        results["mean_size"] = statistics.mean(sizes)
        backlog_path = os.path.join(work, "backlog.jsonl")
        write_jsonl(backlog_path, backlog)

        # The mock has no controller for AdminClient.create_topics: every topic is created up front.
        kcat_topics = [f"{topics['kcat']}.{i}" for i in range(args.kcat_rounds)]
        broker = Child("dev-broker", [args.binary, "dev-broker", "--partitions", str(args.partitions),
                                      "--topics", ",".join(list(topics.values()) + kcat_topics)], stdout=subprocess.PIPE)
        children.append(broker)
        bootstrap = broker.proc.stdout.readline().decode().strip()
        if not bootstrap:
            raise RuntimeError(f"dev-broker printed no bootstrap: {broker.tail()}")
        log(f"dev-broker at {bootstrap}")

        t0 = time.time()
        tool("produce", "-b", bootstrap, "-t", topics["in"], "--jsonl", backlog_path)
        results["produce_seconds"] = time.time() - t0
        log(f"produced {n} in {results['produce_seconds']:.1f} s")
        stored = tool("consume", "-b", bootstrap, "-t", topics["in"], "--count", str(n), "--timeout", "60", "--values", "none")
        if len(stored) != n:
            raise RuntimeError(f"the broker kept {len(stored)} of {n} inputs (mock retention ~5 MB per partition: more --partitions)")

        # ---- backlog phase
        env = {"NEWSWORKER_LOG_FORMAT": "json", "NEWSWORKER_WORKER_ID": "e2e",
               "NEWSWORKER_STATE_DIRECTORY": os.path.join(work, "state"), "LOG_LEVEL": "notice"}
        port = free_port()
        worker = Child("worker", [args.binary, "run", "--brokers", bootstrap, "--group", "e2e-bench",
                                  "--input-topic", topics["in"], "--output-topic", topics["out"], "--dlq-topic", topics["dlq"],
                                  "--http-listen", f"127.0.0.1:{port}"], env=env)
        children.append(worker)
        launched = time.time()
        first_consumed = None
        done = None
        samples = None
        deadline = launched + max(600, n / 10)
        while time.time() < deadline:
            if worker.proc.poll() is not None:
                raise RuntimeError(f"worker exited {worker.proc.returncode}: {worker.tail()}")
            samples = scrape(port)
            now = time.time()
            if samples:
                consumed = metric_sum(samples, "newsworker_messages_consumed_total")
                produced = metric_sum(samples, "newsworker_messages_produced_total")
                if first_consumed is None and consumed > 0:
                    first_consumed = now
                if produced >= n:
                    done = now
                    break
            time.sleep(0.1)
        if done is None:
            raise RuntimeError(f"worker did not finish: {samples and metric_sum(samples, 'newsworker_messages_produced_total')} of {n}")
        backlog_samples = samples
        results["startup_seconds"] = first_consumed - launched
        results["worker_seconds"] = done - first_consumed
        results["worker_rate"] = n / results["worker_seconds"]
        results["dead_lettered"] = metric_sum(samples, "newsworker_messages_dead_lettered_total")
        results["verdicts"] = {status: metric_sum(samples, "newsworker_dedup_verdicts_total", f'status="{status}"')
                               for status in ["unique", "same_story", "near_duplicate", "duplicate"]}
        hist = histogram(samples, "newsworker_processing_duration_seconds")
        results["hist_p50"] = histogram_quantile(0.5, hist)
        results["hist_p99"] = histogram_quantile(0.99, hist)
        results["hist_count"] = hist[-1][1] if hist else 0
        results["hist_mean"] = (metric_sum(samples, "newsworker_processing_duration_seconds_sum") / results["hist_count"]) if hist else None
        log(f"worker: {n} in {results['worker_seconds']:.2f} s = {results['worker_rate']:.0f} msgs/s; "
            f"histogram p50 {results['hist_p50']} p99 {results['hist_p99']}")

        inputs, _ = timestamps(bootstrap, topics["in"], n)
        outputs, output_rows = timestamps(bootstrap, topics["out"], n)
        lags = [outputs[k] - inputs[k] for k in outputs if k in inputs]
        results["backlog_ts_p50_ms"] = percentile(lags, 0.5)
        results["backlog_ts_p99_ms"] = percentile(lags, 0.99)
        results["outputs_matched"] = len(lags)
        first_out = min(r["timestamp"] for r in output_rows)
        last_out = max(r["timestamp"] for r in output_rows)
        results["ts_span_rate"] = n / max(0.001, (last_out - first_out) / 1000)

        # ---- paced phase: the worker is caught up; inputs arrive at a fixed rate
        if args.paced > 0:
            rate = args.paced_rate or max(50.0, results["worker_rate"] / 2)
            results["paced_rate"] = rate
            before = histogram(scrape(port) or {}, "newsworker_processing_duration_seconds")
            produced_before = metric_sum(scrape(port) or {}, "newsworker_messages_produced_total")
            paced_path = os.path.join(work, "paced.jsonl")
            write_jsonl(paced_path, paced)
            log(f"paced phase: {len(paced)} messages at {rate:.0f} msgs/s")
            pacer = subprocess.Popen([sys.executable, "-c", PACER, bootstrap, topics["in"], paced_path, str(rate)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            out, err = pacer.communicate(timeout=len(paced) / rate + 300)
            if pacer.returncode != 0:
                raise RuntimeError(f"pacer failed: {err[-2000:]}")
            results["paced_actual_rate"] = json.loads(out.strip().splitlines()[-1])["rate"]
            deadline = time.time() + 300
            while time.time() < deadline:
                samples = scrape(port) or {}
                if metric_sum(samples, "newsworker_messages_produced_total") >= produced_before + len(paced):
                    break
                time.sleep(0.1)
            after = histogram(samples, "newsworker_processing_duration_seconds")
            delta = histogram_delta(after, before)
            results["paced_hist_p50"] = histogram_quantile(0.5, delta)
            results["paced_hist_p99"] = histogram_quantile(0.99, delta)
            inputs, _ = timestamps(bootstrap, topics["in"], n + len(paced))
            outputs, _ = timestamps(bootstrap, topics["out"], n + len(paced))
            paced_keys = [k for k, _ in paced]
            lags = [outputs[k] - inputs[k] for k in paced_keys if k in outputs and k in inputs]
            results["paced_matched"] = len(lags)
            results["paced_ts_p50_ms"] = percentile(lags, 0.5)
            results["paced_ts_p99_ms"] = percentile(lags, 0.99)
            results["paced_ts_max_ms"] = max(lags) if lags else None
            log(f"paced: ts p50 {results['paced_ts_p50_ms']} ms p99 {results['paced_ts_p99_ms']} ms")

        rss = None
        try:
            with open(f"/proc/{worker.proc.pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmHWM:"):
                        rss = line.split()[1] + " kB"
        except OSError:
            pass
        results["worker_peak_rss"] = rss
        worker.stop()
        children.remove(worker)

        # ---- kcat pass-through on the same broker and the same N messages
        kcat_times = []
        for round_index in range(args.kcat_rounds):
            target = kcat_topics[round_index]
            t0 = time.time()
            consume = subprocess.Popen([args.kcat, "-C", "-b", bootstrap, "-t", topics["in"], "-o", "beginning", "-e", "-q",
                                        "-c", str(n), "-K", "\\x1f", "-D", "\\x1e"], stdout=subprocess.PIPE)
            produce = subprocess.Popen([args.kcat, "-P", "-b", bootstrap, "-t", target, "-K", "\\x1f", "-D", "\\x1e"],
                                       stdin=consume.stdout)
            consume.stdout.close()
            produce.wait(timeout=600)
            consume.wait(timeout=60)
            elapsed = time.time() - t0
            if produce.returncode != 0 or consume.returncode != 0:
                raise RuntimeError(f"kcat pipe failed: {consume.returncode} {produce.returncode}")
            copied = tool("consume", "-b", bootstrap, "-t", target, "--count", str(n), "--timeout", "120", "--values", "none")
            if len(copied) != n:
                raise RuntimeError(f"kcat copied {len(copied)} of {n}")
            kcat_times.append(elapsed)
            log(f"kcat pass-through round {round_index + 1}: {elapsed:.2f} s")
        results["kcat_seconds"] = statistics.median(kcat_times)
        results["kcat_all"] = kcat_times
        results["kcat_rate"] = n / results["kcat_seconds"]
    finally:
        for child in reversed(children):
            child.stop()
        shutil.rmtree(work, ignore_errors=True)

    kafkabench = None
    if args.kafkabench and os.access(args.kafkabench, os.X_OK):
        log("running kafkabench (defaults)")
        t0 = time.time()
        completed = subprocess.run([args.kafkabench], capture_output=True, text=True, timeout=1800)
        kafkabench = (completed.stdout + (completed.stderr[-1500:] if completed.returncode else "")).strip()
        kafkabench += f"\n\n(exit {completed.returncode}, {time.time() - t0:.0f} s wall)"

    report = render(args, n, results, started_at, load_before, load_average(), kafkabench)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write(report)
    print(report)


PACER = r'''
import json, sys, time
from confluent_kafka import Producer
bootstrap, topic, path, rate = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0, "enable.idempotence": False})
records = [json.loads(line) for line in open(path, encoding="utf-8")]
start = time.time()
for index, record in enumerate(records):
    target = start + index / rate
    while True:
        delay = target - time.time()
        if delay <= 0:
            break
        producer.poll(min(delay, 0.01))
    producer.produce(topic, key=record["key"].encode(), value=record["value"].encode())
    producer.poll(0)
producer.flush(60)
print(json.dumps({"rate": len(records) / (time.time() - start)}))
'''


def fmt(value, unit="", digits=1):
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}{unit}"


def render(args, n, r, started_at, load_before, load_after, kafkabench):
    version = subprocess.run([args.binary, "--version"], capture_output=True, text=True).stdout.strip()
    kcat_version = subprocess.run([args.kcat, "-V"], capture_output=True, text=True).stdout.splitlines()
    kcat_line = next((l for l in kcat_version if "librdkafka" in l), "").strip()
    commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no", "Sources"], capture_output=True, text=True).stdout.strip()
    ratio = r["worker_rate"] / r["kcat_rate"] if r.get("kcat_rate") else None
    ms = lambda seconds: None if seconds is None else seconds * 1000
    lines = [
        f"# newsworker end-to-end benchmark, {started_at:%Y-%m-%d %H:%M} UTC",
        "",
        f"- newsworker {version} (release, commit {commit}{' + uncommitted changes in Sources/' if dirty else ''}), "
        f"dev-broker (librdkafka mock cluster) with {args.partitions} partitions, one worker, {n:,} messages "
        f"(mean {r['mean_size']:,.0f} B; new stories, edited wire copies and exact re-sends).",
        f"- Box: {os.cpu_count()} cores shared with other engineers' builds and tests; load average {load_before} before, "
        f"{load_after} after. Single run: expect noise of tens of percent.",
        f"- kcat: {kcat_line or 'kcat'}.",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| worker throughput (first consumed → all {n:,} outputs acknowledged, /metrics polled every 100 ms) | **{fmt(r['worker_rate'], ' msgs/s', 0)}** ({fmt(r['worker_seconds'], ' s', 2)}) |",
        f"| worker throughput from output record timestamps (first → last output) | {fmt(r['ts_span_rate'], ' msgs/s', 0)} |",
        f"| kcat pass-through (`kcat -C -e` → `kcat -P`, same broker and messages; median of {len(r['kcat_all'])}: {', '.join(f'{t:.2f}' for t in r['kcat_all'])} s) | **{fmt(r['kcat_rate'], ' msgs/s', 0)}** ({fmt(r['kcat_seconds'], ' s', 2)}) |",
        f"| worker / kcat | {fmt(ratio, '', 2)} |",
        f"| processing latency p50 / p99 (histogram `newsworker_processing_duration_seconds`, backlog run, {int(r['hist_count']):,} samples; mean {fmt(ms(r['hist_mean']), ' ms', 2)}) | {fmt(ms(r['hist_p50']), ' ms', 2)} / {fmt(ms(r['hist_p99']), ' ms', 2)} |",
        f"| output ts − input ts p50 / p99, backlog run (mostly time queued in the backlog) | {fmt(r['backlog_ts_p50_ms'], ' ms', 0)} / {fmt(r['backlog_ts_p99_ms'], ' ms', 0)} |",
    ]
    if r.get("paced_rate"):
        lines += [
            f"| paced run: {args.paced:,} messages produced at {fmt(r['paced_rate'], '', 0)} msgs/s target ({fmt(r['paced_actual_rate'], '', 0)} actual) | |",
            f"| — end-to-end latency p50 / p99 / max (output ts − input ts, {r['paced_matched']:,} messages) | **{fmt(r['paced_ts_p50_ms'], ' ms', 0)} / {fmt(r['paced_ts_p99_ms'], ' ms', 0)}** / {fmt(r['paced_ts_max_ms'], ' ms', 0)} |",
            f"| — processing latency p50 / p99 (histogram, this phase only) | {fmt(ms(r['paced_hist_p50']), ' ms', 2)} / {fmt(ms(r['paced_hist_p99']), ' ms', 2)} |",
        ]
    v = r["verdicts"]
    lines += [
        f"| worker start → first message consumed (includes the mock's 3 s group rebalance delay) | {fmt(r['startup_seconds'], ' s', 1)} |",
        f"| dedup verdicts (backlog) | unique {v['unique']:,.0f}, same_story {v['same_story']:,.0f}, near_duplicate {v['near_duplicate']:,.0f}, duplicate {v['duplicate']:,.0f} |",
        f"| dead-lettered | {r['dead_lettered']:,.0f} |",
        f"| worker peak RSS | {r['worker_peak_rss'] or 'n/a'} |",
        f"| producing the {n:,} inputs (kafka_tool.py, confluent-kafka) | {fmt(r['produce_seconds'], ' s', 1)} |",
        "",
        "Notes: the histogram buckets are 0.1, 0.5, 1, 5, 10, 50, 100, 500 ms, 1, 5, 30 s, so histogram quantiles are",
        "interpolated within wide buckets (PromQL `histogram_quantile` semantics). `processing` is consume → output",
        "acknowledged, so it includes producer batching (linger.ms=5) and the broker round trip. Kafka timestamps are",
        "CreateTime in milliseconds, set by the producing client. kcat pass-through does no parsing, so the ratio shows",
        "what parsing, dedup and acknowledged produce-then-commit cost relative to moving bytes.",
        "",
        "Rerun: `Benchmarks/e2e.sh` (N=20000 by default; `Benchmarks/e2e.sh --messages 5000` for a quick one).",
    ]
    if kafkabench:
        lines += ["", "## kafkabench (Benchmarks/KafkaBench, defaults, own mock cluster)", "", "```", kafkabench, "```"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
