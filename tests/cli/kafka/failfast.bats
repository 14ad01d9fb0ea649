#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# Failing fast and plainly against a real Kafka: a topic that does not
# exist, on the test broker (auto.create.topics.enable=false) and on a
# second one of its own that creates topics on first use (kafka-up
# --auto-create, stopped afterwards); a cluster that is not there.
# Offline cases (a closed port, a signal once the cluster went away) are
# in tests/cli/producer.bats.

bats_require_minimum_version 1.5.0
load ../helpers

setup_file() {
	[ -n "${KTK_TEST_BOOTSTRAP:-}" ] || return 0
	AB=$(KTK_KAFKA_CLUSTER=auto-create "$KTK_TOP/tests/kafka/kafka-up" --auto-create | tail -n 1)
	export AB
}

teardown_file() {
	[ -n "${KTK_TEST_BOOTSTRAP:-}" ] || return 0
	KTK_KAFKA_CLUSTER=auto-create "$KTK_TOP/tests/kafka/kafka-down" >/dev/null 2>&1 || true
}

@test "ktk-producer, a topic that does not exist where the cluster does not create topics: one line within 5 s, every record counted, exit 1" {
	need_kafka
	local t
	t=$(unique_topic nope)
	# it used to say "Broker: Unknown topic or partition" for each record,
	# after 30 s (topic.metadata.propagation.max.ms)
	SECONDS=0
	run --separate-stderr ktk-producer -b "$BOOTSTRAP" -t "$t" <<<$'a\nb\nc'
	assert_failure 1
	[ "$SECONDS" -le 5 ]
	assert_output ""
	assert_equal "$(sed -n 1p <<<"$stderr")" "ktk-producer: topic '$t' does not exist, and the cluster does not create topics on first use (create it with ktk-topics --create)"
	[[ $(sed -n 2p <<<"$stderr") == "ktk-producer: 3 records read, 0 delivered, 3 failed (3 topic '$t' does not exist), "* ]]
	assert_equal "$(wc -l <<<"$stderr")" 2
	# keyed records (partitioned by ktk), -p, --sync and a transaction: the same
	local how
	for how in "-K :" "-p 0" "--sync" "--transactional-id tx-$t"; do
		SECONDS=0
		# shellcheck disable=SC2086 # $how is two words
		run --separate-stderr ktk-producer -b "$BOOTSTRAP" -t "$t" $how <<<$'k:a\nk:b'
		assert_failure 1
		[ "$SECONDS" -le 5 ]
		[[ $stderr == *"ktk-producer: topic '$t' does not exist, and the cluster does not create topics on first use"* ]]
		[[ $stderr == *"2 records read, 0 delivered, 2 failed (2 topic '$t' does not exist)"* ]]
	done
	# nothing was created on the way
	run ktk-topics -b "$BOOTSTRAP" --list
	assert_success
	refute_line "$t"
}

@test "ktk-producer, no input for a topic that does not exist: still the line and exit 1" {
	need_kafka
	local t
	t=$(unique_topic nope)
	run --separate-stderr ktk-producer -b "$BOOTSTRAP" -t "$t" </dev/null
	assert_failure 1
	[[ $stderr == *"topic '$t' does not exist"* ]]
	[[ $stderr == *"0 records read, 0 delivered, 0 failed"* ]]
}

@test "ktk-producer, allow.auto.create.topics=false on the client: says that is why" {
	need_kafka
	local t
	t=$(unique_topic nope)
	SECONDS=0
	run --separate-stderr ktk-producer -b "$AB" -t "$t" -X allow.auto.create.topics=false <<<a
	assert_failure 1
	[ "$SECONDS" -le 5 ]
	assert_equal "$(sed -n 1p <<<"$stderr")" "ktk-producer: topic '$t' does not exist, and allow.auto.create.topics=false does not let the cluster create it (create it with ktk-topics --create)"
}

@test "ktk-producer, a topic that does not exist where the cluster creates topics: created on first use, as before" {
	need_kafka
	local t
	t=$(unique_topic auto)
	SECONDS=0
	run --separate-stderr ktk-producer -b "$AB" -t "$t" -K : <<<$'k1:a\nk2:b\nk3:c'
	assert_success
	[ "$SECONDS" -le 15 ]
	assert_equal "$stderr" ""
	run ktk-consumer -b "$AB" -t "$t" --from-beginning -e
	assert_success
	assert_equal "$(sort <<<"$output" | tr '\n' ' ')" "a b c "
}

@test "ktk-producer against a stopped broker's address: the line of a closed port, exit 69, within 2 s" {
	need_kafka
	local port
	# a port of loopback that nothing listens on (bound, then closed)
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	SECONDS=0
	run --separate-stderr ktk-producer -b "127.0.0.1:$port" -t x <<<a
	assert_failure 69
	[ "$SECONDS" -le 2 ]
	assert_equal "$stderr" "ktk-producer: cannot reach any broker at 127.0.0.1:$port (1/1 brokers are down)"
	# one address up is enough
	run --separate-stderr ktk-producer -b "127.0.0.1:$port,$BOOTSTRAP" -t x </dev/null
	refute [ "$status" -eq 69 ]
}
