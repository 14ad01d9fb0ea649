#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-dump-log: options, partition directories, lookups, JSON, --verify,
# and what it does with corrupt, truncated and unreadable input.

load helpers
bats_require_minimum_version 1.5.0

FX=$KTK_TOP/tests/fixtures/dump-log/broker

setup() {
	cp -r "$FX/segments-0" "$FX/codec-lz4-0" "$FX/codec-none-0" "$BATS_TEST_TMPDIR/"
	SEG=$BATS_TEST_TMPDIR/codec-none-0/00000000000000000000.log
}

# a byte's offset of the second batch of $SEG
second_batch() {
	ktk-dump-log "$SEG" | sed -n 's/.* position: \([0-9]*\) .*/\1/p' | sed -n 2p
}

# flip FILE OFFSET: invert one byte
flip() {
	local b
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	poke "$1" "$2" $((b ^ 0xff))
}

# poke FILE OFFSET BYTE: overwrite one byte
poke() {
	printf "\\x$(printf %02x "$3")" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

@test "usage: no file is a command-line error (64)" {
	run ktk-dump-log
	assert_failure 64
	assert_output --partial "ktk-dump-log: --files or FILE... is required (see --help)"
	run ktk-dump-log --max-bytes lots "$SEG"
	assert_failure 64
	assert_output --partial "--max-bytes"
	run ktk-dump-log --key-decoder-class com.example.Mine "$SEG"
	assert_failure 64
}

@test "a missing file is unreadable input (66) and named" {
	run ktk-dump-log "$BATS_TEST_TMPDIR/nope/00000000000000000000.log"
	assert_failure 66
	assert_output --partial "nope/00000000000000000000.log: No such file or directory"
}

@test "files given with --files (comma list) and as arguments, Kafka's header lines" {
	run ktk-dump-log --files "$SEG,$BATS_TEST_TMPDIR/segments-0/00000000000000000020.log"
	assert_success
	assert_line --index 0 "Dumping $SEG"
	assert_line --index 1 "Log starting offset: 0"
	assert_output --partial "Log starting offset: 20"
	run ktk-dump-log "$FX/../broker/segments-0/partition.metadata"
	assert_output --regexp "version: 0 topicId: [A-Za-z0-9_-]{22}"
	run ktk-dump-log "$FX/segments-0/leader-epoch-checkpoint"
	assert_success
	assert_line --index 1 "epoch: 0 startOffset: 0"
	run ktk-dump-log "$FX/replication-offset-checkpoint"
	assert_success
	assert_output --regexp "topic: segments partition: 0 offset: 60"
}

@test "a partition directory dumps its files in offset order" {
	run ktk-dump-log "$BATS_TEST_TMPDIR/segments-0"
	assert_success
	names=$(grep '^Dumping' <<<"$output" | sed 's|.*/||' | paste -sd' ')
	[ "$names" = "00000000000000000000.log 00000000000000000000.index 00000000000000000000.timeindex 00000000000000000020.log 00000000000000000020.index 00000000000000000020.timeindex 00000000000000000040.log 00000000000000000040.index 00000000000000000040.timeindex 00000000000000000020.snapshot 00000000000000000040.snapshot 00000000000000000060.snapshot leader-epoch-checkpoint partition.metadata" ]
}

@test "a partition directory whose segments overlap is reported (65)" {
	d=$BATS_TEST_TMPDIR/segments-0
	cp "$d/00000000000000000020.log" "$d/00000000000000000030.log"
	run ktk-dump-log --verify "$d"
	assert_failure 65
	assert_output --partial "00000000000000000030.log: segment base offset 30 does not follow the previous segment's last offset 39"
}

@test "--offset finds the record through the index, --count prints more" {
	run ktk-dump-log --offset 25 "$BATS_TEST_TMPDIR/segments-0"
	assert_success
	assert_output --regexp "^\| offset: 25 CreateTime: [0-9]+ keySize: -1 valueSize: [0-9]+ sequence: -1 headerKeys: \[\] payload: segment 2 record number 6$"
	run ktk-dump-log --offset 38 --count 4 "$BATS_TEST_TMPDIR/segments-0"
	assert_success
	[ "${#lines[@]}" -eq 4 ]
	assert_line --index 0 --partial "offset: 38 "
	assert_line --index 3 --partial "offset: 41 "
	run ktk-dump-log --offset 999 "$BATS_TEST_TMPDIR/segments-0"
	assert_success
	assert_output --partial "no record at or after offset 999"
	run ktk-dump-log --offset 3 "$SEG"
	assert_failure 64
}

@test "--timestamp finds the first record at or after a time" {
	d=$BATS_TEST_TMPDIR/segments-0
	ts=$(ktk-dump-log --print-data-log "$d/00000000000000000020.log" | sed -n 's/^| offset: 20 CreateTime: \([0-9]*\) .*/\1/p')
	[ -n "$ts" ]
	run ktk-dump-log --timestamp "$ts" "$d"
	assert_success
	assert_output --regexp "offset: (1[0-9]|20) CreateTime: $ts "
	run ktk-dump-log --timestamp 0 "$d"
	assert_output --partial "| offset: 0 "
}

@test "--timestamp takes the consumer's @ISO-8601 and @-DURATION besides milliseconds" {
	d=$BATS_TEST_TMPDIR/segments-0
	ts=$(ktk-dump-log --print-data-log "$d/00000000000000000020.log" | sed -n 's/^| offset: 20 CreateTime: \([0-9]*\) .*/\1/p')
	[ -n "$ts" ]
	iso=$(TZ=UTC date -d "@$((ts / 1000))" +%Y-%m-%dT%H:%M:%S).$(printf %03d $((ts % 1000)))Z
	run --separate-stderr ktk-dump-log --timestamp "$ts" "$d"
	assert_success
	want=$output
	# the same time as ISO-8601 (the old reading: "'@...' is not a number")
	run --separate-stderr ktk-dump-log --timestamp "@$iso" "$d"
	assert_success
	assert_equal "$output" "$want"
	assert_equal "$stderr" ''
	# a duration before the first record: the first record
	run --separate-stderr ktk-dump-log --timestamp @-36500d "$d"
	assert_success
	assert_output --partial "| offset: 0 "
	# a time after every record (and a duration of nothing ago)
	run --separate-stderr ktk-dump-log --timestamp @-0s "$d"
	assert_success
	assert_output ''
	assert_regex "$stderr" "no record at or after timestamp [0-9]+"
	# a bad one is the consumer's message, naming the flag (exit 64)
	run --separate-stderr ktk-dump-log --timestamp @yesterday "$d"
	assert_failure 64
	assert_equal "$stderr" "ktk-dump-log: --timestamp: '@yesterday': not an ISO-8601 date (YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|+HH:MM])"
	run --separate-stderr ktk-consumer -t x --until @yesterday
	assert_failure 64
	assert_equal "${stderr#*: --until: }" "'@yesterday': not an ISO-8601 date (YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|+HH:MM])"
}

@test "-J prints one JSON object per batch and record, text or base64 keys" {
	run ktk-dump-log -J --deep-iteration "$BATS_TEST_TMPDIR/codec-lz4-0/00000000000000000000.log"
	assert_success
	echo "$output" | jq -e -s 'length > 3' >/dev/null
	b=$(echo "$output" | sed -n 2p)
	[ "$(head -n1 <<<"$output")" = "{\"type\":\"file\",\"file\":\"$BATS_TEST_TMPDIR/codec-lz4-0/00000000000000000000.log\",\"kind\":\"segment\",\"baseOffset\":0}" ]
	[ "$(jq -r .type <<<"$b")" = batch ]
	[ "$(jq -r .compresscodec <<<"$b")" = lz4 ]
	[ "$(jq -r .isValid <<<"$b")" = true ]
	r=$(echo "$output" | jq -c 'select(.type=="record" and .key=="k1")')
	[ "$(jq -r .value <<<"$r")" = "hello lz4" ]
	[ "$(jq -c '[.headers[].key]' <<<"$r")" = '["trace","empty","utf8"]' ]
	[ "$(jq -r '.headers[2].value' <<<"$r")" = "héllo" ]
	[ "$(echo "$output" | jq -c 'select(.type=="record" and .key=="k3") | .value')" = null ]
	# bytes that are not UTF-8 come as base64
	printf 'k:\xff\xfe\n' >"$BATS_TEST_TMPDIR/bin"
	run ktk-dump-log -J --deep-iteration "$KTK_TOP/tests/fixtures/dump-log/legacy/00000000000000000000.log"
	assert_success
	echo "$output" | jq -e . >/dev/null
}

@test "--verify: clean fixtures pass silently" {
	run ktk-dump-log --verify "$FX/segments-0" "$FX/transactions-0" "$FX/codec-zstd-0" \
		"$FX/__cluster_metadata-0" "$KTK_TOP/tests/fixtures/dump-log/legacy"
	assert_success
	assert_output ""
}

@test "flipped bit: isvalid false, the batch's position on stderr, exit 65" {
	pos=$(second_batch)
	poke "$SEG" $((pos + 70)) 0x41
	run --separate-stderr ktk-dump-log "$SEG"
	assert_failure 65
	[[ $output == *"position: $pos "*"isvalid: false"* ]]
	[[ $stderr == *"00000000000000000000.log: position $pos: batch at offset"*"stored CRC"*"computed"* ]]
	run --separate-stderr ktk-dump-log --verify "$SEG"
	assert_failure 65
	[ -z "$output" ]
	[[ $stderr == *"position $pos:"* ]]
}

@test "truncated segment: Kafka's trailing-bytes line, position, exit 65" {
	size=$(stat -c %s "$SEG")
	truncate -s $((size - 7)) "$SEG"
	run --separate-stderr ktk-dump-log --deep-iteration "$SEG"
	assert_failure 65
	[[ $output == *"Found "*" invalid bytes at the end of 00000000000000000000.log" ]]
	[[ $stderr == *"bytes at the end do not hold a whole batch"* ]]
}

@test "absurd batch length: stops there, reports it, no hang" {
	pos=$(second_batch)
	poke "$SEG" $((pos + 8)) 0x7f
	run --separate-stderr timeout 10 ktk-dump-log --print-data-log "$SEG"
	assert_failure 65
	[[ $output == *"invalid bytes at the end"* ]]
	[[ $stderr == *"position $pos: "* ]]
}

@test "wrong magic: that batch is reported, the next ones still dumped" {
	pos=$(second_batch)
	poke "$SEG" $((pos + 16)) 7
	run --separate-stderr ktk-dump-log "$SEG"
	assert_failure 65
	[[ $stderr == *"position $pos: unknown magic byte 7"* ]]
	[ "$(grep -c '^baseOffset' <<<"$output")" -eq "$(ktk-dump-log "$FX/codec-none-0/00000000000000000000.log" | grep -c '^baseOffset')" ] ||
		[ "$(grep -c '^baseOffset' <<<"$output")" -ge 1 ]
	refute_line --partial "position: $pos "
}

@test "zero-filled tail: Kafka's minimum-size error with its position, exit 65" {
	size=$(stat -c %s "$SEG")
	head -c 4096 /dev/zero >>"$SEG"
	run --separate-stderr ktk-dump-log "$SEG"
	assert_failure 65
	[[ $stderr == *"position $size: record size 0 is smaller than the minimum record overhead (14)"* ]]
}

@test "corrupt compressed batch and bad record bytes are reported, never crash" {
	seg=$BATS_TEST_TMPDIR/codec-lz4-0/00000000000000000000.log
	size=$(stat -c %s "$seg")
	for off in 61 62 70 90 $((size - 20)); do
		cp "$FX/codec-lz4-0/00000000000000000000.log" "$seg"
		flip "$seg" "$off"
		run --separate-stderr timeout 10 ktk-dump-log --print-data-log "$seg"
		assert_failure 65
		[[ $stderr == *"position "* ]]
	done
}

@test "index entries that point at the wrong batch: Kafka's summary, and 65 with --verify" {
	d=$BATS_TEST_TMPDIR/segments-0
	printf '\x00\x00\x00\x05\x00\x00\x00\x00' | dd of="$d/00000000000000000020.index" bs=1 seek=0 conv=notrunc status=none
	run --separate-stderr ktk-dump-log --verify-index-only "$d/00000000000000000020.index"
	assert_success
	[[ $stderr == *"Mismatches in :$d/00000000000000000020.index"*"Index offset: 25, log offset: 20"* ]]
	run --separate-stderr ktk-dump-log --verify "$d/00000000000000000020.index"
	assert_failure 65
	[[ $stderr == *"00000000000000000020.index: position 0: entry 0 says offset 25"* ]]
	# --verify on the segment alone checks its indexes too
	run --separate-stderr ktk-dump-log --verify "$d/00000000000000000020.log"
	assert_failure 65
	[[ $stderr == *"00000000000000000020.index: position 0: entry 0 says offset 25"* ]]
	run --separate-stderr ktk-dump-log --verify "$d/00000000000000000040.log"
	assert_success
}

@test "--max-bytes reads only that much, like Kafka" {
	first=$(ktk-dump-log "$SEG" | sed -n 's/.* size: \([0-9]*\) .*/\1/p' | head -n1)
	run ktk-dump-log --max-bytes "$first" "$SEG"
	assert_success
	[ "$(grep -c '^baseOffset' <<<"$output")" -eq 1 ]
	refute_output --partial "invalid bytes"
}

@test "unknown files are ignored with Kafka's message" {
	touch "$BATS_TEST_TMPDIR/notes.txt"
	run --separate-stderr ktk-dump-log -v "$BATS_TEST_TMPDIR/notes.txt"
	assert_success
	[[ $stderr == "Ignoring unknown file $BATS_TEST_TMPDIR/notes.txt" ]]
}

@test "a closed pipe ends the dump quietly" {
	run bash -c "ktk-dump-log --print-data-log '$FX/segments-0' '$FX/segments-0' | head -n 1"
	assert_success
	assert_output "Dumping $FX/segments-0/00000000000000000000.log"
}

@test "a closed pipe in the middle of a segment: no line about bytes at its end" {
	local d=$BATS_TEST_TMPDIR/pipe
	craft_batches "$d" 200000
	run --separate-stderr bash -c "ktk-dump-log --print-data-log '$d' | head -n 1"
	assert_success
	assert_output "Dumping $d/00000000000000000000.log"
	[ -z "$stderr" ] || fail "stderr: $stderr"
}

@test "index entries past the 64-bit offsets: Kafka's wrapped numbers, reported, exit 65" {
	local d=$BATS_TEST_TMPDIR/ovf n=09223372036854775807
	mkdir -p "$d"
	: >"$d/$n.log"
	printf '\x00\x00\x00\x01\x00\x00\x00\x00' >"$d/$n.index"
	printf '\x00\x00\x00\x00\x00\x00\x00\x07\x00\x00\x00\x05' >"$d/$n.timeindex"
	run --separate-stderr ktk-dump-log "$d/$n.index"
	[ "$status" -eq 65 ]
	assert_line 'offset: -9223372036854775808 position: 0'
	[[ $stderr == *"$n.index: position 0: entry 0: base offset 9223372036854775807 plus its relative offset is past the 64-bit offsets (read as -9223372036854775808)"* ]]
	run --separate-stderr ktk-dump-log "$d/$n.timeindex"
	[ "$status" -eq 65 ]
	assert_line 'timestamp: 7 offset: -9223372036854775804'
	[[ $stderr == *"entry 0: base offset 9223372036854775807 plus its relative offset is past the 64-bit offsets (read as -9223372036854775804)"* ]]
}

# craft DIR BATCHES: DIR/00000000000000000000.log of BATCHES one-record
# batches (offset i, timestamp 1000 + i)
craft_batches() {
	mkdir -p "$1"
	"$KTK_BUILD_DIR/test-bin/craft-log" batches "$1/00000000000000000000.log" "$2"
}

@test "time index check: entries in order, one out of order, and past the log, as Kafka reports them" {
	local d=$BATS_TEST_TMPDIR/tix t=$BATS_TEST_TMPDIR/t
	craft_batches "$d" 20
	"$KTK_BUILD_DIR/test-bin/craft-log" timeindex "$t.a" 10 0
	"$KTK_BUILD_DIR/test-bin/craft-log" timeindex "$t.b" 1 3
	"$KTK_BUILD_DIR/test-bin/craft-log" timeindex "$t.c" 2 30
	cat "$t.a" "$t.b" "$t.c" >"$d/00000000000000000000.timeindex"
	run --separate-stderr ktk-dump-log "$d/00000000000000000000.timeindex"
	assert_success
	[ "${#lines[@]}" -eq 14 ]
	assert_line --index 10 'timestamp: 1009 offset: 9'
	assert_line --index 11 'timestamp: 1000 offset: 3'
	[ "$stderr" = "Found timestamp mismatch in :$d/00000000000000000000.timeindex
  Index timestamp: 1000, log timestamp: 1003
Found out of order timestamp in :$d/00000000000000000000.timeindex
  Index timestamp: 1000, Previously indexed timestamp: 1009
The following indexed offsets are not found in the log.
Indexed offset: 30, found log offset: -1
Indexed offset: 31, found log offset: -1" ]
}

@test "time index check is one walk: 50000 entries past a log of 50000 batches (F3)" {
	local d=$BATS_TEST_TMPDIR/tix
	craft_batches "$d" 50000
	"$KTK_BUILD_DIR/test-bin/craft-log" timeindex "$d/00000000000000000000.timeindex" 50000 100000
	# entry after entry walking the whole log would be 2.5e9 batch reads
	# (minutes); one walk is 50000. The bound only stops a hang.
	run --separate-stderr timeout 60 ktk-dump-log --verify "$d/00000000000000000000.log"
	[ "$status" -eq 65 ]
	[[ $stderr == *"0 entries with the wrong timestamp, 0 out of order, 50000 pointing at no batch"* ]]
}

@test "--max-decompressed-bytes: the run's decompression budget, reported where it runs out (F10)" {
	local d=$BATS_TEST_TMPDIR/bomb f
	mkdir -p "$d/a" "$d/b"
	# 605-byte zstd batches of one 16 MiB record of zeros each
	"$KTK_BUILD_DIR/test-bin/craft-log" zeros "$d/a/00000000000000000000.log" 16 4
	f=$d/a/00000000000000000000.log
	run --separate-stderr ktk-dump-log -d --max-decompressed-bytes 41943040 "$f"
	[ "$status" -eq 65 ]
	# every batch line, the records of the first two only
	[ "$(grep -c '^baseOffset: ' <<<"$output")" -eq 4 ]
	[ "$(grep -c '^| offset: ' <<<"$output")" -eq 2 ]
	[ "$stderr" = "ktk-dump-log: $f: position 1210: decompressing this batch passes the run's budget of 41943040 decompressed bytes (--max-decompressed-bytes); compressed batches from here on are not read" ]
	# the budget is the run's, not each file's
	"$KTK_BUILD_DIR/test-bin/craft-log" zeros "$d/b/00000000000000000000.log" 16 2
	run --separate-stderr ktk-dump-log -d --max-decompressed-bytes 41943040 "$d/b/00000000000000000000.log" "$d/b/00000000000000000000.log"
	[ "$status" -eq 65 ]
	[ "$(grep -c '^| offset: ' <<<"$output")" -eq 2 ]
	[ "$stderr" = "ktk-dump-log: $d/b/00000000000000000000.log: position 0: decompressing this batch passes the run's budget of 41943040 decompressed bytes (--max-decompressed-bytes); compressed batches from here on are not read" ]
	# enough budget, or none
	run -0 ktk-dump-log -d --max-decompressed-bytes 0 "$f"
	[ "$(grep -c '^| offset: ' <<<"$output")" -eq 4 ]
	run -0 ktk-dump-log --verify "$f"
	run -64 ktk-dump-log --max-decompressed-bytes -1 "$f"
}

@test "a segment that shrinks while it is read: 'file changed while reading' at its position, exit 65, no SIGBUS (F4)" {
	local d=$BATS_TEST_TMPDIR/live fifo=$BATS_TEST_TMPDIR/out.fifo f pid rc
	craft_batches "$d" 60000
	f=$d/00000000000000000000.log
	mkfifo "$fifo"
	ktk-dump-log -p "$f" >"$fifo" 2>"$BATS_TEST_TMPDIR/err" &
	pid=$!
	exec 5<"$fifo"
	# output has come: the first 1 MiB window is read, and its text (MBs)
	# cannot all fit in the pipe, so the dump waits inside that window
	head -c 1000 <&5 >/dev/null
	truncate -s 1000 "$f"
	cat <&5 >/dev/null
	exec 5<&-
	rc=0
	wait "$pid" || rc=$?
	[ "$rc" -eq 65 ]
	run cat "$BATS_TEST_TMPDIR/err"
	assert_output --regexp "^ktk-dump-log: $f: position [0-9]+: file changed while reading: it had 4560000 bytes, now ends at [0-9]+\$"
}

# Issue 17: a path that is not there is exit 66 naming it, before anything
# is printed (a typo in `for d in ...; do ktk-dump-log --verify "$d"; done`
# printed "Ignoring unknown file" and exited 0); an index without its log
# names the log it looked for.
@test "a path that does not exist: exit 66 naming it, nothing dumped first, --verify included" {
	local seg=$KTK_TOP/tests/fixtures/dump-log/broker/codec-gzip-0/00000000000000000000.log
	run --separate-stderr ktk-dump-log /nonexistent/00000000000000000000.log
	assert_equal "$status" 66
	assert_equal "$output" ""
	assert_equal "$stderr" "ktk-dump-log: /nonexistent/00000000000000000000.log: No such file or directory"
	run --separate-stderr ktk-dump-log --verify /nonexistent/partition-0
	assert_equal "$status" 66
	assert_equal "$output" ""
	assert_equal "$stderr" "ktk-dump-log: /nonexistent/partition-0: No such file or directory"
	# with a good file first, still nothing is dumped
	run --separate-stderr ktk-dump-log "$seg" /nonexistent/x.log
	assert_equal "$status" 66
	assert_equal "$output" ""
	local d=$BATS_TEST_TMPDIR/noseg
	mkdir -p "$d"
	cp "$KTK_TOP/tests/fixtures/dump-log/broker/codec-gzip-0/00000000000000000000.index" "$d/"
	run --separate-stderr ktk-dump-log "$d/00000000000000000000.index"
	assert_equal "$status" 66
	assert_equal "$stderr" "ktk-dump-log: $d/00000000000000000000.index: its log segment $d/00000000000000000000.log: No such file or directory"
}

# issue 17 §2: a file name without a base offset is no corrupt data (65)
@test "a segment copied under another name is dumped whole, with a warning, exit 0; an index so named is 66, not 65" {
	local src=$KTK_TOP/tests/fixtures/dump-log/broker/codec-gzip-0 d=$BATS_TEST_TMPDIR/renamed
	mkdir -p "$d"
	cp "$src/00000000000000000000.log" "$d/copy.log"
	cp "$src/00000000000000000000.index" "$d/copy.index"
	run --separate-stderr ktk-dump-log --verify "$d/copy.log"
	assert_success
	assert_equal "$stderr" "ktk-dump-log: $d/copy.log: the file name does not start with a base offset (segments are named by it, 00000000000000000000.log): not checked against one"
	run --separate-stderr ktk-dump-log -d "$d/copy.log"
	assert_success
	# the same batches and records as under its own name, less the header
	diff <(ktk-dump-log -d "$src/00000000000000000000.log" | sed 1,2d) <(sed 1d <<<"$output")
	run --separate-stderr ktk-dump-log -J "$d/copy.log"
	assert_success
	refute_output --partial '"type":"problem"'
	run --separate-stderr ktk-dump-log "$d/copy.index"
	assert_equal "$status" 66
	assert_equal "$stderr" "ktk-dump-log: $d/copy.index: the file name does not start with a base offset, which its entries are relative to (an index is named as its segment, 00000000000000000000.index)"
}
