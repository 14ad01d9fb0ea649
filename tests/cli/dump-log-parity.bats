#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-dump-log against Kafka's own DumpLogSegments: for every fixture file
# written by a real broker (tests/fixtures/dump-log, made by
# tests/fixtures/make-fixtures) and every mode recorded in expected/CASES,
# the standard output must be identical line for line.

load helpers

FX=$KTK_TOP/tests/fixtures/dump-log

# parity MODE...: run every case of those modes, print the diffs
parity() {
	local f mode args n=0 bad=0 want
	cd "$FX"
	while IFS=$'\t' read -r f mode args; do
		[[ " $* " == *" $mode "* ]] || continue
		n=$((n + 1))
		want=expected/${f//\//__}.$mode
		# shellcheck disable=SC2086 # args are several flags
		if ! diff -u "$want" <(ktk-dump-log $args --files "$f" 2>/dev/null) >"$BATS_TEST_TMPDIR/d"; then
			bad=$((bad + 1))
			echo "MISMATCH: $f ($mode: $args)"
			head -n 20 "$BATS_TEST_TMPDIR/d"
		fi
	done <expected/CASES
	echo "$n cases, $bad mismatches"
	[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
}

@test "parity: default output (batch lines, indexes, snapshots, txn index)" {
	parity default
}

@test "parity: --deep-iteration" {
	parity deep
}

@test "parity: --print-data-log (every codec, headers, nulls, transactions, legacy v0/v1)" {
	parity print
}

@test "parity: --print-data-log --skip-record-metadata" {
	parity skip
}

@test "parity: --offsets-decoder on __consumer_offsets" {
	parity offsets
}

@test "parity: --transaction-log-decoder on __transaction_state" {
	parity txn
}

@test "parity: --cluster-metadata-decoder on __cluster_metadata and KRaft snapshots" {
	parity metadata metadata-skip
}

@test "parity: --verify-index-only and --index-sanity-check" {
	parity verify-index sanity
}

@test "the fixtures cover what they claim" {
	cd "$FX"
	run ktk-dump-log --files "$(find broker -name '*.log' | sort | paste -sd,)"
	assert_success
	for codec in none gzip snappy lz4 zstd; do
		assert_output --partial "compresscodec: $codec"
	done
	assert_output --partial "isTransactional: true isControl: true"
	assert_output --partial "deleteHorizonMs: OptionalLong["
	run ktk-dump-log --print-data-log broker/transactions-0/00000000000000000000.log
	assert_output --partial "endTxnMarker: ABORT coordinatorEpoch:"
	assert_output --partial "endTxnMarker: COMMIT coordinatorEpoch:"
	run ktk-dump-log --print-data-log broker/codec-lz4-0/00000000000000000000.log
	assert_output --partial "keySize: -1 valueSize: 11 sequence: -1 headerKeys: [trace,empty,utf8] payload: no key here"
	assert_output --partial "headerKeys: [trace,empty,utf8] key: k3"
	run ktk-dump-log broker/transactions-0/00000000000000000000.txnindex
	assert_output --regexp "version: 0 producerId: [0-9]+ firstOffset: [0-9]+ lastOffset: [0-9]+ lastStableOffset: [0-9]+"
	run ktk-dump-log --print-data-log legacy/00000000000000000000.log legacy/00000000000000000100.log
	assert_output --partial "magic: 0 compresscodec: lz4"
	assert_output --partial "LogAppendTime: 1700000000999 keySize: 2 valueSize: 19 isValid: true"
	# Kafka 4.2 and older printed a stray brace after legacy CRCs; 4.3 and ktk do not
	refute_output --partial "}"
}
