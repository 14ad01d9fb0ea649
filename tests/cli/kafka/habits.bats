#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# kcat and Kafka habits (issue 17) against a real broker: group.id from a
# Java properties file joins the group and commits; the JSON copy into a
# topic with fewer partitions; kcat's -o s@TS / e@TS.
load ../helpers

@test "group.id in --consumer.config joins that group and commits: the next run, and -g GROUP, go on from there" {
	need_kafka
	local T G=g-props-$$-$RANDOM
	T=$(unique_topic gid)
	# one partition: one that was never read has no commit, so a group
	# starts there at the end (auto.offset.reset=latest)
	ktk-topics -b "$BOOTSTRAP" --create -t "$T" --partitions 1 >/dev/null
	printf 'a\nb\nc\n' | ktk-producer -b "$BOOTSTRAP" -t "$T"
	printf 'group.id=%s\nbootstrap.servers=%s\nmax.poll.records=10\n' "$G" "$BOOTSTRAP" >"$BATS_TEST_TMPDIR/c.properties"
	run --separate-stderr ktk-consumer --consumer.config "$BATS_TEST_TMPDIR/c.properties" -t "$T" --from-beginning -e
	assert_success
	assert_equal "$(sort <<<"$output" | tr -d '\n')" abc
	# the same group goes on after its commit: nothing left
	run --separate-stderr ktk-consumer --consumer.config "$BATS_TEST_TMPDIR/c.properties" -t "$T" -e -q
	assert_success
	assert_output ''
	# and -g names the same group
	printf 'd\n' | ktk-producer -b "$BOOTSTRAP" -t "$T"
	run --separate-stderr ktk-consumer -b "$BOOTSTRAP" -g "$G" -t "$T" -e
	assert_success
	assert_output d
}

@test "the JSON copy into a topic with fewer partitions: refused before it is sent, or repartitioned and stamped now" {
	need_kafka
	local S D now
	S=$(unique_topic six)
	D=$(unique_topic two)
	ktk-topics -b "$BOOTSTRAP" --create -t "$S" --partitions 6 >/dev/null
	ktk-topics -b "$BOOTSTRAP" --create -t "$D" --partitions 2 >/dev/null
	seq 1 30 | sed 's/.*/k&:v&/' | ktk-producer -b "$BOOTSTRAP" -t "$S" -K : -X linger.ms=0
	ktk-consumer -b "$BOOTSTRAP" -t "$S" -o beginning -e -J >"$BATS_TEST_TMPDIR/copy.json"
	sed -i 's/"timestamp":[0-9]*/"timestamp":1000/' "$BATS_TEST_TMPDIR/copy.json"
	run --separate-stderr ktk-producer -b "$BOOTSTRAP" -t "$D" --input-format json <"$BATS_TEST_TMPDIR/copy.json"
	assert_failure 1
	assert_equal "${#stderr_lines[@]}" 1
	assert_regex "$stderr" "topic $D has no partition [2-5] \(it has 2\); --ignore-partition lets the partitioner choose"
	ktk-topics -b "$BOOTSTRAP" --delete -t "$D" >/dev/null
	wait_for 30 bash -c "! ktk-topics -b '$BOOTSTRAP' --list | grep -qx '$D'"
	wait_for 30 ktk-topics -b "$BOOTSTRAP" --create -t "$D" --partitions 2
	now=$(($(date +%s) * 1000 - 60000))
	run --separate-stderr ktk-producer -b "$BOOTSTRAP" -t "$D" --input-format json --ignore-partition --ignore-timestamp <"$BATS_TEST_TMPDIR/copy.json"
	assert_success
	run --separate-stderr ktk-consumer -b "$BOOTSTRAP" -t "$D" -o beginning -e -f '%T %p %k\n'
	assert_success
	assert_equal "${#lines[@]}" 30
	local ts p k
	while read -r ts p k; do
		((ts > now)) || fail "$k kept the source's timestamp $ts"
		assert_equal "$p" "$(ktk-producer -t x -K : --partition-count 2 --dry-run <<<"$k:" | cut -f2)"
	done <<<"$output"
}

@test "kcat's -o s@TS and -o e@TS on real timestamps" {
	need_kafka
	local T t1
	T=$(unique_topic stamps)
	ktk-topics -b "$BOOTSTRAP" --create -t "$T" --partitions 1 >/dev/null
	printf '{"key":null,"value":"old","timestamp":1000}\n{"key":null,"value":"mid","timestamp":2000}\n{"key":null,"value":"new","timestamp":3000}\n' |
		ktk-producer -b "$BOOTSTRAP" -t "$T" --input-format json
	run --separate-stderr ktk-consumer -b "$BOOTSTRAP" -t "$T" -o s@2000 -e
	assert_success
	assert_output "$(printf 'mid\nnew')"
	run --separate-stderr ktk-consumer -b "$BOOTSTRAP" -t "$T" -o beginning -o e@3000 -e
	assert_success
	assert_output "$(printf 'old\nmid')"
	run --separate-stderr ktk-consumer -b "$BOOTSTRAP" -t "$T" -o s@1500 -o e@2500 -e -v
	assert_success
	assert_output mid
	assert_regex "$stderr" "\[0\]: starts at offset 1 \(the first at or after 1500 ms\)"
}

@test "--timeout-ms does not count the group join: a join held up by a member gone without leaving still prints the records (-v says joining, assigned, each start offset)" {
	need_kafka
	local T E G=g-idle-$$-$RANDOM pid
	T=$(unique_topic idle)
	E=$(unique_topic idle-other)
	ktk-topics -b "$BOOTSTRAP" --create -t "$T" --partitions 2 >/dev/null
	ktk-topics -b "$BOOTSTRAP" --create -t "$E" --partitions 1 >/dev/null
	printf 'a\nb\n' | ktk-producer -b "$BOOTSTRAP" -t "$T" -p 0
	printf 'c\n' | ktk-producer -b "$BOOTSTRAP" -t "$T" -p 1
	# a member of the group (on another topic) that dies without leaving:
	# the next join waits for its 6 s session to expire
	ktk-consumer -b "$BOOTSTRAP" -g "$G" -t "$E" -X session.timeout.ms=6000 \
		--partition-assignment-strategy range -v >/dev/null 2>"$BATS_TEST_TMPDIR/first.err" &
	pid=$!
	wait_for 30 grep -q 'assigned 1 partition' "$BATS_TEST_TMPDIR/first.err"
	kill -9 "$pid"
	wait "$pid" || true
	local start=$SECONDS
	run --separate-stderr ktk-consumer -b "$BOOTSTRAP" -g "$G" -t "$T" --from-beginning \
		--timeout-ms 1000 --partition-assignment-strategy range -v
	assert_success
	assert_equal "$(sort <<<"$output" | tr -d '\n')" abc
	# the join took the stale member's session: longer than the timeout
	((SECONDS - start >= 2)) || fail "the join took $((SECONDS - start)) s: no stale member held it"
	assert_regex "$stderr" "joining group $G: waiting for the group to assign partitions \(a rebalance\)"
	assert_regex "$stderr" "assigned 2 partitions:"
	assert_regex "$stderr" "$T \[0\]: no committed offset: starts at the beginning \(auto.offset.reset\)"
	assert_regex "$stderr" "$T \[1\]: no committed offset: starts at the beginning \(auto.offset.reset\)"
	assert_regex "$stderr" "no record for 1000 ms"
	# the next member starts where the group committed: -v says where
	printf 'd\n' | ktk-producer -b "$BOOTSTRAP" -t "$T" -p 1
	run --separate-stderr ktk-consumer -b "$BOOTSTRAP" -g "$G" -t "$T" -e \
		--partition-assignment-strategy range -v
	assert_success
	assert_output d
	assert_regex "$stderr" "$T \[0\]: starts at offset 2 \(the group's committed offset\)"
	assert_regex "$stderr" "$T \[1\]: starts at offset 1 \(the group's committed offset\)"
}

@test "| head ends with 0 in ktk-groups and ktk-topics against a real cluster (ktk-topics died of SIGPIPE, 141)" {
	need_kafka
	local T G=g-head-$$-$RANDOM cmd
	T=$(unique_topic head)
	ktk-topics -b "$BOOTSTRAP" --create -t "$T" --partitions 3 >/dev/null
	# a group with a committed offset, once the topic has its leaders
	wait_for 30 ktk-groups -b "$BOOTSTRAP" -q --reset-offsets -g "$G" --topic "$T" --to-earliest --execute
	for cmd in "ktk-topics -b $BOOTSTRAP --list" "ktk-topics -b $BOOTSTRAP --describe" \
		"ktk-groups -b $BOOTSTRAP --list" "ktk-groups -b $BOOTSTRAP --describe --all-groups"; do
		run --separate-stderr bash -c "set -o pipefail; $cmd 2>/dev/null | head -c0"
		[ "$status" -eq 0 ] || fail "$cmd | head: exit $status"
	done
}
