#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-consumer as a consumer group member: sharing partitions, separate
# groups, commits only of what was written (kill -9, | head, signals), and
# read_committed against an aborted transaction.
load ../helpers

setup() {
	need_kafka
	T=$(unique_topic grp)
	G=g-$T
	PIDS=()
}

teardown() {
	local p
	for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
}

topic() { # topic PARTITIONS
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
		--create --topic "$T" --partitions "$1" >/dev/null
}

produce() { # produce FROM TO: records "r-FROM".."r-TO", keyed, spread over partitions
	seq "$1" "$2" | awk '{ print "k" $1 "\tr-" $1 }' | kcat -P -b "$BOOTSTRAP" -t "$T" -K '\t'
}

lines_in() { # lines_in FILE...: how many lines
	cat "$@" 2>/dev/null | wc -l
}

@test "two members split 6 partitions, no record twice; another group sees all" {
	topic 6
	# --from-beginning: a partition handed over before its first commit
	# is read from its start, not from the end
	ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G" --from-beginning -v 2>"$BATS_TEST_TMPDIR/a.err" >"$BATS_TEST_TMPDIR/a" 3>&- &
	PIDS+=($!)
	ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G" --from-beginning -v 2>"$BATS_TEST_TMPDIR/b.err" >"$BATS_TEST_TMPDIR/b" 3>&- &
	PIDS+=($!)
	# both members hold partitions before anything is produced
	wait_for 60 bash -c "grep -q 'assigned [1-9]' '$BATS_TEST_TMPDIR/a.err' && grep -q 'assigned [1-9]' '$BATS_TEST_TMPDIR/b.err'"
	produce 1 600
	wait_for 60 bash -c "[ \$(cat '$BATS_TEST_TMPDIR/a' '$BATS_TEST_TMPDIR/b' | wc -l) -ge 600 ]"
	kill -TERM "${PIDS[@]}"
	wait "${PIDS[0]}"
	wait "${PIDS[1]}"
	# each printed some, together every record exactly once
	[ -s "$BATS_TEST_TMPDIR/a" ]
	[ -s "$BATS_TEST_TMPDIR/b" ]
	run bash -c "cat '$BATS_TEST_TMPDIR/a' '$BATS_TEST_TMPDIR/b' | sort | uniq -d"
	assert_output ''
	run bash -c "cat '$BATS_TEST_TMPDIR/a' '$BATS_TEST_TMPDIR/b' | sort -u | wc -l"
	assert_output 600
	# a member of another group sees everything
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "other-$G" --from-beginning -e
	assert_success
	assert_equal "${#lines[@]}" 600
	# and the first group, having committed everything, sees nothing new
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G" --from-beginning -e
	assert_success
	assert_output ''
}

@test "kill -9 and restart loses nothing" {
	topic 3
	produce 1 300
	ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G" --from-beginning -X auto.commit.interval.ms=100 \
		>"$BATS_TEST_TMPDIR/first" 2>/dev/null 3>&- &
	PIDS+=($!)
	wait_for 60 bash -c "[ \$(wc -l <'$BATS_TEST_TMPDIR/first') -ge 300 ]"
	produce 301 400
	kill -9 "${PIDS[0]}"
	wait "${PIDS[0]}" || true
	produce 401 500
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G" --from-beginning -e
	assert_success
	echo "$output" >"$BATS_TEST_TMPDIR/second"
	run bash -c "cat '$BATS_TEST_TMPDIR/first' '$BATS_TEST_TMPDIR/second' | sort -u | wc -l"
	assert_output 500
	# the restart went on from a commit, not from the beginning
	run grep -c . "$BATS_TEST_TMPDIR/second"
	[ "$output" -lt 500 ]
}

@test "| head -n 10 commits only what head read: a restart shows the 11th" {
	topic 1
	produce 1 30
	run bash -c "ktk-consumer -b '$BOOTSTRAP' -t '$T' -g '$G' --from-beginning | head -n 10; echo \"status \${PIPESTATUS[0]}\""
	assert_line --index 0 r-1
	assert_line --index 9 r-10
	assert_line --index 10 'status 0'
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G" -e
	assert_success
	assert_line --index 0 r-11
	assert_equal "${#lines[@]}" 20
}

@test "SIGINT and SIGTERM end quietly with status 0 and commit what was written" {
	topic 2
	produce 1 50
	for sig in TERM INT; do
		ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G-$sig" --from-beginning \
			>"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" 3>&- &
		pid=$!
		wait_for 60 bash -c "[ \$(wc -l <'$BATS_TEST_TMPDIR/out') -ge 50 ]"
		kill -"$sig" "$pid"
		rc=0
		wait "$pid" || rc=$?
		assert_equal "$rc" 0
		run cat "$BATS_TEST_TMPDIR/err"
		assert_output ''
		run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G-$sig" -e
		assert_success
		assert_output ''
	done
}

@test "--no-commit leaves the group's offsets alone" {
	topic 1
	produce 1 10
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G" --from-beginning -e --no-commit
	assert_equal "${#lines[@]}" 10
	run --separate-stderr timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G" \
		--from-beginning -e -v -v
	second=$stderr
	assert_equal "${#lines[@]}" 10
	grep -q "^ktk-consumer: $T \[0\]: 10 records, .*, committed 10\$" <<<"$stderr"
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$G" --from-beginning -e
	# on failure, what the second member said about its commit
	[ -z "$output" ] || printf 'second consumer:\n%s\n' "$second" >&2
	assert_output ''
}

@test "read_committed hides an aborted transaction" {
	topic 1
	echo committed-1 | kcat -P -b "$BOOTSTRAP" -t "$T" -X transactional.id="c-$T" 2>/dev/null
	# a transaction that never commits: kcat dies in it, the broker aborts
	# it when its 2 s timeout runs out (>1 KiB so kcat sends before EOF)
	(for i in $(seq 1 40); do printf 'aborted-%02d-%s\n' "$i" "$(printf '%060d' 0)"; done; sleep 60) |
		kcat -P -b "$BOOTSTRAP" -t "$T" -X transactional.id="a-$T" -X linger.ms=10 \
			-X transaction.timeout.ms=2000 2>/dev/null 3>&- &
	kpid=$!
	PIDS+=($kpid)
	wait_for 60 bash -c "ktk-consumer -b '$BOOTSTRAP' -t '$T' -o beginning -e --isolation-level read_uncommitted | grep -q aborted-01"
	kill -9 "$kpid"
	wait "$kpid" || true
	echo committed-2 | kcat -P -b "$BOOTSTRAP" -t "$T" -X transactional.id="c-$T" 2>/dev/null
	# once the broker aborted it, read_committed reads past it
	wait_for 90 bash -c "ktk-consumer -b '$BOOTSTRAP' -t '$T' -o beginning -e --isolation-level read_committed | grep -q committed-2"
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -o beginning -e --isolation-level read_committed
	assert_success
	assert_output $'committed-1\ncommitted-2'
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -o beginning -e --isolation-level read_uncommitted
	assert_line --partial aborted-01
	assert_line committed-2
}
