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
