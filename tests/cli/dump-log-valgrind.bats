#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-dump-log under valgrind: every mode over the fixtures, and corrupt
# input, with no invalid access and no leak.

load helpers
bats_require_minimum_version 1.5.0

FX=$KTK_TOP/tests/fixtures/dump-log

vg() {
	valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		--show-leak-kinds=definite "$@"
}

setup() {
	command -v valgrind >/dev/null || skip "valgrind is not installed"
}

@test "valgrind: ktk-dump-log in every mode over the fixtures is clean" {
	cd "$FX"
	for args in "" "--print-data-log" "-J --deep-iteration" "--verify" "--verify-index-only" \
		"--index-sanity-check" "--print-data-log --skip-record-metadata"; do
		# shellcheck disable=SC2086
		run --separate-stderr vg ktk-dump-log $args broker/segments-0 broker/transactions-0 \
			broker/codec-zstd-0 broker/codec-snappy-0 broker/compacted-0 legacy broker/bootstrap.checkpoint
		[ "$status" -ne 99 ] || { echo "$stderr"; false; }
		[ "$status" -eq 0 ]
	done
	run --separate-stderr vg ktk-dump-log --offsets-decoder broker/__consumer_offsets-*
	assert_success
	run --separate-stderr vg ktk-dump-log --transaction-log-decoder broker/__transaction_state-*
	assert_success
	run --separate-stderr vg ktk-dump-log --cluster-metadata-decoder broker/__cluster_metadata-0
	assert_success
	run --separate-stderr vg ktk-dump-log --offset 30 --count 5 broker/segments-0
	assert_success
	[ "${#lines[@]}" -eq 5 ]
}

@test "valgrind: corrupt segments are clean too" {
	cp "$FX/broker/codec-gzip-0/00000000000000000000.log" "$BATS_TEST_TMPDIR/00000000000000000000.log"
	f=$BATS_TEST_TMPDIR/00000000000000000000.log
	printf '\xff\xff' | dd of="$f" bs=1 seek=70 conv=notrunc status=none
	head -c 100 /dev/zero >>"$f"
	run --separate-stderr vg ktk-dump-log --print-data-log "$f"
	assert_failure 65
	[[ $stderr == *"position "* ]]
}
