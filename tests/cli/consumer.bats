#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-consumer's command line, without a broker: bad usage exits 64 with a
# one-line message naming the flag; help and generated docs work.
load helpers

bad() {
	run ktk-consumer "$@"
	assert_failure 64
	assert_equal "${#lines[@]}" 1
	assert_line --index 0 --regexp '^ktk-consumer: '
	refute_output --partial 'Usage'
}

@test "help lists the options and exits 0" {
	run ktk-consumer --help
	assert_success
	assert_output --partial '--from-beginning'
	assert_output --partial '--format'
	assert_output --partial '--json'
	assert_output --partial '--until'
}

@test "no topic, or both --topic and --include" {
	bad -b 127.0.0.1:1
	assert_output --partial '--topic'
	bad -t a --include 'b.*'
}

@test "bad offsets name the flag and the value" {
	for o in x -0 --3 @ @-3y @2024-13-01 1.5 ''; do
		bad -t a -o "$o"
		assert_output --partial "--offset: '$o'"
	done
	bad -t a --until end
	assert_output --partial "--until: 'end'"
	bad -t a --from-beginning -o 5
	assert_output --partial 'cannot be used together'
	bad -t a -o stored
	assert_output --partial '--group is required with --offset stored'
}

@test "bad numbers and partitions" {
	bad -t a -c -1
	assert_output --partial "--max-messages: '-1' is out of range"
	bad -t a --timeout-ms soon
	assert_output --partial '--timeout-ms'
	bad -t a -p x
	assert_output --partial "--partition: 'x' is not a number"
	bad -t a -p 1 -g grp
	assert_output --partial 'together'
	bad --include 'x' -p 1
	bad -t a --fetchers 0
	assert_output --partial "--fetchers: '0' is out of range (1..8)"
	bad -t a --fetchers 9
	assert_output --partial "--fetchers: '9' is out of range (1..8)"
}

@test "bad formats and formatter properties" {
	bad -t a -f 'x %q'
	assert_output --partial '%q'
	bad -t a -f '%{nope}'
	bad -t a -f 'x' -J
	bad -t a -J --property print.key=true
	bad -t a --property print.keys=true
	assert_output --partial 'print.keys'
	bad -t a --property novalue
	bad -t a --property value.deserializer=org.apache.kafka.common.serialization.LongDeserializer
}

@test "bad enums and unknown options" {
	bad -t a --isolation-level dirty
	bad -t a -g g --partition-assignment-strategy sticky
	bad -t a --partition-assignment-strategy range
	bad -t a --no-such-option
	bad -t a extra-argument
}

@test "brokers that do not answer exit 69, quickly" {
	run timeout 60 ktk-consumer -b 127.0.0.1:1 -t a -e
	assert_failure 69
	assert_output --regexp '^ktk-consumer: '
}

@test "-e asks the partitions' ends again while a new partition's leader does not have them, and gives up within seconds" {
	local b pid
	# a mock cluster whose next N ListOffsets (API 2) answer
	# NOT_LEADER_FOR_PARTITION (6), as a real broker does for a partition
	# created a moment ago
	: >"$BATS_TEST_TMPDIR/faults"
	"$KTK_BUILD_DIR/test-bin/mock-faults" fresh 2 2 6 2 >"$BATS_TEST_TMPDIR/faults" 2>/dev/null &
	pid=$!
	wait_for 20 test -s "$BATS_TEST_TMPDIR/faults"
	b=$(head -n 1 "$BATS_TEST_TMPDIR/faults")
	run --separate-stderr timeout 60 ktk-consumer -b "$b" -t fresh -o beginning -e -vv
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	assert_success
	assert_output ''
	assert_regex "$stderr" 'fresh \[1\]: starts at offset 0 \(the beginning\)'
	refute_regex "$stderr" 'Not leader'
	"$KTK_BUILD_DIR/test-bin/mock-faults" fresh 2 2 6 64 >"$BATS_TEST_TMPDIR/faults64" 2>/dev/null &
	pid=$!
	wait_for 20 test -s "$BATS_TEST_TMPDIR/faults64"
	b=$(head -n 1 "$BATS_TEST_TMPDIR/faults64")
	SECONDS=0
	run --separate-stderr timeout 60 ktk-consumer -b "$b" -t fresh -o beginning -e
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	assert_failure 1
	assert_regex "$stderr" '^ktk-consumer: fresh \[0\]: querying offsets: Broker: Not leader for partition'
	[ "$SECONDS" -le 10 ] || fail "gave up after $SECONDS s"
}
