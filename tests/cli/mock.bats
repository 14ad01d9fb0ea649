#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-mock: librdkafka's mock cluster on loopback.

load helpers

start_mock() {
	# empty the address file first: the shell opens it for the background
	# job only after this function goes on, and a second start_mock must not
	# see the first one's address and signal the new mock before it has
	# its handlers (bash starts background jobs with SIGINT ignored)
	: >"$BATS_TEST_TMPDIR/addr"
	ktk-mock "$@" >"$BATS_TEST_TMPDIR/addr" 2>"$BATS_TEST_TMPDIR/err" &
	MOCK_PID=$!
	wait_for 20 test -s "$BATS_TEST_TMPDIR/addr"
	ADDR=$(head -n 1 "$BATS_TEST_TMPDIR/addr")
}

teardown() {
	if [ -n "${MOCK_PID:-}" ]; then
		kill "$MOCK_PID" 2>/dev/null || true
		wait "$MOCK_PID" 2>/dev/null || true
	fi
}

@test "ktk-mock --brokers 3: kcat lists three brokers on 127.0.0.1" {
	start_mock --brokers 3
	[[ $ADDR =~ ^127\.0\.0\.1:[0-9]+,127\.0\.0\.1:[0-9]+,127\.0\.0\.1:[0-9]+$ ]] || fail "address '$ADDR'"
	run kcat -L -b "$ADDR" -m 10
	assert_success
	assert_line " 3 brokers:"
	assert_equal "$(grep -c '^  broker [0-9]* at 127\.0\.0\.1:' <<<"$output")" 3
}

@test "ktk-mock --topic creates topics up front with their partition counts" {
	start_mock --brokers 2 --topic orders:6 --topic audit:2:2
	run kcat -L -b "$ADDR" -m 10 -J
	assert_success
	assert_equal "$(jq -r '.topics[] | select(.topic=="orders") | .partitions | length' <<<"$output")" 6
	assert_equal "$(jq -r '.topics[] | select(.topic=="audit") | .partitions | length' <<<"$output")" 2
}

@test "ktk-mock carries records: kcat produces and reads them back" {
	start_mock --topic t:1
	printf 'one\ntwo\nthree\n' | kcat -P -b "$ADDR" -t t
	run kcat -C -b "$ADDR" -t t -o beginning -e -q
	assert_success
	assert_output "$(printf 'one\ntwo\nthree')"
}

@test "ktk-consumer over 3 fetchers on ktk-mock reads what one reads, each partition in order" {
	start_mock --brokers 2 --topic t:6
	seq 1 3000 | awk '{ print "k" $1 "\t" $1 }' | ktk-producer -b "$ADDR" -t t -K '\t' 2>/dev/null
	run --separate-stderr ktk-consumer -b "$ADDR" -t t -o beginning -e -f '%p %o %s\n' --fetchers 3 -vv
	assert_success
	assert_regex "$stderr" 'fetching over 3 clients'
	assert_equal "${#lines[@]}" 3000
	printf '%s\n' "${lines[@]}" >"$BATS_TEST_TMPDIR/three"
	# each partition's offsets rise one at a time from 0
	run awk '{ if ($2 != n[$1] + 0) bad++; n[$1] = $2 + 1 } END { print bad + 0 }' "$BATS_TEST_TMPDIR/three"
	assert_output 0
	run bash -c "ktk-consumer -b '$ADDR' -t t -o beginning -e -f '%p %o %s\n' --fetchers 1 | sort"
	assert_success
	assert_equal "$output" "$(sort "$BATS_TEST_TMPDIR/three")"
}

@test "ktk-mock stops cleanly on SIGTERM and SIGINT" {
	local sig
	for sig in TERM INT; do
		start_mock
		kill -s "$sig" "$MOCK_PID"
		local rc=0
		wait "$MOCK_PID" || rc=$?
		MOCK_PID=
		assert_equal "$rc" 0
	done
}

@test "ktk-mock refuses more replicas than brokers, exit 64" {
	run --separate-stderr ktk-mock --brokers 1 --topic t:3:2
	assert_equal "$status" 64
	assert_equal "$stderr" "ktk-mock: --topic t: 2 replicas but only 1 brokers"
}

# ktk-topics on the mock cluster: librdkafka's mock names no controller
# among its brokers, so it serves no CreateTopics, DeleteTopics,
# CreatePartitions, DescribeConfigs or AlterConfigs. ktk-topics says so at
# once (not after its 30 s default timeout), prints what it can, exits 1.

# run_timed COMMAND...: `run --separate-stderr`, and MS = its wall time in ms
run_timed() {
	local t0=$EPOCHREALTIME
	run --separate-stderr "$@"
	MS=$(((${EPOCHREALTIME/./} - ${t0/./}) / 1000))
}

not_served() {
	echo "ktk-topics: $2the cluster at $ADDR does not serve $1: its metadata names no controller among its brokers (as librdkafka's mock cluster, ktk-mock)"
}

@test "ktk-topics --describe on ktk-mock: partitions at once, configs missing, exit 1" {
	start_mock --brokers 3 --topic demo:3:3
	run_timed ktk-topics -b "$ADDR" --describe -t demo
	assert_equal "$status" 1
	[ "$MS" -lt 2000 ] || fail "took $MS ms"
	assert_equal "$stderr" "$(not_served DescribeConfigs 'Configs not shown: ')"
	assert_line --index 0 $'Topic: demo\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: '
	assert_line --index 3 --regexp $'^\tTopic: demo\tPartition: 2\tLeader: [1-3]\tReplicas: '
	assert_equal "${#lines[@]}" 4
	# the same with -J: configs null (not known), not {} (no overrides)
	run_timed ktk-topics -b "$ADDR" --describe -t demo -J --offsets
	assert_equal "$status" 1
	[ "$MS" -lt 2000 ] || fail "took $MS ms"
	assert_equal "$(jq -c '.topics[0] | [.name, .configs, (.partitions | length), .partitions[0].offsets.high]' <<<"$output")" '["demo",null,3,0]'
}

@test "ktk-topics partition reports on ktk-mock need no configs: a healthy cluster exits 0" {
	start_mock --brokers 3 --topic demo:3:3
	run_timed ktk-topics -b "$ADDR" --describe --under-replicated-partitions
	assert_equal "$status" 0
	assert_equal "$output$stderr" ""
	[ "$MS" -lt 2000 ] || fail "took $MS ms"
	run_timed ktk-topics -b "$ADDR" --describe --unavailable-partitions -J
	assert_equal "$status" 0
	assert_equal "$output" '{"topics":[]}'
	# min.insync.replicas is a config: that report cannot be made here
	run_timed ktk-topics -b "$ADDR" --describe --under-min-isr-partitions
	assert_equal "$status" 1
	assert_equal "$stderr" "$(not_served DescribeConfigs 'Configs not shown: ')"
	[ "$MS" -lt 2000 ] || fail "took $MS ms"
}

@test "ktk-topics --create, --delete, --alter on ktk-mock: one line naming the request, exit 1, at once" {
	start_mock --brokers 3 --topic demo:3:3
	run_timed ktk-topics -b "$ADDR" --create -t orders --partitions 6 --replication-factor 3
	assert_equal "$status" 1
	assert_equal "$stderr" "$(not_served CreateTopics)"
	assert_equal "$output" ""
	[ "$MS" -lt 2000 ] || fail "took $MS ms"
	run_timed ktk-topics -b "$ADDR" --delete -t demo
	assert_equal "$status" 1
	assert_equal "$stderr" "$(not_served DeleteTopics)"
	[ "$MS" -lt 2000 ] || fail "took $MS ms"
	run_timed ktk-topics -b "$ADDR" --alter -t demo --partitions 6
	assert_equal "$status" 1
	assert_equal "$stderr" "$(not_served CreatePartitions)"
	[ "$MS" -lt 2000 ] || fail "took $MS ms"
	run_timed ktk-topics -b "$ADDR" --alter -t demo --config retention.ms=1000
	assert_equal "$status" 1
	[[ $stderr == "$(not_served AlterConfigs)" || $stderr == "$(not_served IncrementalAlterConfigs)" ]] || fail "$stderr"
	[ "$MS" -lt 2000 ] || fail "took $MS ms"
	# --list needs only metadata
	run_timed ktk-topics -b "$ADDR" --list
	assert_success
	assert_output demo
}

@test "ktk-topics -J on ktk-mock: every failure prints the status/error object" {
	start_mock --brokers 3 --topic demo:3:3
	local want
	run_timed ktk-topics -b "$ADDR" --create -t a,b -J
	assert_equal "$status" 1
	want=$(not_served CreateTopics) want=${want#ktk-topics: }
	assert_equal "$(jq -c '[.action, .dry_run, [.topics[] | [.name, .status]]]' <<<"$output")" '["create",false,[["a","failed"],["b","failed"]]]'
	assert_equal "$(jq -r '.topics[1].error' <<<"$output")" "$want"
	run_timed ktk-topics -b "$ADDR" --delete -t demo -J
	assert_equal "$status" 1
	want=$(not_served DeleteTopics) want=${want#ktk-topics: }
	assert_equal "$(jq -c '[.action, .topics[0].name, .topics[0].status]' <<<"$output")" '["delete","demo","failed"]'
	assert_equal "$(jq -r '.topics[0].error' <<<"$output")" "$want"
	run_timed ktk-topics -b "$ADDR" --alter -t demo --partitions 4 --dry-run -J
	assert_equal "$status" 1
	assert_equal "$(jq -c '[.action, .dry_run, .topics[0].name, .topics[0].status]' <<<"$output")" '["alter",true,"demo","failed"]'
	# no topic matches: the filter is reported as not_found
	run_timed ktk-topics -b "$ADDR" --delete -t 'nosuch.*' -J
	assert_equal "$status" 1
	assert_equal "$stderr" "ktk-topics: Topic 'nosuch.*' does not exist as expected"
	assert_equal "$output" '{"action":"delete","dry_run":false,"topics":[{"name":"nosuch.*","status":"not_found","error":"Topic '"'nosuch.*'"' does not exist as expected"}]}'
}

@test "ktk-topics --brokers and -Q on ktk-mock: metadata and ListOffsets are served" {
	start_mock --brokers 3 --topic demo:2
	run_timed ktk-topics -b "$ADDR" --brokers
	assert_success
	# the mock names no controller: none is marked
	assert_equal "$(cut -d ' ' -f 1-3 <<<"$output" | tr '\n' ' ')" "broker 1 at broker 2 at broker 3 at "
	assert_equal "$(tr '\n' ',' <<<"$output")" "$(tr ',' '\n' <<<"$ADDR" | nl -w1 -s' ' | sed 's/^\([0-9]*\) /broker \1 at /' | tr '\n' ',')"
	printf 'a\nb\n' | kcat -P -b "$ADDR" -t demo -p 1
	run_timed ktk-topics -b "$ADDR" -Q -t demo:-1
	assert_success
	assert_output "$(printf 'demo [0] offset 0\ndemo [1] offset 2')"
}
