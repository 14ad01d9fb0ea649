#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-producer without a broker: command-line errors, --dry-run
# partitioning and parsing, a cluster that is down (a closed port), and
# delivery failures and signals once ktk-mock has gone away.

bats_require_minimum_version 1.5.0
load helpers

# bytes waiting in the pipe on fd 7 (FIONREAD) is 0
pipe_empty() {
	python3 -c 'import fcntl, struct, termios, sys
n = struct.unpack("i", fcntl.ioctl(7, termios.FIONREAD, b"\0" * 4))[0]
sys.exit(0 if n == 0 else 1)'
}

# one line on stderr, nothing on stdout, exit 64
assert_usage_error() {
	run --separate-stderr ktk-producer "$@"
	assert_failure 64
	assert_output ""
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ]
	[[ $stderr == ktk-producer:* ]]
}

@test "bad command lines exit 64 with one line naming the problem" {
	assert_usage_error -t t --no-such-flag
	assert_usage_error -t t --acks 2
	[[ $stderr == *"--acks: '2' is not one of: 0, 1, all, -1"* ]]
	assert_usage_error --acks all
	[[ $stderr == *"--topic is required (see --help)"* ]]
	assert_usage_error -t t -p 1 --partitioner random
	[[ $stderr == *"--partition and --partitioner cannot be used together"* ]]
	assert_usage_error -t t --transaction-records 5
	assert_usage_error -t t --transactional-id x --acks 1
	assert_usage_error -t t --transactional-id x --no-idempotence
	assert_usage_error -t t --property parse.key=true --reader-property a=b
	[[ $stderr == *"Options --reader-property and --property cannot be specified together."* ]]
	assert_usage_error -t t --input-format raw -D ,
	assert_usage_error -t t --input-format json -K ,
	assert_usage_error -t t -D '\q'
	assert_usage_error -t t -p -2
	assert_usage_error -t t --rate 0
	assert_usage_error -t t -H =v
	assert_usage_error -t t --input-format xml
}

@test "reader property conflicts fail with Kafka's messages" {
	run --separate-stderr ktk-producer -t t --dry-run --partition-count 3 \
		--property null.marker=, </dev/null
	assert_failure 64
	[ "$stderr" = "ktk-producer: null.marker and headers.separator may not be equal" ]
	run --separate-stderr ktk-producer -t t --dry-run --partition-count 3 \
		--property headers.delimiter=: </dev/null
	assert_failure 64
	[ "$stderr" = "ktk-producer: headers.delimiter and headers.key.separator may not be equal" ]
}

@test "--help lists every flag of the issue and exits 0" {
	run ktk-producer --help
	assert_success
	for f in --partition --partitioner --acks --request-required-acks \
		--no-idempotence --compression-codec --linger-ms --batch-size --sync \
		--transactional-id --transaction-records --rate --max-messages \
		--delivery-timeout-ms --producer-property --producer.config --tee --dry-run \
		--property --reader-property --reader-config --input-format \
		--stop-on-error -K -D -k -H -Z -X; do
		assert_output --partial -- "$f"
	done
}

@test "--dry-run puts keys where the Java client's murmur2 does" {
	# Utils.murmur2 values from Kafka's UtilsTest, & 0x7fffffff, % 7
	run --separate-stderr ktk-producer -t t --dry-run --partition-count 7 -K : \
		<<<$'21:a\nfoobar:b\nabc:c\na-little-bit-long-string:d\n:e'
	assert_success
	# an empty key is hashed (murmur2 of no bytes = 275646681, % 7 = 2)
	assert_output $'line 1\t3\nline 2\t0\nline 3\t4\nline 4\t1\nline 5\t2'
	# a null key goes to the partition chosen at send time
	run ktk-producer -t t --dry-run --partition-count 7 <<<'no key'
	assert_output $'line 1\t-1'
	# -p wins
	run ktk-producer -t t --dry-run -p 5 -K : <<<'21:a'
	assert_output $'line 1\t5'
}

@test "--dry-run with other partitioners matches librdkafka's" {
	run ktk-producer -t t --dry-run --partition-count 7 -K : --partitioner consistent \
		<<<$'abc:x\n:y'
	assert_success
	# crc32("abc") = 0x352441c2 = 891568578; % 7 = 5; crc32("") = 0
	assert_output $'line 1\t5\nline 2\t0'
	run ktk-producer -t t --dry-run --partition-count 7 -K : --partitioner random <<<'abc:x'
	assert_output $'line 1\t-1'
}

@test "--dry-run reports unparsable lines with Kafka's texts and line numbers" {
	run --separate-stderr ktk-producer -t t --dry-run --partition-count 3 \
		--property parse.key=true --property parse.headers=true \
		<<<$'h:1\tk\tv\nnodelim\nh:1\tnokey\nbad\tk\tv\nh:2\tk\tv'
	assert_failure 65
	assert_output $'line 1\t'"$(ktk-producer -t t --dry-run --partition-count 3 -K '\t' <<<$'k\tv' | cut -f2)"$'\nline 5\t'"$(ktk-producer -t t --dry-run --partition-count 3 -K '\t' <<<$'k\tv' | cut -f2)"
	assert_equal "$(grep -c '' <<<"$stderr")" 4
	[[ $stderr == *"line 2: No headers delimiter found on line number 2: 'nodelim'"* ]]
	[[ $stderr == *"line 3: No key separator found on line number 3: 'h:1\\tnokey'"* ]]
	[[ $stderr == *"line 4: No header key separator found in pair 'bad' on line number 4"* ]]
	[[ $stderr == *"5 records read, 0 delivered, 3 failed (3 not parsable)"* ]]
}

@test "--stop-on-error stops at the first bad record" {
	run --separate-stderr ktk-producer -t t --dry-run --partition-count 3 -K : --stop-on-error \
		<<<$'a:1\nbad\nc:3'
	assert_failure 65
	assert_output "line 1	$(ktk-producer -t t --dry-run --partition-count 3 -K : <<<'a:1' | cut -f2)"
	[[ $stderr == *"2 records read"* ]]
}

@test "-D splits on any bytes, NUL included; files are read in order" {
	dir=$BATS_TEST_TMPDIR
	printf 'a\0b\0c' >"$dir/nul"
	printf 'x;;y;;' >"$dir/semi"
	run ktk-producer -t t --dry-run -p 0 -D '\0' "$dir/nul"
	assert_output "$(printf '%s:1\t0\n%s:2\t0\n%s:3\t0' "$dir/nul" "$dir/nul" "$dir/nul")"
	run ktk-producer -t t --dry-run -p 0 -D ';;' "$dir/semi" - "$dir/semi" <<<'stdin-line'
	assert_output "$(printf '%s:1\t0\n%s:2\t0\nstdin:1\t0\n%s:1\t0\n%s:2\t0' "$dir/semi" "$dir/semi" "$dir/semi" "$dir/semi")"
	run ktk-producer -t t --dry-run -p 0 --input-format raw "$dir/nul" "$dir/semi"
	assert_output "$(printf '%s:1\t0\n%s:1\t0' "$dir/nul" "$dir/semi")"
}

@test "an unreadable input exits 66 naming the file" {
	run --separate-stderr ktk-producer -t t --dry-run -p 0 /nonexistent/in
	assert_failure 66
	[[ $stderr == *"/nonexistent/in: No such file or directory"* ]]
}

@test "--input-format json reports bad lines and skips blank ones" {
	run --separate-stderr ktk-producer -t t --dry-run --partition-count 7 --input-format json \
		<<<$'{"key":"21","value":"a"}\n\n{"key":{"base64":"YWJj"},"value":null}\n{"value":1}\n{"key":null,"value":null,"partition":6}\nnot json'
	assert_failure 65
	assert_output $'line 1\t3\nline 3\t4\nline 5\t6'
	[[ $stderr == *'line 4: "value" must be a string'* ]]
	[[ $stderr == *"line 6: column 3: not JSON"* ]]
}

@test "-c stops after N records" {
	run ktk-producer -t t --dry-run -p 1 -c 2 <<<$'a\nb\nc'
	assert_output $'line 1\t1\nline 2\t1'
}

@test "a cluster that is down: one line naming the addresses, exit 69, within 2 s" {
	# the issue's case: it used to wait out message.timeout.ms (300 s)
	SECONDS=0
	run --separate-stderr timeout 60 ktk-producer -b 127.0.0.1:1 -t t <<<$'a\nb\nc'
	assert_failure 69
	[ "$SECONDS" -le 2 ]
	assert_equal "$stderr" "ktk-producer: cannot reach any broker at 127.0.0.1:1 (1/1 brokers are down)"
	assert_output ""
	run --separate-stderr ktk-producer -b 127.0.0.1:1,127.0.0.1:9 -t t --delivery-timeout-ms 100000 <<<a
	assert_failure 69
	assert_equal "$stderr" "ktk-producer: cannot reach any broker at 127.0.0.1:1,127.0.0.1:9 (2/2 brokers are down)"
	# --dry-run asks the cluster for the partition count: the same line
	SECONDS=0
	run --separate-stderr ktk-producer -b 127.0.0.1:1 -t t --dry-run <<<a
	assert_failure 69
	[ "$SECONDS" -le 2 ]
	assert_equal "$stderr" "ktk-producer: cannot reach any broker at 127.0.0.1:1 (1/1 brokers are down)"
}

# ktk-mock in the background; its address in $ADDR
start_mock() {
	: >"$BATS_TEST_TMPDIR/addr"
	ktk-mock "$@" >"$BATS_TEST_TMPDIR/addr" 2>"$BATS_TEST_TMPDIR/mock.err" 7>&- &
	MOCK_PID=$!
	wait_for 20 test -s "$BATS_TEST_TMPDIR/addr"
	ADDR=$(head -n 1 "$BATS_TEST_TMPDIR/addr")
}

stop_mock() {
	kill "$MOCK_PID" 2>/dev/null || true
	wait "$MOCK_PID" 2>/dev/null || true
	MOCK_PID=
}

teardown() {
	[ -z "${MOCK_PID:-}" ] || stop_mock
	[ -z "${PRODUCER_PID:-}" ] || kill "$PRODUCER_PID" 2>/dev/null || true
}

# ktk-producer --tee on a FIFO (fd 7) to the mock; one record delivered,
# then the cluster goes away and a second record is read
producer_then_cluster_down() {
	fifo=$BATS_TEST_TMPDIR/in
	mkfifo "$fifo"
	exec 7<>"$fifo" # read-write: opening does not block
	start_mock --topic t:1
	# 7>&-: the producer holds no writer of its own FIFO (it sees the end)
	ktk-producer -b "$ADDR" -t t --tee "$@" "$fifo" >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" 7>&- &
	PRODUCER_PID=$!
	printf 'one\n' >&7
	wait_for 20 grep -qx one "$BATS_TEST_TMPDIR/out"
	stop_mock
	printf 'two\n' >&7
	# wait until the producer has read it out of the pipe
	wait_for 10 pipe_empty
}

@test "records the cluster cannot take after it went down time out, counted, exit 1" {
	producer_then_cluster_down --delivery-timeout-ms 1500
	exec 7>&-
	SECONDS=0
	st=0
	wait "$PRODUCER_PID" || st=$?
	# the 1.5 s delivery timeout, not message.timeout.ms's 300 s (librdkafka
	# checks timeouts once a second, and a loaded machine adds more)
	[ "$SECONDS" -le 10 ]
	PRODUCER_PID=
	assert_equal "$st" 1
	run cat "$BATS_TEST_TMPDIR/err"
	assert_line "ktk-producer: $BATS_TEST_TMPDIR/in:2: Local: Message timed out"
	assert_line --partial "ktk-producer: 2 records read, 1 delivered, 1 failed (1 Local: Message timed out)"
}

@test "SIGTERM while the cluster is down: the flush waits --stop-timeout-ms (default 5 s), not the delivery timeout" {
	# message.timeout.ms stays at its default, 300 s
	producer_then_cluster_down
	SECONDS=0
	kill -TERM "$PRODUCER_PID"
	st=0
	wait "$PRODUCER_PID" || st=$?
	PRODUCER_PID=
	exec 7>&-
	assert_equal "$st" 1
	[ "$SECONDS" -le 8 ]
	run cat "$BATS_TEST_TMPDIR/err"
	assert_line --partial "ktk-producer: interrupted: 2 records read, 1 delivered, 1 failed (1 not delivered before exit)"
}

@test "SIGINT while the cluster is down, --stop-timeout-ms 500: exits within 2 s" {
	producer_then_cluster_down --stop-timeout-ms 500
	SECONDS=0
	kill -INT "$PRODUCER_PID"
	st=0
	wait "$PRODUCER_PID" || st=$?
	PRODUCER_PID=
	exec 7>&-
	assert_equal "$st" 1
	[ "$SECONDS" -le 2 ]
	run cat "$BATS_TEST_TMPDIR/err"
	assert_line --partial "ktk-producer: interrupted: 2 records read, 1 delivered, 1 failed (1 not delivered before exit)"
}

@test "--tee: a standard output that fails is exit 1 with one line (issue 16 F8)" {
	start_mock --topic t:1
	run --separate-stderr sh -c "echo a | ktk-producer -b '$ADDR' -t t --tee >/dev/full"
	assert_failure 1
	assert_equal "$stderr" "ktk-producer: standard output: No space left on device"
	# a reader that goes away is no failure
	run --separate-stderr bash -c "set -o pipefail; seq 1000 | ktk-producer -b '$ADDR' -t t --tee | head -n 1"
	assert_success
	assert_output 1
	stop_mock
}
