#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# Memory checks: the binaries under valgrind (no leaks, no invalid access),
# for the paths that need no real broker. The unit tests and fuzz targets
# run under AddressSanitizer and UBSan in their own stages.

load helpers

VG=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
	--show-leak-kinds=definite)

vg() {
	"${VG[@]}" "$@"
}

setup() {
	command -v valgrind >/dev/null || skip "valgrind is not installed"
}

teardown() {
	if [ -n "${MOCK_PID:-}" ]; then
		kill "$MOCK_PID" 2>/dev/null || true
		wait "$MOCK_PID" 2>/dev/null || true
	fi
}

@test "valgrind: every binary's --help, --version and a usage error are clean" {
	local b
	for b in "$KTK_BIN_DIR"/ktk-*; do
		run vg "$b" --help
		[ "$status" -eq 0 ] || fail "$(basename "$b") --help: status $status: $output"
		run vg "$b" --version
		[ "$status" -eq 0 ] || fail "$(basename "$b") --version: status $status"
		run vg "$b" --no-such-flag
		[ "$status" -eq 64 ] || fail "$(basename "$b") bad flag: status $status: $output"
	done
}

@test "valgrind: configuration from files, clusters and Java properties is clean" {
	local f="$BATS_TEST_TMPDIR/config" p="$BATS_TEST_TMPDIR/client.properties"
	printf 'cluster = a\n[a]\nbootstrap.servers = 127.0.0.1:1\n' >"$f"
	printf 'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";\nsecurity.protocol=bogus\n' >"$p"
	run vg "$KTK_BUILD_DIR/test-bin/meta-json" -F "$f" --command-config "$p"
	[ "$status" -eq 78 ] || fail "status $status: $output"
}

@test "valgrind: ktk-mock serving metadata to meta-json, both clean" {
	# valgrind itself in the background (not a function), so $! is its pid
	"${VG[@]}" ktk-mock --brokers 2 --topic t:3 >"$BATS_TEST_TMPDIR/addr" 2>"$BATS_TEST_TMPDIR/mock.err" &
	MOCK_PID=$!
	wait_for 60 test -s "$BATS_TEST_TMPDIR/addr"
	run vg "$KTK_BUILD_DIR/test-bin/meta-json" -b "$(head -n 1 "$BATS_TEST_TMPDIR/addr")" -t t
	assert_success
	assert_equal "$(jq -r '.topics[0].partitions | length' <<<"$output")" 3
	kill "$MOCK_PID"
	local rc=0
	wait "$MOCK_PID" || rc=$?
	MOCK_PID=
	[ "$rc" -eq 0 ] || fail "ktk-mock under valgrind: status $rc: $(cat "$BATS_TEST_TMPDIR/mock.err")"
}

@test "valgrind: ktk-topics on ktk-mock, its answers and its refusals, clean" {
	ktk-mock --brokers 3 --topic t:3:3 >"$BATS_TEST_TMPDIR/addr" 2>/dev/null &
	MOCK_PID=$!
	wait_for 20 test -s "$BATS_TEST_TMPDIR/addr"
	local b a
	b=$(head -n 1 "$BATS_TEST_TMPDIR/addr")
	for a in "--list -J" "--brokers -J" "-Q -t t:-1,t:0:1 -J" "--describe --under-replicated-partitions -J"; do
		# shellcheck disable=SC2086 # the action's words are split on purpose
		run vg ktk-topics -b "$b" $a
		[ "$status" -eq 0 ] || fail "$a: status $status: $output"
	done
	# failures exit through ktk_die with librdkafka's threads still up:
	# only definite leaks count
	for a in "--describe -t t -J" "--create -t x -J" "--delete -t 'no.*' -J" "--alter -t t --partitions 4 -J" "-Q -t t:9:1"; do
		# shellcheck disable=SC2086
		run vg ktk-topics -b "$b" $a
		[ "$status" -eq 1 ] || fail "$a: status $status: $output"
	done
}
