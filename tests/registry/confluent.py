# SPDX-License-Identifier: Apache-2.0
"""Confluent's own Python client, for ktk's interoperability tests and the
schema benchmark: confluent-kafka's AvroSerializer/AvroDeserializer (fastavro)
and JSONSerializer/JSONDeserializer against the test registry.

  confluent.py produce FORMAT BOOTSTRAP REGISTRY TOPIC SCHEMA_FILE < lines
  confluent.py consume FORMAT BOOTSTRAP REGISTRY TOPIC COUNT    > lines
  confluent.py bench-decode BOOTSTRAP REGISTRY TOPIC COUNT        (to /dev/null)
  confluent.py bench-produce BOOTSTRAP REGISTRY TOPIC SCHEMA_FILE < lines

FORMAT is avro or json. Lines are JSON values in ktk's plain mapping
(lib/serdes/avro.h): bytes and fixed as strings of code points U+0000..U+00FF,
decimals as exact strings, NaN and infinities as strings, timestamps and dates
as numbers. produce converts them to the Python values the serializer wants
(bytes, Decimal, datetime, date, UUID); consume converts what the deserializer
returns back, walking the writer's schema, so that ktk's output and Confluent's
compare as JSON. Run with the virtual environment tests/registry/pyenv makes.
KTK_REGISTRY_CA names the PEM CA of an https registry (ssl.ca.location).
"""
import datetime
import decimal
import json
import math
import os
import sys
import uuid

from confluent_kafka import Consumer, Producer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
PRIMS = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}


class Names:
    """Named Avro types of a schema, by full name."""

    def __init__(self, schema):
        self.named = {}
        self.walk(schema, "")

    def walk(self, s, ns):
        if isinstance(s, list):
            for b in s:
                self.walk(b, ns)
        elif isinstance(s, dict):
            t = s.get("type")
            if t in ("record", "error", "enum", "fixed"):
                name = s["name"]
                if "." not in name:
                    nsp = s.get("namespace", ns)
                    name = nsp + "." + name if nsp else name
                self.named[name] = s
                own = name.rsplit(".", 1)[0] if "." in name else ""
                s["_ns"] = own
                for f in s.get("fields", []):
                    self.walk(f["type"], own)
            elif t in ("array",):
                self.walk(s["items"], ns)
            elif t in ("map",):
                self.walk(s["values"], ns)
            elif isinstance(t, (dict, list)):
                self.walk(t, ns)

    def resolve(self, s, ns):
        if isinstance(s, str) and s not in PRIMS:
            full = s if "." in s else (ns + "." + s if ns else s)
            return self.named.get(full) or self.named[s]
        if isinstance(s, dict) and isinstance(s.get("type"), str) and \
                s["type"] not in PRIMS and s["type"] not in (
                    "record", "error", "enum", "fixed", "array", "map"):
            return self.resolve(s["type"], ns)
        return s


def base(s):
    if isinstance(s, str):
        return s, None
    if isinstance(s, list):
        return "union", None
    t = s["type"]
    return (t if isinstance(t, str) else "union"), s.get("logicalType")


def latin1(b):
    return b.decode("latin-1")


def real_out(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def to_plain(names, s, v, ns=""):
    """A deserialized Python value as ktk's plain JSON mapping."""
    s = names.resolve(s, ns)
    t, lt = base(s)
    if t == "union":
        branches = s if isinstance(s, list) else s["type"]
        if v is None:
            return None
        for b in branches:
            if matches(names, b, v, ns):
                return to_plain(names, b, v, ns)
        raise ValueError("no union branch for %r" % (v,))
    if t in ("bytes", "fixed"):
        if lt == "decimal":
            scale = s.get("scale", 0)
            return str(v.quantize(decimal.Decimal(1).scaleb(-scale))) if isinstance(
                v, decimal.Decimal) else latin1(v)
        return latin1(v)
    if t in ("float", "double"):
        return real_out(v)
    if t == "int" and lt == "date" and isinstance(v, datetime.date):
        return (v - datetime.date(1970, 1, 1)).days
    if t == "int" and lt == "time-millis" and isinstance(v, datetime.time):
        return ((v.hour * 60 + v.minute) * 60 + v.second) * 1000 + v.microsecond // 1000
    if t == "long" and lt == "time-micros" and isinstance(v, datetime.time):
        return ((v.hour * 60 + v.minute) * 60 + v.second) * 1000000 + v.microsecond
    if t == "long" and isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=datetime.timezone.utc)
        d = v - EPOCH
        us = (d.days * 86400 + d.seconds) * 1000000 + d.microseconds
        return us // 1000 if lt in ("timestamp-millis", "local-timestamp-millis") else us
    if t == "string" and isinstance(v, uuid.UUID):
        return str(v)
    if t in ("record", "error"):
        own = s.get("_ns", ns)
        return {f["name"]: to_plain(names, f["type"], v[f["name"]], own) for f in s["fields"]}
    if t == "array":
        return [to_plain(names, s["items"], x, ns) for x in v]
    if t == "map":
        return {k: to_plain(names, s["values"], x, ns) for k, x in v.items()}
    return v


def matches(names, b, v, ns):
    b = names.resolve(b, ns)
    t, lt = base(b)
    if t == "null":
        return v is None
    if t == "boolean":
        return isinstance(v, bool)
    if t in ("int", "long"):
        if lt and isinstance(v, (datetime.date, datetime.time)):
            return True
        return isinstance(v, int) and not isinstance(v, bool)
    if t in ("float", "double"):
        return isinstance(v, float)
    if t in ("bytes", "fixed"):
        return isinstance(v, (bytes, decimal.Decimal))
    if t == "string":
        return isinstance(v, (str, uuid.UUID))
    if t == "enum":
        return isinstance(v, str) and v in b["symbols"]
    if t in ("record", "error"):
        return isinstance(v, dict) and all(f["name"] in v for f in b["fields"])
    if t == "array":
        return isinstance(v, list)
    if t == "map":
        return isinstance(v, dict)
    return False


def from_plain(names, s, v, ns=""):
    """ktk's plain JSON mapping as the Python value the serializer wants."""
    s = names.resolve(s, ns)
    t, lt = base(s)
    if t == "union":
        branches = s if isinstance(s, list) else s["type"]
        if v is None:
            return None
        for b in branches:
            bt, blt = base(names.resolve(b, ns))
            ok = {"boolean": isinstance(v, bool),
                  "int": isinstance(v, int) and not isinstance(v, bool),
                  "long": isinstance(v, int) and not isinstance(v, bool),
                  "float": isinstance(v, (int, float)) or v in ("NaN", "Infinity", "-Infinity"),
                  "double": isinstance(v, (int, float)) or v in ("NaN", "Infinity", "-Infinity"),
                  "string": isinstance(v, str), "bytes": isinstance(v, str),
                  "fixed": isinstance(v, str), "enum": isinstance(v, str),
                  "record": isinstance(v, dict), "map": isinstance(v, dict),
                  "array": isinstance(v, list)}.get(bt, False)
            if ok:
                val = from_plain(names, b, v, ns)
                return val
        raise ValueError("no union branch for %r" % (v,))
    if t in ("bytes", "fixed"):
        if lt == "decimal":
            return decimal.Decimal(v)
        return v.encode("latin-1")
    if t in ("float", "double"):
        return float(v) if isinstance(v, str) else float(v)
    if t in ("record", "error"):
        own = s.get("_ns", ns)
        return {f["name"]: from_plain(names, f["type"], v[f["name"]], own)
                for f in s["fields"] if f["name"] in v}
    if t == "array":
        return [from_plain(names, s["items"], x, ns) for x in v]
    if t == "map":
        return {k: from_plain(names, s["values"], x, ns) for k, x in v.items()}
    if t == "long" and lt in ("timestamp-millis", "local-timestamp-millis"):
        return EPOCH + datetime.timedelta(milliseconds=v)
    if t == "long" and lt in ("timestamp-micros", "local-timestamp-micros"):
        return EPOCH + datetime.timedelta(microseconds=v)
    if t == "int" and lt == "date":
        return datetime.date(1970, 1, 1) + datetime.timedelta(days=v)
    return v


def registry(url):
    conf = {"url": url}
    # an https registry of a test CA (tests/registry/registry-up --tls):
    # Confluent's client takes it as ssl.ca.location
    if os.environ.get("KTK_REGISTRY_CA"):
        conf["ssl.ca.location"] = os.environ["KTK_REGISTRY_CA"]
    return SchemaRegistryClient(conf)


def produce(fmt, bootstrap, url, topic, schema_file):
    text = open(schema_file).read()
    reg = registry(url)
    p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5})
    ctx = SerializationContext(topic, MessageField.VALUE)
    if fmt == "avro":
        names = Names(json.loads(text))
        root = json.loads(text)
        Names(root)
        ser = AvroSerializer(reg, text, conf={"auto.register.schemas": True})
        convert = lambda v: from_plain(names, root, v)  # noqa: E731
    else:
        ser = JSONSerializer(text, reg, conf={"auto.register.schemas": True})
        convert = lambda v: v  # noqa: E731
    n = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        v = json.loads(line)
        p.produce(topic, value=ser(convert(v), ctx))
        n += 1
        if n % 10000 == 0:
            p.poll(0)
    left = p.flush(60)
    if left:
        sys.exit("confluent.py: %d records not delivered" % left)


def consumer(bootstrap, topic):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "confluent-py-%s" % uuid.uuid4(),
                  "auto.offset.reset": "earliest", "enable.auto.commit": False})
    c.subscribe([topic])
    return c


def consume(fmt, bootstrap, url, topic, count, out=True):
    reg = registry(url)
    c = consumer(bootstrap, topic)
    ctx = SerializationContext(topic, MessageField.VALUE)
    if fmt == "avro":
        deser = AvroDeserializer(reg)
    else:
        deser = JSONDeserializer(None, schema_registry_client=reg)
    schemas = {}
    n = 0
    misses = 0
    w = sys.stdout
    while n < count and misses < 300:
        m = c.poll(0.2)
        if m is None:
            misses += 1
            continue
        if m.error():
            sys.exit("confluent.py: %s" % m.error())
        misses = 0
        v = deser(m.value(), ctx)
        n += 1
        if not out:
            continue
        if fmt == "avro":
            sid = int.from_bytes(m.value()[1:5], "big")
            if sid not in schemas:
                root = json.loads(reg.get_schema(sid).schema_str)
                schemas[sid] = (Names(root), root)
            names, root = schemas[sid]
            v = to_plain(names, root, v)
        w.write(json.dumps(v, ensure_ascii=False, separators=(",", ":")) + "\n")
    c.close()
    if n < count:
        sys.exit("confluent.py: only %d of %d records" % (n, count))


def bench_decode(bootstrap, url, topic, count):
    """Decode COUNT Avro records to JSON lines on /dev/null, as a user would."""
    reg = registry(url)
    c = consumer(bootstrap, topic)
    ctx = SerializationContext(topic, MessageField.VALUE)
    deser = AvroDeserializer(reg)
    n = 0
    misses = 0
    with open("/dev/null", "w") as null:
        while n < count and misses < 300:
            ms = c.consume(10000, 0.2)
            if not ms:
                misses += 1
                continue
            misses = 0
            for m in ms:
                v = deser(m.value(), ctx)
                null.write(json.dumps(v, default=str) + "\n")
                n += 1
    c.close()
    if n < count:
        sys.exit("confluent.py: only %d of %d records" % (n, count))


def bench_produce(bootstrap, url, topic, schema_file):
    """Encode JSON lines from stdin with AvroSerializer and produce them, as a
    user would (no conversion: the bench schema has primitive types only)."""
    text = open(schema_file).read()
    ser = AvroSerializer(registry(url), text, conf={"auto.register.schemas": True})
    p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 50,
                  "batch.num.messages": 10000, "queue.buffering.max.messages": 1000000})
    ctx = SerializationContext(topic, MessageField.VALUE)
    n = 0
    for line in sys.stdin:
        while True:
            try:
                p.produce(topic, value=ser(json.loads(line), ctx))
                break
            except BufferError:
                p.poll(0.1)
        n += 1
        if n % 10000 == 0:
            p.poll(0)
    if p.flush(120):
        sys.exit("confluent.py: records not delivered")


def main(argv):
    if len(argv) >= 6 and argv[1] == "produce":
        produce(argv[2], argv[3], argv[4], argv[5], argv[6])
    elif len(argv) >= 7 and argv[1] == "consume":
        consume(argv[2], argv[3], argv[4], argv[5], int(argv[6]))
    elif len(argv) >= 6 and argv[1] == "bench-produce":
        bench_produce(argv[2], argv[3], argv[4], argv[5])
    elif len(argv) >= 6 and argv[1] == "bench-decode":
        bench_decode(argv[2], argv[3], argv[4], int(argv[5]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
