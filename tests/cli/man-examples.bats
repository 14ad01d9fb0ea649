#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# The EXAMPLES of the man pages run (build-aux/man-examples; the convention
# is in its header and man/README.md): the offline ones here, the ones that
# need a broker in tests/cli/kafka/man-examples.bats.

load helpers

pages() {
	ls "$KTK_TOP"/man/*.[1-8]
}

@test "every EXAMPLES block of every man page is annotated and well-formed" {
	run "$KTK_TOP/build-aux/man-examples" list $(pages)
	assert_success
	# ktk-mock(1) has its examples; every page's EXAMPLES are .EX blocks
	assert_line --regexp '/man/ktk-mock\.1:[0-9]+ offline$'
	local p
	for p in $(pages); do
		if grep -q '^\.SH EXAMPLES' "$p"; then
			grep -q "^${p}:[0-9]* " <<<"$output" || fail "$p has an EXAMPLES section without a runnable .EX example"
		fi
	done
}

@test "offline EXAMPLES of the man pages run and print what they promise" {
	run "$KTK_TOP/build-aux/man-examples" run offline $(pages)
	echo "$output"
	assert_success
	assert_line --regexp '^ok .*/man/ktk-mock\.1:[0-9]+$'
	refute_line --regexp '^FAIL '
	assert_line --regexp '^[1-9][0-9]* examples run, 0 failed, [0-9]+ skipped$'
}

# The checker itself: a page whose example prints something else, one that
# exits otherwise, and malformed blocks must all fail, each named.
@test "man-examples fails on wrong output, wrong status and malformed examples" {
	local p=$BATS_TEST_TMPDIR/ktk-bad.1
	cat >"$p" <<'PAGE'
.TH KTK\-BAD 1 2026-01-01 ktk "ktk manual"
.SH NAME
ktk\-bad \- a test page
.SH EXAMPLES
.\" example: offline
.\" example-expect: ^hello$
.EX
echo hullo
.EE
.\" example: offline
.\" example-expect: x
.EX
echo x; exit 3
.EE
.\" example: offline
.\" example-status: 3
.\" example-expect: ^it is \-\(aq$
.EX
echo "it is \-\(aq"; exit 3
.EE
.EX
echo unannotated
.EE
.\" example: offline
.EX
echo no expectation
.EE
.nf
echo old style
.fi
PAGE
	run "$KTK_TOP/build-aux/man-examples" run offline "$p"
	assert_failure
	assert_line "FAIL $p:7: no line of stdout matches /^hello$/"
	assert_line "FAIL $p:12: exit status 3, expected 0"
	assert_line "ok $p:18"
	assert_line "FAIL $p:21: .EX block without an example: line before it"
	assert_line "FAIL $p:25: example without example-expect"
	assert_line "FAIL $p:28: .nf in EXAMPLES: write examples as .EX/.EE blocks"
	refute_line --partial "$p:21: exit"
	refute_line "ok $p:25"
	assert_line "3 examples run, 5 failed, 0 skipped"
}

@test "man-examples: unique topic names and the broker address are substituted" {
	local p=$BATS_TEST_TMPDIR/ktk-sub.1
	cat >"$p" <<'PAGE'
.TH KTK\-SUB 1 2026-01-01 ktk "ktk manual"
.SH EXAMPLES
.\" example: kafka
.\" example-topics: orders
.\" example-setup: echo "setup orders"
.\" example-expect: ^-b 10\.9\.8\.7:1234 -t orders orders_x$
.EX
echo \-b localhost:9092 \-t orders orders_x
.EE
PAGE
	KTK_TEST_BOOTSTRAP=10.9.8.7:1234 run "$KTK_TOP/build-aux/man-examples" run kafka "$p"
	assert_success
	assert_line "ok $p:7"
	KTK_TEST_BOOTSTRAP=10.9.8.7:1234 run "$KTK_TOP/build-aux/man-examples" show "$p" 7
	assert_line --regexp '^echo "setup orders-demo"$'
}
