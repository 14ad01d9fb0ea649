#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tests/bench/topics.sh -- ktk-topics vs kafka-topics (TopicCommand through
# tests/kafka/kafka-tool, JVM start included), in one run on one broker:
#   --list and --describe over 200 topics, and creating 50 topics
#   (ktk-topics: one call; kafka-topics: one call per topic, as it takes
#   one name). List and describe: the best of three runs each. Prints a
#   table of wall times and ratios.
# Uses KTK_TEST_BOOTSTRAP if set, else brings up a broker with kafka-up.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
export PATH="$top/build/bin:$PATH"
B=${KTK_TEST_BOOTSTRAP:-}
started=0
if [ -z "$B" ]; then
	B=$("$top/tests/kafka/kafka-up" | tail -n 1)
	started=1
fi
cleanup() { [ "$started" -eq 0 ] || "$top/tests/kafka/kafka-down" >/dev/null 2>&1 || true; }
trap cleanup EXIT

kafka_topics() { "$top/tests/kafka/kafka-tool" org.apache.kafka.tools.TopicCommand --bootstrap-server "$B" "$@" 2>/dev/null; }
# wall seconds of one command, to the millisecond
wall() {
	local s e
	s=$(date +%s%N)
	"$@" >/dev/null
	e=$(date +%s%N)
	echo "scale=3; ($e - $s) / 1000000000" | bc
}
# the best of three runs (the machine is shared)
best3() {
	local a b c
	a=$(wall "$@")
	b=$(wall "$@")
	c=$(wall "$@")
	printf '%s\n' "$a" "$b" "$c" | sort -n | head -n 1
}

p="bench-$$"
ktk-topics -b "$B" --create -t "$(seq -f "$p-%03g" 1 200 | paste -sd,)" --partitions 2 >/dev/null

# warm the broker up (a fresh one has just created 400 partitions and has
# not compiled its request paths yet): untimed, for both tools alike
for _ in 1 2 3 4 5; do
	ktk-topics -b "$B" --describe -t "$p-.*" >/dev/null
done

k_list=$(best3 ktk-topics -b "$B" --list)
j_list=$(best3 kafka_topics --list)
k_desc=$(best3 ktk-topics -b "$B" --describe -t "$p-.*")
j_desc=$(best3 kafka_topics --describe --topic "$p-.*")
k_create=$(wall ktk-topics -b "$B" --create -t "$(seq -f "$p-k%02g" 1 50 | paste -sd,)")
j_create_run() { local i; for i in $(seq -f %02g 1 50); do kafka_topics --create --topic "$p-j$i"; done; }
j_create=$(wall j_create_run)

ratio() { echo "scale=1; $2 / $1" | bc; }
printf '%-34s %12s %14s %8s\n' "ktk-topics vs kafka-topics" "ktk-topics s" "kafka-topics s" "ratio"
printf '%-34s %12s %14s %7sx\n' "--list (200+ topics)" "$k_list" "$j_list" "$(ratio "$k_list" "$j_list")"
printf '%-34s %12s %14s %7sx\n' "--describe 200 topics" "$k_desc" "$j_desc" "$(ratio "$k_desc" "$j_desc")"
printf '%-34s %12s %14s %7sx\n' "--create 50 topics" "$k_create" "$j_create" "$(ratio "$k_create" "$j_create")"
ktk-topics -b "$B" --delete -t "$p-.*" >/dev/null
