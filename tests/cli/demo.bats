#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# make demo's script: the quick start end to end on ktk-mock.

load helpers

@test "the quick start produces, consumes, describes and dumps, and leaves nothing running" {
	run --separate-stderr timeout 120 "$KTK_TOP/tests/demo"
	assert_success
	# the records come back keyed, in Kafka's layout and as JSON
	assert_line --regexp $'^Partition:[0-2]\talice\tlogged in$'
	assert_line --regexp $'^Partition:[0-2]\tcarol\tpaid 5.00$'
	assert_line --regexp '^\{"topic":"demo","partition":[0-2],"offset":[0-9]+,.*"key":"bob","value":"logged out","headers":\[\["source","demo"\]\]'
	# the group's second reader goes on where the first stopped: 6 in all
	# ktk-groups --summary on the mock: the lag of the committed
	# partitions, then none once the second reader caught up
	assert_line --regexp '^demo-group +Unknown +0 +[1-3] +[0-3] +[0-3-]+$'
	assert_line --regexp '^demo-group +Unknown +0 +[1-3] +0 +0$'
	# a reset: a new group takes those offsets, then one record back a
	# partition (a lag of one a partition)
	assert_line --regexp '^demo-replay +demo +[0-2] +[1-9][0-9]*$'
	assert_line --regexp '^demo-replay +Unknown +0 +([1-3]) +[1-3] +1$'
	# the partitions in kafka-topics' layout
	assert_line --regexp $'^\tTopic: demo\tPartition: 2\tLeader: [1-3]\tReplicas: [1-3],[1-3],[1-3]\tIsr: [1-3],[1-3],[1-3]'
	# a real broker's segment, decoded
	assert_line --regexp '^baseOffset: 0 lastOffset: 4 count: 5 .* compresscodec: gzip .* isvalid: true$'
	assert_line "Done: nothing left running."
	# the demo's mock is gone: its address no longer answers
	local addr
	addr=$(sed -n 's/^ktk-mock is serving at \([^ ]*\) .*/\1/p' <<<"$output")
	[ -n "$addr" ] || fail "no address in the demo's output"
	run timeout 20 kcat -L -b "$addr" -m 2
	assert_failure
}

@test "ktk-topics --describe on the mock cluster shows the partitions and says the configs are missing" {
	ktk-mock --brokers 2 --topic d:2:2 >"$BATS_TEST_TMPDIR/addr" 2>/dev/null &
	local pid=$!
	wait_for 20 test -s "$BATS_TEST_TMPDIR/addr"
	SECONDS=0
	run --separate-stderr ktk-topics -b "$(head -n 1 "$BATS_TEST_TMPDIR/addr")" --describe --topic d
	kill "$pid"
	wait "$pid" || true
	[ "$status" -eq 1 ] || fail "status $status, stdout: $output, stderr: $stderr"
	[ "$SECONDS" -lt 5 ] || fail "took $SECONDS s"
	assert_line --index 0 $'Topic: d\tPartitionCount: 2\tReplicationFactor: 2\tConfigs: '
	assert_equal "${#lines[@]}" 3
	[[ $stderr == "ktk-topics: Configs not shown: the cluster at "*" does not serve DescribeConfigs: "* ]] || fail "$stderr"
}
