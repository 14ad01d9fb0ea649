#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-dump-log -J: every file kind it reads comes out as JSON lines, each
# object with a "type" (the schema is in the man page's JSON OUTPUT).

load helpers
bats_require_minimum_version 1.5.0

FX=$KTK_TOP/tests/fixtures/dump-log
TYPES='file batch record indexEntry timeIndexEntry indexEmpty sanityCheck abortedTxn producer leaderEpoch checkpointOffset partitionMetadata indexMismatch timestampMismatch outOfOrderTimestamp offsetNotFound nonConsecutiveOffsets summaryTruncated problem'

# all_json FILE: every line of FILE is one JSON object with a known type
all_json() {
	local n types
	n=$(wc -l <"$1")
	[ "$n" -gt 0 ]
	[ "$(jq -c . <"$1" | wc -l)" -eq "$n" ]
	types=$(jq -r 'if type == "object" and (.type | type) == "string" then .type else "NO-TYPE" end' <"$1" | sort -u)
	for t in $types; do
		[[ " $TYPES " == *" $t "* ]] || {
			echo "unknown type $t in $1"
			return 1
		}
	done
}

@test "-J on every fixture directory and file: only JSON lines, each with a type" {
	local n=0
	for d in "$FX"/broker/*/ "$FX"/legacy/ "$FX"/broker/*checkpoint*; do
		ktk-dump-log -J --deep-iteration --print-data-log "$d" >"$BATS_TEST_TMPDIR/out"
		all_json "$BATS_TEST_TMPDIR/out"
		# one file object per file dumped, none of Kafka's text lines
		if [ -d "$d" ]; then
			[ "$(jq -c 'select(.type=="file")' "$BATS_TEST_TMPDIR/out" | wc -l)" -eq "$(find "$d" -maxdepth 1 -type f | wc -l)" ]
		fi
		! grep -q '^Dumping\|^Log starting offset' "$BATS_TEST_TMPDIR/out"
		n=$((n + 1))
	done
	[ "$n" -ge 17 ]
	# with every decoder too
	for dec in offsets-decoder transaction-log-decoder cluster-metadata-decoder; do
		ktk-dump-log -J --$dec "$FX"/broker/__*/ >"$BATS_TEST_TMPDIR/out" 2>/dev/null || true
		all_json "$BATS_TEST_TMPDIR/out"
	done
}

@test "-J .index: a file object, then the entries the text mode prints" {
	ix=$FX/broker/segments-0/00000000000000000000.index
	run --separate-stderr ktk-dump-log -J "$ix"
	assert_success
	assert_line --index 0 "{\"type\":\"file\",\"file\":\"$ix\",\"kind\":\"index\"}"
	assert_line --index 1 '{"type":"indexEntry","offset":2,"position":186}'
	want=$(ktk-dump-log "$ix" | sed -n 's/^offset: \([0-9]*\) position: \([0-9]*\)$/\1 \2/p')
	[ "$(wc -l <<<"$want")" -ge 5 ]
	[ "$(jq -r 'select(.type=="indexEntry") | "\(.offset) \(.position)"' <<<"$output")" = "$want" ]
	# an empty index says so
	run ktk-dump-log -J "$FX/broker/codec-none-0/00000000000000000000.index"
	assert_line --index 1 "{\"type\":\"indexEmpty\",\"file\":\"$FX/broker/codec-none-0/00000000000000000000.index\"}"
}

@test "-J .timeindex: its entries, and the sanity check's result" {
	tix=$FX/broker/segments-0/00000000000000000020.timeindex
	run --separate-stderr ktk-dump-log -J "$tix"
	assert_success
	want=$(ktk-dump-log "$tix" | sed -n 's/^timestamp: \([0-9]*\) offset: \([0-9]*\)$/\1 \2/p')
	[ -n "$want" ]
	[ "$(jq -r 'select(.type=="timeIndexEntry") | "\(.timestamp) \(.offset)"' <<<"$output")" = "$want" ]
	[ "$(jq -r 'select(.type=="timeIndexEntry") | .offset' <<<"$output" | head -n1)" = 20 ]
	run --separate-stderr ktk-dump-log -J --index-sanity-check "$tix" "${tix%.timeindex}.index"
	assert_success
	[ "$(jq -c 'select(.type=="sanityCheck") | [.file, .passed]' <<<"$output" | paste -sd' ')" = "[\"$tix\",true] [\"${tix%.timeindex}.index\",true]" ]
}

@test "-J index summaries are objects on stdout, not text on stderr" {
	cp -r "$FX/broker/segments-0" "$BATS_TEST_TMPDIR/"
	d=$BATS_TEST_TMPDIR/segments-0
	printf '\x00\x00\x00\x05\x00\x00\x00\x00' | dd of="$d/00000000000000000020.index" bs=1 seek=0 conv=notrunc status=none
	run --separate-stderr ktk-dump-log -J --verify-index-only "$d/00000000000000000020.index"
	assert_success
	[ -z "$stderr" ]
	assert_line --index 1 "{\"type\":\"indexMismatch\",\"file\":\"$d/00000000000000000020.index\",\"indexOffset\":25,\"logOffset\":20}"
	[ "${#lines[@]}" -eq 2 ]
	# with --verify: the problem, on stderr and as an object, exit 65
	run --separate-stderr ktk-dump-log -J --verify "$d"
	assert_failure 65
	assert_output "{\"type\":\"problem\",\"file\":\"$d/00000000000000000020.index\",\"position\":0,\"message\":\"entry 0 says offset 25 is at position 0, the batch there ends at offset 20\"}"
	[[ $stderr == *"00000000000000000020.index: position 0: entry 0 says offset 25"* ]]
}

@test "-J checkpoints and partition.metadata" {
	run ktk-dump-log -J "$FX/broker/replication-offset-checkpoint"
	assert_success
	assert_line --index 0 "{\"type\":\"file\",\"file\":\"$FX/broker/replication-offset-checkpoint\",\"kind\":\"offsetCheckpoint\"}"
	assert_line '{"type":"checkpointOffset","topic":"segments","partition":0,"offset":60}'
	[ "$(jq -c 'select(.type=="checkpointOffset")' <<<"$output" | wc -l)" -eq "$(sed -n 2p "$FX/broker/replication-offset-checkpoint")" ]
	run ktk-dump-log -J "$FX/broker/segments-0/leader-epoch-checkpoint"
	assert_success
	assert_line --index 0 --partial '"kind":"leaderEpochCheckpoint"}'
	assert_line --index 1 '{"type":"leaderEpoch","epoch":0,"startOffset":0}'
	id=$(sed -n 's/^topic_id: //p' "$FX/broker/segments-0/partition.metadata")
	[ ${#id} -eq 22 ]
	run ktk-dump-log -J "$FX/broker/segments-0/partition.metadata"
	assert_success
	assert_line --index 0 --partial '"kind":"partitionMetadata"}'
	assert_line --index 1 "{\"type\":\"partitionMetadata\",\"version\":0,\"topicId\":\"$id\"}"
	[ "${#lines[@]}" -eq 2 ]
}

@test "-J KRaft snapshots, producer snapshots and transaction indexes" {
	cp "$FX/broker/bootstrap.checkpoint" "$BATS_TEST_TMPDIR/00000000000000000139-0000000001.checkpoint"
	run ktk-dump-log -J "$BATS_TEST_TMPDIR/00000000000000000139-0000000001.checkpoint" "$FX/broker/bootstrap.checkpoint"
	assert_success
	assert_line --index 0 "{\"type\":\"file\",\"file\":\"$BATS_TEST_TMPDIR/00000000000000000139-0000000001.checkpoint\",\"kind\":\"kraftSnapshot\",\"bootstrap\":false,\"endOffset\":139,\"epoch\":1}"
	assert_line "{\"type\":\"file\",\"file\":\"$FX/broker/bootstrap.checkpoint\",\"kind\":\"kraftSnapshot\",\"bootstrap\":true}"
	run ktk-dump-log -J "$FX/broker/transactions-0/00000000000000000000.txnindex" "$FX/broker/idempotent-0/00000000000000000020.snapshot"
	assert_success
	[ "$(jq -r 'select(.type=="file") | .kind' <<<"$output" | paste -sd' ')" = "txnindex producerSnapshot" ]
	[ "$(jq -c 'select(.type=="abortedTxn") | [.version, .firstOffset <= .lastOffset]' <<<"$output" | sort -u)" = "[0,true]" ]
	[ "$(jq -r 'select(.type=="producer") | .lastOffset' <<<"$output")" = 19 ]
}

@test "-J problems: on stderr and as objects in the stream, after the line they interrupt" {
	cp -r "$FX/broker/codec-none-0" "$FX/broker/codec-lz4-0" "$BATS_TEST_TMPDIR/"
	seg=$BATS_TEST_TMPDIR/codec-none-0/00000000000000000000.log
	size=$(stat -c %s "$seg")
	truncate -s $((size - 7)) "$seg"
	run --separate-stderr ktk-dump-log -J --deep-iteration "$seg"
	assert_failure 65
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/out"
	all_json "$BATS_TEST_TMPDIR/out"
	p=$(jq -c 'select(.type=="problem")' <<<"$output")
	[ "$(jq -r .file <<<"$p")" = "$seg" ]
	pos=$(jq -r .position <<<"$p")
	[[ $stderr == *"position $pos: "*"bytes at the end do not hold a whole batch"* ]]
	[ "$(jq -r .message <<<"$p")" = "${stderr#*position $pos: }" ]
	# a record the decoder cannot read: the problem follows the record line
	run --separate-stderr ktk-dump-log -J --offsets-decoder "$BATS_TEST_TMPDIR/codec-lz4-0/00000000000000000000.log"
	assert_failure 65
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/out"
	all_json "$BATS_TEST_TMPDIR/out"
	[ "$(jq -c 'select(.type=="problem") | .message' "$BATS_TEST_TMPDIR/out" | wc -l)" -eq "$(grep -c 'missing key' <<<"$stderr")" ]
	# a file that is not there: said before anything is written, exit 66
	run --separate-stderr ktk-dump-log -J "$BATS_TEST_TMPDIR/nope/00000000000000000000.log"
	assert_failure 66
	assert_equal "$output" ""
	assert_equal "$stderr" "ktk-dump-log: $BATS_TEST_TMPDIR/nope/00000000000000000000.log: No such file or directory"
}

@test "-J: a real broker's COMMIT and ABORT markers are their exact texts" {
	run ktk-dump-log -J -d "$FX/broker/transactions-0/00000000000000000000.log"
	assert_success
	run jq -c 'select(.type=="record" and has("control")) | [.offset, .batchPosition, .control]' <<<"$output"
	assert_output '[3,199,"endTxnMarker: COMMIT coordinatorEpoch: 0"]
[7,470,"endTxnMarker: ABORT coordinatorEpoch: 0"]
[11,747,"endTxnMarker: COMMIT coordinatorEpoch: 0"]
[15,1018,"endTxnMarker: ABORT coordinatorEpoch: 0"]'
	# the same words as the text mode
	run ktk-dump-log -J --offset 7 --count 1 "$FX/broker/transactions-0"
	assert_success
	assert_output '{"type":"record","offset":7,"batchPosition":470,"timestampType":"CreateTime","timestamp":1795242736798,"keySize":4,"valueSize":6,"sequence":-1,"headers":[],"control":"endTxnMarker: ABORT coordinatorEpoch: 0"}'
}

@test "-J: a 200 KB LeaderChange control record comes out whole, as in the text mode" {
	local d=$BATS_TEST_TMPDIR/lc want i
	mkdir -p "$d"
	"$KTK_BUILD_DIR/test-bin/craft-log" leaderchange "$d/00000000000000000000.log" 40000
	want='LeaderChange: {"version":0,"leaderId":1,"voters":['
	want+=$(for ((i = 0; i < 40000; i++)); do printf '{"voterId":%d},' "$i"; done)
	want=${want%,}'],"grantingVoters":[{"voterId":1}]}'
	run -0 ktk-dump-log -J -d "$d/00000000000000000000.log"
	[ "$(jq -r 'select(.type=="record") | .control' <<<"$output")" = "$want" ]
	run -0 ktk-dump-log -d "$d/00000000000000000000.log"
	[ "$(grep '^| offset: 0 ' <<<"$output")" = "| offset: 0 CreateTime: 1000 keySize: 4 valueSize: 200016 sequence: -1 headerKeys: [] $want" ]
	run -0 ktk-dump-log -J --offset 0 "$d"
	[ "$(jq -r .control <<<"$output")" = "$want" ]
}
