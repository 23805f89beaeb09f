#!/usr/bin/env python3
"""Small Kafka client for interop tests and benchmarks, on confluent_kafka (bundled librdkafka >= 2.1).

The Swift test process links Debian's librdkafka 2.0.2, which cannot talk to some brokers (Tansu); this
tool runs with the wheel's own librdkafka instead. Every command prints JSON on stdout, errors on stderr
(exit 1), so a parent process can drive it.

  kafka_tool.py version
  kafka_tool.py create   -b HOST:PORT [--partitions N] TOPIC...
  kafka_tool.py metadata -b HOST:PORT
  kafka_tool.py produce  -b HOST:PORT -t TOPIC [--files F...] [--jsonl [FILE]]  (lines: {"key","value"|"value_b64","headers"})
  kafka_tool.py consume  -b HOST:PORT -t TOPIC --count N [--timeout S] [--group G] [--values none|text]
  kafka_tool.py libpath                                                   (path of the bundled librdkafka.so.1)
  kafka_tool.py probe    -b HOST:PORT                                     (idempotence, transactions, groups)

`consume` prints one JSON line per message: topic, partition, offset, timestamp (ms), key, headers
(name -> text), value (text when UTF-8, else value_b64). Without --group it assigns every partition
from the beginning (no consumer group); with --group it subscribes.
"""
import argparse
import base64
import glob
import json
import os
import sys
import time
import uuid

try:
    import confluent_kafka
    from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
    from confluent_kafka.admin import AdminClient, NewTopic
except ImportError as error:  # pragma: no cover - reported to the caller
    sys.stderr.write(f"kafka_tool: confluent_kafka is not installed ({error}); run scripts/bootstrap "
                     "(python3 -m pip install confluent-kafka)\n")
    sys.exit(3)


def fail(message):
    sys.stderr.write(f"kafka_tool: {message}\n")
    sys.exit(1)


def out(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def base_config(args):
    return {"bootstrap.servers": args.bootstrap, "client.id": "kafka-tool"}


def cmd_version(_args):
    version = confluent_kafka.version()
    out({"confluent_kafka": version if isinstance(version, str) else version[0], "librdkafka": confluent_kafka.libversion()[0]})


def cmd_libpath(_args):
    directory = os.path.join(os.path.dirname(os.path.dirname(confluent_kafka.__file__)), "confluent_kafka.libs")
    found = sorted(glob.glob(os.path.join(directory, "librdkafka*.so*")))
    if not found:
        fail(f"no bundled librdkafka in {directory}")
    out({"path": found[0], "version": confluent_kafka.libversion()[0]})


def cmd_create(args):
    admin = AdminClient(base_config(args))
    topics = [NewTopic(name, num_partitions=args.partitions, replication_factor=1) for name in args.topics]
    futures = admin.create_topics(topics, operation_timeout=10, request_timeout=15)
    result = {}
    for name, future in futures.items():
        try:
            future.result()
            result[name] = "created"
        except KafkaException as error:
            err = error.args[0]
            if err.name() == "TOPIC_ALREADY_EXISTS":
                result[name] = "exists"
            else:
                fail(f"create {name}: {err.name()}: {err.str()}")
    # Wait until metadata shows every topic with its partitions (brokers may create asynchronously).
    deadline = time.time() + 20
    while True:
        metadata = admin.list_topics(timeout=5)
        missing = [t for t in args.topics if t not in metadata.topics or metadata.topics[t].error is not None
                   or len(metadata.topics[t].partitions) == 0]
        if not missing:
            break
        if time.time() > deadline:
            fail(f"topics not visible in metadata: {missing}")
        time.sleep(0.2)
    out({"topics": result, "partitions": {t: len(metadata.topics[t].partitions) for t in args.topics}})


def cmd_metadata(args):
    admin = AdminClient(base_config(args))
    metadata = admin.list_topics(timeout=10)
    out({
        "cluster_id": metadata.cluster_id,
        "controller_id": metadata.controller_id,
        "brokers": {str(b.id): f"{b.host}:{b.port}" for b in metadata.brokers.values()},
        "topics": {name: len(t.partitions) for name, t in metadata.topics.items()},
    })


def producer_config(args):
    config = base_config(args)
    config.update({"linger.ms": 5, "enable.idempotence": args.idempotent, "queue.buffering.max.messages": 200000})
    return config


def cmd_produce(args):
    producer = Producer(producer_config(args))
    failures = []
    delivered = [0]

    def report(error, _message):
        if error is not None:
            failures.append(error.str())
        else:
            delivered[0] += 1

    def send(key, value, headers):
        while True:
            try:
                producer.produce(args.topic, key=key, value=value, headers=headers, on_delivery=report)
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)

    count = 0
    for path in args.files or []:
        name = os.path.basename(path)
        key = name[:-4] if name.endswith(".txt") else name
        with open(path, "rb") as handle:
            send(key.encode(), handle.read(), None)
        count += 1
    if args.jsonl:
        source = sys.stdin if args.jsonl == "-" else open(args.jsonl, encoding="utf-8")
        for line in source:
            line = line.strip()
            if not line:
                continue
            record = json.loads(line)
            if "value_b64" in record:
                value = base64.b64decode(record["value_b64"])
            elif record.get("value") is None:
                value = None
            else:
                value = record["value"].encode()
            key = record.get("key")
            headers = [(k, v.encode()) for k, v in (record.get("headers") or {}).items()] or None
            send(key.encode() if key is not None else None, value, headers)
            count += 1
    remaining = producer.flush(60)
    if remaining or failures:
        fail(f"produce to {args.topic}: {len(failures)} failed ({failures[:3]}), {remaining} undelivered")
    out({"produced": count, "delivered": delivered[0]})


def decode(data):
    if data is None:
        return None, None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return None, base64.b64encode(data).decode()


def cmd_consume(args):
    config = base_config(args)
    config.update({
        "group.id": args.group or f"kafka-tool-{uuid.uuid4()}",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "enable.partition.eof": False,
    })
    consumer = Consumer(config)
    if args.group:
        consumer.subscribe([args.topic])
    else:
        deadline = time.time() + 20
        while True:
            metadata = consumer.list_topics(args.topic, timeout=5)
            topic = metadata.topics.get(args.topic)
            if topic is not None and topic.error is None and topic.partitions:
                break
            if time.time() > deadline:
                fail(f"topic {args.topic} not found")
            time.sleep(0.2)
        consumer.assign([TopicPartition(args.topic, p, confluent_kafka.OFFSET_BEGINNING) for p in topic.partitions])
    seen = 0
    deadline = time.time() + args.timeout
    while seen < args.count:
        if time.time() > deadline:
            consumer.close()
            fail(f"consume {args.topic}: {seen} of {args.count} messages within {args.timeout}s")
        messages = consumer.consume(num_messages=min(1000, args.count - seen), timeout=0.5)
        for message in messages:
            if message.error():
                if message.error().code() == confluent_kafka.KafkaError._PARTITION_EOF:
                    continue
                fail(f"consume {args.topic}: {message.error().str()}")
            record = {
                "topic": message.topic(), "partition": message.partition(), "offset": message.offset(),
                "timestamp": message.timestamp()[1], "timestamp_type": message.timestamp()[0],
                "key": decode(message.key())[0],
                "headers": {k: (v.decode("utf-8", "replace") if v is not None else None) for k, v in (message.headers() or [])},
            }
            if args.values == "text":
                text, b64 = decode(message.value())
                if b64 is not None:
                    record["value_b64"] = b64
                else:
                    record["value"] = text
                record["size"] = len(message.value() or b"")
            else:
                record["size"] = len(message.value() or b"")
            out(record)
            seen += 1
    consumer.close()


def cmd_probe(args):
    """What the broker supports, as librdkafka >= 2.1 sees it: idempotent produce, transactions, groups."""
    report = {}
    topic = f"probe-{uuid.uuid4().hex[:8]}"
    admin = AdminClient(base_config(args))
    try:
        admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])[topic].result()
        report["create_topic"] = "ok"
    except KafkaException as error:
        report["create_topic"] = error.args[0].str()

    def produce(config, label, transactional=False, commit=True):
        errors = []
        try:
            producer = Producer(config)
            if transactional:
                producer.init_transactions(15)
                producer.begin_transaction()
            for index in range(3):
                producer.produce(topic, key=f"{label}-{index}".encode(), value=b"x",
                                 on_delivery=lambda e, m: e and errors.append(e.str()))
            if transactional:
                producer.flush(15)  # the records reach the broker before the commit or abort marker
                if commit:
                    producer.commit_transaction(15)
                else:
                    producer.abort_transaction(15)
            left = producer.flush(15)
            report[label] = "ok" if not errors and not left else f"errors={errors[:2]} undelivered={left}"
        except KafkaException as error:
            report[label] = f"{error.args[0].name()}: {error.args[0].str()}"

    produce({**base_config(args), "enable.idempotence": True}, "idempotent_produce")
    produce({**base_config(args), "transactional.id": f"probe-{uuid.uuid4().hex[:8]}"}, "transaction_commit", True, True)
    produce({**base_config(args), "transactional.id": f"probe-{uuid.uuid4().hex[:8]}"}, "transaction_abort", True, False)

    def read(isolation):
        consumer = Consumer({**base_config(args), "group.id": f"probe-{uuid.uuid4().hex[:8]}",
                             "auto.offset.reset": "earliest", "isolation.level": isolation})
        consumer.assign([TopicPartition(topic, 0, confluent_kafka.OFFSET_BEGINNING)])
        keys = []
        offsets = []
        deadline = time.time() + 5
        while time.time() < deadline:
            message = consumer.poll(0.3)
            if message is not None and not message.error():
                keys.append(message.key().decode())
                offsets.append(message.offset())
        consumer.close()
        report[f"{isolation}_offsets"] = offsets
        return keys

    # Exactly-once building block: offsets sent to a committed transaction become the group's offsets.
    group_txn = f"probe-txn-group-{uuid.uuid4().hex[:8]}"
    try:
        producer = Producer({**base_config(args), "transactional.id": f"probe-{uuid.uuid4().hex[:8]}"})
        producer.init_transactions(15)
        producer.begin_transaction()
        producer.produce(topic, key=b"txn-offsets", value=b"x")
        metadata = Consumer({**base_config(args), "group.id": group_txn}).consumer_group_metadata()
        producer.send_offsets_to_transaction([TopicPartition(topic, 0, 2)], metadata, 15)
        producer.commit_transaction(15)
        reader = Consumer({**base_config(args), "group.id": group_txn})
        report["txn_offsets_committed"] = reader.committed([TopicPartition(topic, 0)], timeout=10)[0].offset
        reader.close()
    except KafkaException as error:
        report["txn_offsets_committed"] = f"{error.args[0].name()}: {error.args[0].str()}"

    report["read_committed_keys"] = read("read_committed")
    report["read_uncommitted_keys"] = read("read_uncommitted")

    # Consumer group: subscribe, commit, and read the committed offset back.
    group = f"probe-group-{uuid.uuid4().hex[:8]}"
    try:
        started = time.time()
        consumer = Consumer({**base_config(args), "group.id": group, "auto.offset.reset": "earliest",
                             "enable.auto.commit": False})
        consumer.subscribe([topic])
        first = None
        deadline = time.time() + 30
        while first is None and time.time() < deadline:
            message = consumer.poll(0.5)
            if message is not None and not message.error():
                first = message
        report["group_first_message_s"] = round(time.time() - started, 2) if first else None
        if first is not None:
            consumer.commit(message=first, asynchronous=False)
            committed = consumer.committed([TopicPartition(topic, 0)], timeout=10)
            report["group_committed_offset"] = committed[0].offset
        consumer.close()
    except KafkaException as error:
        report["group"] = f"{error.args[0].name()}: {error.args[0].str()}"
    out(report)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("version").set_defaults(run=cmd_version)
    sub.add_parser("libpath").set_defaults(run=cmd_libpath)

    def with_bootstrap(name, run):
        p = sub.add_parser(name)
        p.add_argument("-b", "--bootstrap", required=True)
        p.set_defaults(run=run)
        return p

    p = with_bootstrap("create", cmd_create)
    p.add_argument("--partitions", type=int, default=1)
    p.add_argument("topics", nargs="+")
    with_bootstrap("metadata", cmd_metadata)
    with_bootstrap("probe", cmd_probe)
    p = with_bootstrap("produce", cmd_produce)
    p.add_argument("-t", "--topic", required=True)
    p.add_argument("--files", nargs="*")
    p.add_argument("--jsonl", nargs="?", const="-", help="read messages as JSON lines from FILE (or stdin: -)")
    p.add_argument("--idempotent", action="store_true")
    p = with_bootstrap("consume", cmd_consume)
    p.add_argument("-t", "--topic", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--timeout", type=float, default=60)
    p.add_argument("--group")
    p.add_argument("--values", choices=["none", "text"], default="text")
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
