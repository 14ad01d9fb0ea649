#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# Known bugs of librdkafka releases ktk supports (docs/readme/librdkafka.md),
# shown on librdkafka's mock cluster by the rdk-quirks test tool: what the
# librdkafka of the tree under test does, with the expectation set by its
# version (make check: Debian 12's 2.0.2; make check-matrix: 2.8.0).

load helpers

setup() {
	QUIRKS=$KTK_BUILD_DIR/test-bin/rdk-quirks
	[ -x "$QUIRKS" ] || fail "$QUIRKS is not built (make units)"
	RDK=$(ktk-mock --version | sed -n 's/^librdkafka \([0-9.]*\) .*/\1/p')
	[ -n "$RDK" ] || fail "no librdkafka version from ktk-mock --version"
}

# true when the librdkafka under test is older than $1
before() {
	[ "$RDK" != "$1" ] && [ "$(printf '%s\n%s\n' "$RDK" "$1" | sort -V | head -n 1)" = "$RDK" ]
}

@test "librdkafka #4312: closing a cooperative-sticky consumer before its first assignment" {
	ulimit -c 0
	run --separate-stderr timeout 60 "$QUIRKS" coop-close-early
	if before 2.3.0; then
		# the assertion in the sticky assignor's state destroy aborts
		assert_equal "$status" 134
		[[ $stderr == *"Assertion \`assignor_state' failed"* ]] || fail "stderr: $stderr"
		assert_output ''
	else
		assert_success
		assert_output "closed before the first assignment"
	fi
}

@test "librdkafka #4460: query_watermark_offsets and its timeout" {
	local err ms
	run --separate-stderr timeout 60 "$QUIRKS" watermark-timeout
	assert_success
	read -r err ms <<<"$output"
	[[ $ms =~ ^[0-9]+$ ]] || fail "output: $output"
	if before 2.3.0; then
		# waits for the broker's late answer (4 s), far past the 1.5 s asked
		assert_equal "$err" NO_ERROR
		[ "$ms" -ge 3500 ] || fail "returned after $ms ms"
	else
		assert_equal "$err" _TIMED_OUT
		[ "$ms" -ge 1400 ] && [ "$ms" -lt 3500 ] || fail "returned after $ms ms"
	fi
}
