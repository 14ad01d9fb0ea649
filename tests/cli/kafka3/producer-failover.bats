#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-producer on three brokers: the partition leader crashes while
# 200,000 numbered records are produced with acks=all; afterwards the topic
# holds each number exactly once and the producer exits 0.

bats_require_minimum_version 1.5.0
load ../helpers
load "$KTK_TOP/tests/kafka/helpers"

setup_file() {
	kafka_setup_file --brokers 3
}

teardown_file() {
	kafka_teardown_file
}

# leader TOPIC: the node id leading partition 0
leader() {
	kcat -L -b "$KAFKA_BOOTSTRAP" -t "$1" -m 5 -J |
		jq -e '.topics[0].partitions[0].leader | select(. > 0)'
}

# delivered TOPIC MIN: at least MIN records are in the log
at_least() {
	[ "$(kcat -C -b "$KAFKA_BOOTSTRAP" -t "$1" -o beginning -e -q -f '\n' 2>/dev/null |
		wc -l)" -ge "$2" ]
}

@test "the leader crashes mid-run: every number exactly once, exit 0" {
	t=$(unique_topic failover)
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--create --topic "$t" --partitions 1 --replication-factor 3 \
		--config min.insync.replicas=2 >/dev/null
	wait_for 30 leader "$t"
	old=$(leader "$t")
	# 200,000 records at 20,000/s: about ten seconds, enough to crash
	# the leader in the middle
	seq 1 200000 | ktk-producer -b "$KAFKA_BOOTSTRAP" -t "$t" --acks all \
		--rate 20000 --delivery-timeout-ms 120000 -v 2>"$BATS_TEST_TMPDIR/err" &
	pid=$!
	wait_for 60 at_least "$t" 20000
	"$KTK_TOP/tests/kafka/kafka-broker" stop "$old"
	st=0
	wait "$pid" || st=$?
	"$KTK_TOP/tests/kafka/kafka-broker" start "$old"
	cat "$BATS_TEST_TMPDIR/err" >&2
	assert_equal "$st" 0
	grep -q '200000 records read, 200000 delivered, 0 failed' "$BATS_TEST_TMPDIR/err"
	kcat -C -b "$KAFKA_BOOTSTRAP" -t "$t" -o beginning -e -q -f '%s\n' >"$BATS_TEST_TMPDIR/out"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/out")" -eq 200000 ]
	sort -n "$BATS_TEST_TMPDIR/out" | cmp - <(seq 1 200000)
}
