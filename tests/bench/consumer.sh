#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tests/bench/consumer.sh -- ktk-consumer against kcat -C and Kafka's
# ConsoleConsumer, in one run on one broker: 1,000,000 records of 100
# bytes (keyed) from a 6-partition topic to /dev/null, printed as values,
# as key TAB value, and as JSON lines. Prints a table of seconds and ratios
# (how many times faster ktk-consumer is).
#
# Environment: KTK_BENCH_RECORDS (default 1000000), KTK_TEST_BOOTSTRAP (use
# a running broker instead of starting one with tests/kafka/kafka-up).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
n=${KTK_BENCH_RECORDS:-1000000}
bin=build/bin
started=0
B=${KTK_TEST_BOOTSTRAP:-}
if [ -z "$B" ]; then
	# a cluster of its own, so a running test cluster is left alone
	export KTK_KAFKA_CLUSTER=bench-consumer
	B=$(tests/kafka/kafka-up | tail -n 1)
	started=1
fi
cleanup() { if ((started)); then tests/kafka/kafka-down >/dev/null 2>&1 || true; fi; }
trap cleanup EXIT

topic=bench-consumer-$$-$RANDOM
tests/kafka/kafka-tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$B" \
	--create --topic "$topic" --partitions 6 >/dev/null
# keyed records: "key-NNNNNNNN" and a 100-byte value
echo "bench: producing $n records to $topic" >&2
awk -v n="$n" 'BEGIN { v = sprintf("%0100d", 0); gsub(/0/, "v", v);
	for (i = 0; i < n; i++) printf "key-%08d\t%s\n", i, v }' |
	kcat -P -b "$B" -t "$topic" -K '\t' -X linger.ms=50 -X batch.num.messages=10000
# wait until every record is there
for ((i = 0; i < 300; i++)); do
	have=$($bin/ktk-consumer -b "$B" -t "$topic" -o beginning -e -f '' -v 2>&1 >/dev/null |
		awk '/records in total/ { print $2 }')
	[ "${have:-0}" -ge "$n" ] && break
	sleep 0.2
done

# every tool must print every record, or the timings mean nothing
for cmd in "$bin/ktk-consumer -b $B -t $topic -o beginning -e" \
	"$bin/ktk-consumer -b $B -t $topic -o beginning -e -J" \
	"kcat -C -q -b $B -t $topic -o beginning -e"; do
	got=$($cmd | wc -l)
	[ "$got" -eq "$n" ] || { echo "bench: '$cmd' printed $got records, not $n" >&2; exit 1; }
done

# best of 2 runs, in seconds
timeit() {
	local best="" t s e
	for _ in 1 2; do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>/dev/null
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
	done
	printf '%.2f' "$best"
}
java_cc() {
	KTK_KAFKA_TOOL_HEAP=-Xmx512m tests/kafka/kafka-tool org.apache.kafka.tools.consumer.ConsoleConsumer \
		--bootstrap-server "$B" --topic "$topic" --from-beginning --max-messages "$n" "$@"
}
ktk=$bin/ktk-consumer
k_val=$(timeit $ktk -b "$B" -t "$topic" -o beginning -e)
c_val=$(timeit kcat -C -q -b "$B" -t "$topic" -o beginning -e)
j_val=$(timeit java_cc)
k_kv=$(timeit $ktk -b "$B" -t "$topic" -o beginning -e --property print.key=true)
c_kv=$(timeit kcat -C -q -b "$B" -t "$topic" -o beginning -e -f '%k\t%s\n')
j_kv=$(timeit java_cc --formatter-property print.key=true)
k_js=$(timeit $ktk -b "$B" -t "$topic" -o beginning -e -J)
c_js=$(timeit kcat -C -q -b "$B" -t "$topic" -o beginning -e -J)

ratio() { printf '%.2fx' "$(echo "$2 / $1" | bc -l)"; }
printf '\n%d records of 100 bytes, 6 partitions, to /dev/null (seconds, best of 2)\n\n' "$n"
printf '| output | ktk-consumer | kcat -C | kafka-console-consumer | vs kcat | vs Java |\n'
printf '|---|---|---|---|---|---|\n'
printf '| values | %s | %s | %s | %s | %s |\n' "$k_val" "$c_val" "$j_val" "$(ratio "$k_val" "$c_val")" "$(ratio "$k_val" "$j_val")"
printf '| key TAB value | %s | %s | %s | %s | %s |\n' "$k_kv" "$c_kv" "$j_kv" "$(ratio "$k_kv" "$c_kv")" "$(ratio "$k_kv" "$j_kv")"
printf '| JSON (-J) | %s | %s | n/a | %s | n/a |\n' "$k_js" "$c_js" "$(ratio "$k_js" "$c_js")"
tests/kafka/kafka-tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$B" \
	--delete --topic "$topic" >/dev/null 2>&1 || true
