#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-groups against three real brokers, one of them stopped: a group
# with offsets on a topic whose partitions (replication factor 1) lie one
# on each broker. Only the stopped broker's rows degrade ('-', null in
# -J), each says why in one line on stderr, the run exits 1 and is fast;
# when the stopped broker was the group's coordinator, the run is bounded
# by --timeout until the coordinator has moved, and then described as
# before by the new one.
bats_require_minimum_version 1.5.0
load ../helpers

setup() {
	need_kafka
	stopped=
}

teardown() {
	if [ -n "$stopped" ]; then
		"$KTK_TOP/tests/kafka/kafka-broker" start "$stopped"
	fi
}

kg() { ktk-groups -b "$BOOTSTRAP" "$@"; }

# coordinator GROUP: the node id of GROUP's coordinator
coordinator() {
	kg --describe --state -g "$1" -J 2>/dev/null | jq -e '.groups[0].coordinator.id | select(. > 0)'
}

# moved GROUP OLD: GROUP's coordinator is a node other than OLD
moved() {
	local c
	c=$(coordinator "$1") && [ "$c" != "$2" ]
}

# a topic with partition i on node i+1, 10 records in each, and a group
# with offset 4 on each (lag 6)
make_group() {
	t=$(unique_topic down)
	g=$t-g
	ktk-topics -b "$BOOTSTRAP" --create -t "$t" --replica-assignment 1,2,3 >/dev/null
	for p in 0 1 2; do
		seq 1 10 | ktk-producer -b "$BOOTSTRAP" -t "$t" -p "$p"
	done
	# a fresh cluster's coordinators may still be loading
	wait_for 30 kg --reset-offsets -g "$g" --topic "$t" --to-offset 4 --execute
}

# run_timed ARGS...: run ktk-groups ARGS, stderr apart; ms = the wall time
run_timed() {
	local s
	s=$(date +%s%N)
	run --separate-stderr kg "$@"
	ms=$((($(date +%s%N) - s) / 1000000))
}

# the rows of the offsets table: the stopped node's partition has no log
# end and no lag, the others theirs
assert_rows() {
	local p down=$1
	for p in 0 1 2; do
		if [ "$p" = "$down" ]; then
			assert_line --regexp "^$g +$t +$p +4 +- +- +- +- +-\$"
		else
			assert_line --regexp "^$g +$t +$p +4 +10 +6 +- +- +-\$"
		fi
	done
}

@test "groups: a stopped broker: only its partition's row degrades, one line on stderr, exit 1, fast" {
	make_group
	c=$(coordinator "$g")
	n=1
	[ "$n" != "$c" ] || n=2
	down=$((n - 1))
	"$KTK_TOP/tests/kafka/kafka-broker" stop "$n"
	stopped=$n
	# at once (the metadata may still name the stopped node as the
	# leader: it is not asked) and after the controller fenced it
	run_timed --describe -g "$g"
	assert_failure 1
	assert_rows "$down"
	echo "$stderr" | grep -Ex "ktk-groups: no log end offset for $t-$down: (no leader|its leader, broker $n \(127\.0\.0\.1:[0-9]+\), is not reachable)"
	[ "$(echo "$stderr" | grep -c 'no log end offset')" -eq 1 ]
	echo "took $ms ms" >&3
	[ "$ms" -lt 8000 ]
	run_timed --describe -g "$g" -J
	assert_failure 1
	jq -e --argjson p "$down" '.groups[0].offsets | length == 3 and
		all(if .partition == $p then .log_end_offset == null and .lag == null
		    else .log_end_offset == 10 and .lag == 6 end)' <<<"$output"
	[ "$ms" -lt 8000 ]
	run_timed --describe --all-groups
	assert_failure 1
	assert_rows "$down"
	[ "$ms" -lt 8000 ]
	# --members and --state ask no log end: all there
	run kg --describe --state -g "$g"
	assert_success
	assert_line --regexp "^$g +127\.0\.0\.1:[0-9]+  \($c\) +- +Empty +0\$"
	"$KTK_TOP/tests/kafka/kafka-broker" start "$n"
	stopped=
	run kg --describe -g "$g"
	assert_success
	assert_rows none
}

@test "groups: the coordinator's broker stops: bounded by --timeout while it moves, then the new one describes the group" {
	make_group
	c=$(coordinator "$g")
	down=$((c - 1))
	"$KTK_TOP/tests/kafka/kafka-broker" stop "$c"
	stopped=$c
	# the controller fences a broker about 9 s after it stopped; until the
	# group has a new coordinator, its offsets do not come
	run_timed --describe -g "$g" --timeout 1000
	echo "took $ms ms: $stderr" >&3
	assert_failure 1
	assert_equal "$stderr" "ktk-groups: group '$g': no committed offsets within 1000 ms: its coordinator did not answer (a broker down: it moves to another soon)"
	[ "$ms" -lt 6000 ]
	wait_for 60 moved "$g" "$c"
	run_timed --describe -g "$g"
	assert_failure 1
	assert_rows "$down"
	echo "$stderr" | grep -Ex "ktk-groups: no log end offset for $t-$down: (no leader|its leader, broker $c \(127\.0\.0\.1:[0-9]+\), is not reachable)"
	[ "$(echo "$stderr" | grep -c 'no log end offset')" -eq 1 ]
	[ "$ms" -lt 8000 ]
}
