#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tests/bench/groups.sh -- ktk-groups vs kafka-consumer-groups
# (ConsumerGroupCommand through tests/kafka/kafka-tool, JVM start
# included), in one run on one broker: 200 groups with committed offsets on
# 10 partitions each (20 topics of 10 partitions, 10 groups a topic):
# --list and --describe --all-groups, the best of three runs each; then
# ktk-groups alone: --describe --all-groups --time-lag (every group lags,
# at one of 7 offsets a partition: one read each and a seek per offset),
# and both on 2,000 groups. Prints a table of wall times and ratios.
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
p="bench-g$$"
cleanup() {
	ktk-groups -b "$B" -q --delete $(seq -f "-g $p-%g" 1 2000) >/dev/null 2>&1 || true
	ktk-topics -b "$B" --delete -t "$p-.*" --if-exists >/dev/null 2>&1 || true
	[ "$started" -eq 0 ] || "$top/tests/kafka/kafka-down" >/dev/null 2>&1 || true
}
trap cleanup EXIT

kcg() { "$top/tests/kafka/kafka-tool" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$B" "$@" 2>/dev/null; }
# wall seconds of one command, to the millisecond
wall() {
	local s e
	s=$(date +%s%N)
	"$@" >/dev/null 2>&1
	e=$(date +%s%N)
	echo "scale=3; ($e - $s) / 1000000000" | bc
}
# the best of three runs (the machine is shared; groups without members
# say so on stderr, which is thrown away for both tools)
best3() {
	local a b c
	a=$(wall "$@")
	b=$(wall "$@")
	c=$(wall "$@")
	printf '%s\n' "$a" "$b" "$c" | sort -n | head -n 1
}

# groups GROUPS FILE: a reset plan giving groups 1..GROUPS offsets on the
# 10 partitions of topic (group % 20)
plan() {
	local g t q
	for ((g = 1; g <= $1; g++)); do
		t=$(printf '%s-%02d' "$p" $((g % 20)))
		for ((q = 0; q < 10; q++)); do
			echo "$p-$g,$t,$q,$((g % 7))"
		done
	done >"$2"
}

ktk-topics -b "$B" --create -t "$(seq -f "$p-%02g" 0 19 | paste -sd,)" --partitions 10 >/dev/null
for t in $(seq -f "$p-%02g" 0 19); do
	for q in 0 1 2 3 4 5 6 7 8 9; do
		seq 1 10 | ktk-producer -b "$B" -t "$t" -p "$q" >/dev/null
	done
done
tmp=$(mktemp -d)
plan 200 "$tmp/plan.csv"
ktk-groups -b "$B" -q --reset-offsets $(seq -f "-g $p-%g" 1 200) --from-file "$tmp/plan.csv" --execute >/dev/null

# warm the broker up, untimed, for both tools alike
for _ in 1 2 3; do
	ktk-groups -b "$B" --describe --all-groups >/dev/null 2>&1
done

k_list=$(best3 ktk-groups -b "$B" --list)
j_list=$(best3 kcg --list)
k_desc=$(best3 ktk-groups -b "$B" --describe --all-groups)
j_desc=$(best3 kcg --describe --all-groups)
k_age=$(best3 ktk-groups -b "$B" --describe --all-groups --time-lag)

plan 2000 "$tmp/plan.csv"
ktk-groups -b "$B" -q --reset-offsets $(seq -f "-g $p-%g" 201 2000) --from-file "$tmp/plan.csv" --execute >/dev/null
k_big=$(best3 ktk-groups -b "$B" --describe --all-groups)
k_big_age=$(best3 ktk-groups -b "$B" --describe --all-groups --time-lag)
rm -rf "$tmp"

ratio() { echo "scale=1; $2 / $1" | bc; }
printf '%-48s %12s %16s %8s\n' "ktk-groups vs kafka-consumer-groups" "ktk-groups s" "kafka-c-groups s" "ratio"
printf '%-48s %12s %16s %7sx\n' "--list (200 groups)" "$k_list" "$j_list" "$(ratio "$k_list" "$j_list")"
printf '%-48s %12s %16s %7sx\n' "--describe --all-groups (200 x 10)" "$k_desc" "$j_desc" "$(ratio "$k_desc" "$j_desc")"
printf '%-48s %12s %16s %8s\n' "--describe --all-groups --time-lag (200 x 10)" "$k_age" "-" "-"
printf '%-48s %12s %16s %8s\n' "--describe --all-groups (2,000 x 10)" "$k_big" "-" "-"
printf '%-48s %12s %16s %8s\n' "--describe --all-groups --time-lag (2,000 x 10)" "$k_big_age" "-" "-"
