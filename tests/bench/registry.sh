#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tests/bench/registry.sh -- schema-registry records, in one run on one
# broker and the test registry (tests/registry): 1,000,000 Avro records of a
# 10-field record (about 100 bytes each) produced from JSON lines, and
# consumed to JSON lines on /dev/null, by ktk and by Confluent's Python
# client (confluent-kafka's AvroSerializer/AvroDeserializer, fastavro: what
# users pick), and the same records consumed by ktk-consumer -J as plain
# bytes (no decoding). Prints a table of wall seconds, CPU seconds (user +
# sys of the process and its threads: the figure to compare on a loaded
# machine), records/s and ratios (of wall time, and of CPU time).
# kcat: Debian's is built without Avro (no libserdes), so it is not here.
#
# Environment: KTK_BENCH_RECORDS (default 1000000), KTK_TEST_BOOTSTRAP and
# KTK_TEST_REGISTRY (use a running broker and registry instead of starting
# them).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
n=${KTK_BENCH_RECORDS:-1000000}
bin=build/bin
B=${KTK_TEST_BOOTSTRAP:-} R=${KTK_TEST_REGISTRY:-}
started_k=0 started_r=0
cleanup() {
	if ((started_r)); then KTK_REGISTRY_NAME=bench tests/registry/registry-down >/dev/null 2>&1 || true; fi
	if ((started_k)); then KTK_KAFKA_CLUSTER=bench-registry tests/kafka/kafka-down >/dev/null 2>&1 || true; fi
	rm -rf "${tmp:-}"
}
trap cleanup EXIT
if [ -z "$B" ]; then
	B=$(KTK_KAFKA_CLUSTER=bench-registry tests/kafka/kafka-up | tail -n 1)
	started_k=1
fi
if [ -z "$R" ]; then
	R=$(KTK_REGISTRY_NAME=bench tests/registry/registry-up | tail -n 1)
	started_r=1
fi
py=$(tests/registry/pyenv | tail -n 1)
tmp=$(mktemp -d)
cat >"$tmp/bench.avsc" <<'EOS'
{"type":"record","name":"Customer","namespace":"ktk.bench","fields":[
 {"name":"id","type":"long"},{"name":"name","type":"string"},
 {"name":"email","type":"string"},{"name":"age","type":"int"},
 {"name":"score","type":"double"},{"name":"active","type":"boolean"},
 {"name":"city","type":"string"},{"name":"country","type":"string"},
 {"name":"created","type":"long"},{"name":"tag","type":"string"}]}
EOS
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++)
	printf "{\"id\":%d,\"name\":\"customer %07d\",\"email\":\"customer%07d@example.com\",\"age\":%d,\"score\":%d.25,\"active\":%s,\"city\":\"Oslo Sentrum\",\"country\":\"Norway\",\"created\":%.0f,\"tag\":\"gold-member\"}\n",
		i, i, i, 18 + i % 60, i % 1000, (i % 2 ? "true" : "false"), 1700000000000 + i }' >"$tmp/in.jsonl"

newtopic() {
	local t=bench-registry-$1-$$-$RANDOM
	$bin/ktk-topics -b "$B" --create --topic "$t" --partitions 1 >/dev/null
	echo "$t"
}
secs() { # secs COMMAND...: "WALL CPU" seconds of one run (CPU: user + sys)
	local TIMEFORMAT='%R %U %S' t
	t=$({ time "$@" >/dev/null 2>&3; } 3>&2 2>&1)
	echo "$t" | awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }'
}
count() { # count TOPIC: records in it
	$bin/ktk-consumer -b "$B" -t "$1" -o beginning -e -f '' -v 2>&1 >/dev/null |
		awk '/records in total/ { print $2 }'
}

echo "bench: producing $n Avro records from JSON lines (ktk, then Confluent's Python), best of 2 each" >&2
produce() { # produce ktk|py: "WALL CPU TOPIC" of one run into a new topic
	local t w
	t=$(newtopic "$1")
	if [ "$1" = ktk ]; then
		w=$(secs sh -c "$bin/ktk-producer -b $B -t $t -r $R --value-schema $tmp/bench.avsc <$tmp/in.jsonl")
	else
		w=$(secs "$py" tests/registry/confluent.py bench-produce "$B" "$R" "$t" "$tmp/bench.avsc" <"$tmp/in.jsonl")
	fi
	echo "$w $t"
}
faster() { # faster "WALL CPU" "WALL CPU": the one with less CPU time
	if [ "$(echo "${1#* } < ${2#* }" | bc)" = 1 ]; then echo "$1"; else echo "$2"; fi
}
p_ktk=$(produce ktk) p_ktk2=$(produce ktk)
t_ktk=${p_ktk##* } p_ktk=$(faster "${p_ktk% *}" "${p_ktk2% *}")
p_py=$(produce py) p_py2=$(produce py)
t_py=${p_py##* } p_py=$(faster "${p_py% *}" "${p_py2% *}")
for t in "$t_ktk" "$t_py"; do
	got=$(count "$t")
	[ "$got" -eq "$n" ] || { echo "bench: $t holds $got records, not $n" >&2; exit 1; }
done
size=$($bin/ktk-consumer -b "$B" -t "$t_ktk" -o beginning -c 1 -e -f '%S')

echo "bench: consuming them to JSON lines on /dev/null" >&2
got=$($bin/ktk-consumer -b "$B" -t "$t_ktk" -o beginning -e -s avro -r "$R" -J | wc -l)
[ "$got" -eq "$n" ] || { echo "bench: ktk-consumer -s avro printed $got records, not $n" >&2; exit 1; }
best() { faster "$(secs "$@")" "$(secs "$@")"; } # best of 2, by CPU time
c_ktk=$(best sh -c "$bin/ktk-consumer -b $B -t $t_ktk -o beginning -e -s avro -r $R -J >/dev/null")
c_raw=$(best sh -c "$bin/ktk-consumer -b $B -t $t_ktk -o beginning -e -J >/dev/null")
# the same prefetch as -s sets (queued.min.messages), like for like
c_raw2=$(best sh -c "$bin/ktk-consumer -b $B -t $t_ktk -o beginning -e -J -X queued.min.messages=1000000 >/dev/null")
c_py=$(secs "$py" tests/registry/confluent.py bench-decode "$B" "$R" "$t_ktk" "$n")

wall() { echo "${1% *}"; }
cpu() { echo "${1#* }"; }
rate() { echo "scale=0; $n / $(wall "$1")" | bc; }
ratio() { # ratio SLOW FAST: "WALLx/CPUx"
	echo "$(echo "scale=1; $(wall "$1") / $(wall "$2")" | bc)x/$(echo "scale=1; $(cpu "$1") / $(cpu "$2")" | bc)x"
}
speed() { # speed PLAIN DECODE: decoding's speed over plain -J's, wall/CPU
	echo "$(echo "scale=2; $(wall "$1") / $(wall "$2")" | bc)/$(echo "scale=2; $(cpu "$1") / $(cpu "$2")" | bc)"
}
row() { # row LABEL "WALL CPU" RATIO
	printf '%-52s %8.2f %8.2f %10d %12s\n' "$1" "$(wall "$2")" "$(cpu "$2")" "$(rate "$2")" "$3"
}
printf '%d Avro records of %d bytes (10 fields), one partition, Apicurio %s, load %s\n' "$n" "$size" 3.0.9 \
	"$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-52s %8s %8s %10s %12s\n' "" wall-s cpu-s records/s ratio
row "produce from JSON: ktk-producer --value-schema" "$p_ktk" "$(ratio "$p_py" "$p_ktk")"
row "produce from JSON: Confluent Python AvroSerializer" "$p_py" "1x"
row "consume to JSON: ktk-consumer -s avro -J" "$c_ktk" "$(ratio "$c_py" "$c_ktk")"
row "consume to JSON: Confluent Python AvroDeserializer" "$c_py" "1x"
row "consume, plain bytes: ktk-consumer -J (no decoding)" "$c_raw" "$(speed "$c_raw" "$c_ktk")"
row "  the same, with -s's prefetch (queued.min.messages)" "$c_raw2" "$(speed "$c_raw2" "$c_ktk")"
echo "(ratios: wall/CPU; the last two: decoding's speed over plain -J's, target at least 0.5;"
echo " per record, CPU: $(echo "scale=2; $(cpu "$p_ktk") * 1000000 / $n" | bc) us to produce," \
	"$(echo "scale=2; $(cpu "$c_ktk") * 1000000 / $n" | bc) us to decode," \
	"$(echo "scale=2; $(cpu "$c_raw2") * 1000000 / $n" | bc) us plain -J)"
