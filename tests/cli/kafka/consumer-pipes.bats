#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# A group consumer writing into a pipe, buffered as by default (no -u):
# it commits only the records whose bytes have left the pipe, hands the
# first records over one at a time so that a short reader (| head) drops
# none, and ends (committing, leaving the group, status 0) soon after its
# reader goes, even when no record arrives.
load ../helpers

setup() {
	need_kafka
	T=$(unique_topic pipe)
	G=g-$T
	D=$BATS_TEST_TMPDIR
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
		--create --topic "$T" --partitions 1 >/dev/null
}

produce() { # produce FROM TO [PAD]: records "r-FROM".."r-TO", each followed by PAD
	seq "$1" "$2" | awk -v pad="${3:-}" '{ print "r-" $1 pad }' | kcat -P -b "$BOOTSTRAP" -t "$T"
}

# consume_into READER...: the group's consumer from the beginning into
# READER (a shell command line); the consumer's status in $D/status, the
# times each side ended in $D/cons_end and $D/reader_end, at most 60 s
consume_into() {
	timeout 60 bash -c "{ ktk-consumer -b '$BOOTSTRAP' -t '$T' -g '$G' --from-beginning 2>'$D/err'
		echo \$? >'$D/status'; echo \$EPOCHREALTIME >'$D/cons_end'; } |
		{ $1; echo \$EPOCHREALTIME >'$D/reader_end'; }" >"$D/out"
}

# the consumer exited 0, quietly, within 2 s of its reader
ended_with_reader() {
	run cat "$D/status"
	assert_output 0
	run cat "$D/err"
	assert_output ''
	run awk -v c="$(cat "$D/cons_end")" -v r="$(cat "$D/reader_end")" \
		'BEGIN { d = c - r; print d; exit !(d < 2) }'
	assert_success
}

@test "| head -n 3 on 10,000 records: exits with head, the next run starts at record 4" {
	produce 1 10000
	consume_into 'head -n 3'
	run cat "$D/out"
	assert_output "$(printf 'r-%d\n' 1 2 3)"
	ended_with_reader
	# -e and head again: 4 and 5; the one after that: 6 and the rest
	run timeout 60 bash -c "ktk-consumer -b '$BOOTSTRAP' -t '$T' -g '$G' -e | head -n 2"
	assert_output "$(printf 'r-%d\n' 4 5)"
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G" -e
	assert_success
	assert_line --index 0 r-6
	assert_equal "${#lines[@]}" 9995
	# that run waited at its end for the pipe to drain: all committed
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G" -e
	assert_success
	assert_output ''
}

@test "| head -c 100: the record cut in half is not committed" {
	produce 1 10000
	consume_into 'head -c 100'
	ended_with_reader
	# 100 bytes: r-1 .. r-21 whole (96 bytes), then "r-22" without its newline
	run cat "$D/out"
	assert_line --index 20 r-21
	assert_line --index 21 r-22
	[ "$(wc -c <"$D/out")" -eq 100 ]
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G" -e
	assert_success
	assert_line --index 0 r-22
	assert_equal "${#lines[@]}" 9979
}

@test "a reader that goes while no record arrives: the consumer ends within 2 s and commits" {
	produce 1 5
	# head takes all five, then the consumer waits for records that never come
	consume_into 'head -n 5'
	assert_equal "$(wc -l <"$D/out")" 5
	ended_with_reader
	produce 6 6
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G" -e
	assert_success
	assert_output r-6
}

@test "a slow reader killed midway: the next run starts right after its last line" {
	# 500-byte records: the ramp ends within the first few hundred, so the
	# pipe is full and the consumer writes at full speed when the reader dies
	pad=$(printf '%0496d' 0)
	produce 1 2000 "-$pad"
	# read (bytewise, as the shell does on a pipe) 600 lines, the last ones
	# slowly, then die by SIGKILL between two lines
	consume_into 'n=0; while IFS= read -r l; do printf "%s\n" "$l"; n=$((n + 1));
		[ $n -gt 580 ] && sleep 0.01 </dev/null; [ $n -eq 600 ] && kill -9 $BASHPID; done' || true
	run cat "$D/status"
	assert_output 0
	assert_equal "$(wc -l <"$D/out")" 600
	assert_equal "$(tail -n 1 "$D/out" | cut -d- -f2)" 600
	run timeout 60 bash -c "ktk-consumer -b '$BOOTSTRAP' -t '$T' -g '$G' -e | cut -d- -f2"
	assert_success
	assert_line --index 0 601
	assert_equal "${#lines[@]}" 1400
}
