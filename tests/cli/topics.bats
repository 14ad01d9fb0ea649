#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-topics without a broker: help, usage errors (exit 64), unreachable
# brokers (exit 69, fast).
load helpers

@test "topics: --help prints usage and every action on stdout" {
	run ktk-topics --help
	assert_success
	assert_line --index 0 --partial "Usage: ktk-topics"
	for a in list describe create delete alter; do
		assert_output --partial "--$a"
	done
}

@test "topics: no action or two actions is exit 64" {
	run ktk-topics -b 127.0.0.1:1
	assert_failure 64
	assert_output "ktk-topics: command must include exactly one action: --list, --describe, --create, --alter or --delete"
	run ktk-topics -b 127.0.0.1:1 --list --describe
	assert_failure 64
	assert_output --partial "exactly one action"
}

@test "topics: unknown flag and missing value are exit 64" {
	run ktk-topics --list --nope
	assert_failure 64
	assert_output --partial "unknown option '--nope'"
	run ktk-topics --list --topic
	assert_failure 64
	assert_output --partial "needs a value"
}

@test "topics: zero, negative and bad partition counts are exit 64" {
	for n in 0 -3; do
		run ktk-topics -b 127.0.0.1:1 --create -t x --partitions "$n"
		assert_failure 64
		assert_output "ktk-topics: --partitions: the partitions must be greater than 0, got $n"
	done
	run ktk-topics -b 127.0.0.1:1 --create -t x --partitions 2x
	assert_failure 64
	assert_output --partial "--partitions: '2x'"
}

@test "topics: replication factor outside 1..32767 is exit 64" {
	run ktk-topics -b 127.0.0.1:1 --create -t x --replication-factor 0
	assert_failure 64
	assert_output --partial "between 1 and 32767"
	run ktk-topics -b 127.0.0.1:1 --create -t x --replication-factor 40000
	assert_failure 64
}

@test "topics: options that do not go with the action are exit 64" {
	run ktk-topics -b 127.0.0.1:1 --list --partitions 3
	assert_failure 64
	assert_output "ktk-topics: --partitions can't be used with --list"
	run ktk-topics -b 127.0.0.1:1 --describe --if-not-exists
	assert_failure 64
	run ktk-topics -b 127.0.0.1:1 --delete -t x --config a=b
	assert_failure 64
	run ktk-topics -b 127.0.0.1:1 --create -t x --delete-config a
	assert_failure 64
	run ktk-topics -b 127.0.0.1:1 --describe --topics-with-overrides --under-replicated-partitions
	assert_failure 64
	run ktk-topics -b 127.0.0.1:1 --create -t x --replica-assignment 1:2 --partitions 1
	assert_failure 64
	run ktk-topics -b 127.0.0.1:1 --alter -t x
	assert_failure 64
	assert_output --partial "--alter needs"
}

@test "topics: --topic is required for create, delete and alter" {
	for a in create delete alter; do
		run ktk-topics -b 127.0.0.1:1 --$a
		assert_failure 64
		assert_output "ktk-topics: --topic is required with --$a"
	done
}

@test "topics: bad --config, --replica-assignment, --topic are exit 64" {
	run ktk-topics -b 127.0.0.1:1 --create -t x --config retention.ms
	assert_failure 64
	assert_output --partial "not in the format NAME=VALUE"
	run ktk-topics -b 127.0.0.1:1 --create -t x --config a=b=c
	assert_failure 64
	run ktk-topics -b 127.0.0.1:1 --create -t x --replica-assignment 1:1
	assert_failure 64
	assert_output --partial "partition 0 lists broker 1 twice"
	run ktk-topics -b 127.0.0.1:1 --create -t x --replica-assignment 1:2,3
	assert_failure 64
	assert_output --partial "partition 1 has 1 replicas"
	run ktk-topics -b 127.0.0.1:1 --create -t 'a b'
	assert_failure 64
	assert_output --partial "illegal character at position 2"
	run ktk-topics -b 127.0.0.1:1 --describe -t 'a('
	assert_failure 64
	assert_output --partial "not a valid regular expression"
}

@test "topics: -Q and --brokers usage errors are exit 64" {
	run --separate-stderr ktk-topics -b 127.0.0.1:1 -Q
	assert_failure 64
	assert_equal "$stderr" "ktk-topics: --topic is required with --offsets-for-times"
	run --separate-stderr ktk-topics -b 127.0.0.1:1 -Q -t demo
	assert_failure 64
	assert_equal "$stderr" "ktk-topics: --topic 'demo': with -Q, expected TOPIC[:PARTITION]:TIME"
	run --separate-stderr ktk-topics -b 127.0.0.1:1 -Q -t demo:0:yesterday
	assert_failure 64
	assert_equal "$stderr" "ktk-topics: --topic 'demo:0:yesterday': 'yesterday' is not a time (epoch milliseconds, ISO-8601, -1 for the end or -2 for the beginning)"
	run --separate-stderr ktk-topics -b 127.0.0.1:1 -Q -t 'bad name:0:1'
	assert_failure 64
	assert_equal "$stderr" "ktk-topics: --topic 'bad name:0:1': topic name 'bad name' has an illegal character at position 4 (legal: ASCII letters, digits, '.', '_', '-')"
	run --separate-stderr ktk-topics -b 127.0.0.1:1 --brokers -t demo
	assert_failure 64
	assert_equal "$stderr" "ktk-topics: --topic can't be used with --brokers"
	run --separate-stderr ktk-topics -b 127.0.0.1:1 --brokers --offsets
	assert_failure 64
	assert_equal "$stderr" "ktk-topics: --offsets can't be used with --brokers"
	run --separate-stderr ktk-topics -b 127.0.0.1:1 --brokers -Q -t a:1
	assert_failure 64
}

@test "topics: an unreachable cluster fails fast with exit 69" {
	SECONDS=0
	run ktk-topics -b 127.0.0.1:1 --list -q
	assert_failure 69
	assert_output --partial "cannot reach any broker at 127.0.0.1:1"
	[ "$SECONDS" -lt 3 ]
	run ktk-topics -b 127.0.0.1:1 --describe
	assert_failure 69
	for a in --brokers "-Q -t a:0:1" "--create -t a" "--delete -t a"; do
		SECONDS=0
		run ktk-topics -b 127.0.0.1:1 $a
		assert_failure 69
		assert_output --partial "cannot reach any broker at 127.0.0.1:1"
		[ "$SECONDS" -lt 3 ] || fail "$a took $SECONDS s"
	done
}

@test "topics: completions offer topics from ktk-topics --list -q, bounded" {
	run ktk-topics --ktk-emit=bash
	assert_success
	assert_output --partial "timeout 3 ktk-topics"
	assert_output --partial "--topic)"
	run ktk-topics --ktk-emit=zsh
	assert_output --partial "_ktk_topic_names"
}

teardown() {
	if [ -n "${FAULTS_PID:-}" ]; then
		kill "$FAULTS_PID" 2>/dev/null || true
		wait "$FAULTS_PID" 2>/dev/null || true
	fi
}

# faults N: a mock cluster with topic demo (2 partitions) whose next N
# ListOffsets requests (API key 2) answer NOT_LEADER_FOR_PARTITION (6), as
# a real broker does for a partition created a moment ago; sets $B
faults() {
	: >"$BATS_TEST_TMPDIR/faults"
	"$KTK_BUILD_DIR/test-bin/mock-faults" demo 2 2 6 "$1" >"$BATS_TEST_TMPDIR/faults" 2>/dev/null &
	FAULTS_PID=$!
	wait_for 20 test -s "$BATS_TEST_TMPDIR/faults"
	B=$(head -n 1 "$BATS_TEST_TMPDIR/faults")
}

@test "topics: --offsets asks again while a new partition's leader does not have it yet, and gives up within seconds" {
	faults 2
	run --separate-stderr ktk-topics -b "$B" --describe -t demo --offsets -J
	# the mock serves no DescribeConfigs: status 1 for that, said apart
	assert_failure 1
	refute [ -z "$output" ]
	[ "$(jq -c '[.topics[0].partitions[].offsets]' <<<"$output")" = '[{"low":0,"high":0,"records":0},{"low":0,"high":0,"records":0}]' ] ||
		fail "offsets: $output"
	refute_regex "$stderr" "watermarks|Not leader"
	kill "$FAULTS_PID"
	wait "$FAULTS_PID" 2>/dev/null || true
	# a leader that never comes: the error, bounded (3 s per round)
	faults 64
	SECONDS=0
	run --separate-stderr ktk-topics -b "$B" --describe -t demo --offsets
	assert_failure 1
	assert_regex "$stderr" "could not read watermarks: Broker: Not leader for partition"
	[ "$SECONDS" -le 10 ] || fail "gave up after $SECONDS s"
}
