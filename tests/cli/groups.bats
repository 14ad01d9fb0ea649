#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-groups without a broker: bad command lines exit 64 with one line
# naming the flag; against librdkafka's mock cluster (ktk-mock), which has
# no ListGroups or DescribeGroups, offsets and lag with one line saying
# what is not shown, never an empty table.

load helpers

# usage ARGS...: exit 64, one line on stderr, nothing on stdout
usage() {
	run --separate-stderr ktk-groups -b 127.0.0.1:1 "$@"
	assert_equal "$status" 64
	assert_equal "$output" ""
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ] || fail "not one line: $stderr"
}

@test "groups: two actions, or none, exit 64 naming the actions" {
	usage --list --describe -g g
	assert_equal "$stderr" "ktk-groups: Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets, --validate-regex"
	usage -g g
	[[ $stderr == *"exactly one action"* ]]
}

@test "groups: options of another action, or a missing --group, exit 64 naming the flag" {
	usage --list --to-earliest
	assert_equal "$stderr" "ktk-groups: --to-earliest can't be used with --list"
	usage --describe
	assert_equal "$stderr" "ktk-groups: --describe takes one of these options: --all-groups, --group"
	usage --describe -g g --all-groups
	assert_equal "$stderr" "ktk-groups: --group can't be used with --all-groups"
	usage --describe -g g --members --state
	assert_equal "$stderr" "ktk-groups: --describe takes at most one of these options: --members, --offsets, --state"
	usage --describe -g g --state Stable
	assert_equal "$stderr" "ktk-groups: --describe does not take a value for --state"
	usage --delete-offsets -g a -g b -t t
	[[ $stderr == "ktk-groups: --delete-offsets takes the following options: --group"* ]]
	usage --describe -g g --type
	assert_equal "$stderr" "ktk-groups: --type can't be used with --describe"
}

@test "groups: --reset-offsets needs one spec, one scope, not --execute with --dry-run" {
	usage --reset-offsets -g g --all-topics
	[[ $stderr == "ktk-groups: --reset-offsets requires one of --to-offset,"* ]]
	usage --reset-offsets -g g --to-earliest
	assert_equal "$stderr" "ktk-groups: One of the reset scopes should be defined: --all-topics, --topic."
	usage --reset-offsets -g g --all-topics --to-earliest --to-latest
	assert_equal "$stderr" "ktk-groups: --to-earliest can't be used with --to-latest"
	usage --reset-offsets -g g --all-topics --to-earliest --execute --dry-run
	assert_equal "$stderr" "ktk-groups: --reset-offsets only accepts one of --execute and --dry-run"
	usage --reset-offsets -g g --all-topics --shift-by x
	assert_equal "$stderr" "ktk-groups: --shift-by: 'x' not a number"
	usage --reset-offsets -g g --all-topics --to-offset -1
	[[ $stderr == "ktk-groups: --to-offset: '-1'"* ]]
}

@test "groups: a bad date, duration, topic scope or state exits 64 naming the flag" {
	usage --reset-offsets -g g --all-topics --to-datetime 2024-01-01
	assert_equal "$stderr" "ktk-groups: --to-datetime: '2024-01-01': Error parsing timestamp. It does not contain a 'T' according to ISO8601 format"
	usage --reset-offsets -g g --all-topics --to-datetime 2024-01-01T00:00:00
	[[ $stderr == "ktk-groups: --to-datetime: '2024-01-01T00:00:00': not of the form"* ]]
	usage --reset-offsets -g g --all-topics --to-datetime @yesterday
	[[ $stderr == "ktk-groups: --to-datetime"* ]]
	usage --reset-offsets -g g --all-topics --by-duration 1h
	assert_equal "$stderr" "ktk-groups: --by-duration: '1h' is not an ISO-8601 duration (PnDTnHnMnS, e.g. PT1H30M)"
	usage --reset-offsets -g g --topic t:0:1 --to-earliest
	assert_equal "$stderr" "ktk-groups: --topic: Invalid topic arg 't:0:1', expected topic name and partitions"
	usage --reset-offsets -g g --topic t:a --to-earliest
	assert_equal "$stderr" "ktk-groups: --topic: Invalid partition 'a' specified in topic arg 't:a'"
	usage --list --state Nope
	[[ $stderr == "ktk-groups: --state: Invalid state list 'Nope'. Valid states are: PreparingRebalance, "* ]]
	usage --list --type Nope
	assert_equal "$stderr" "ktk-groups: --type: Invalid types list 'Nope'. Valid types are: Classic, Consumer"
	usage --describe -g g --time-lag --members
	assert_equal "$stderr" "ktk-groups: --time-lag can't be used with --members, --state, --summary or --watch"
	usage --describe -g g --time-lag --watch 5
	assert_equal "$stderr" "ktk-groups: --time-lag can't be used with --members, --state, --summary or --watch"
	usage --list --time-lag
	assert_equal "$stderr" "ktk-groups: --time-lag can't be used with --list"
}

@test "groups: --validate-regex says whether a regex is valid, with no broker" {
	run --separate-stderr ktk-groups -b 127.0.0.1:1 --validate-regex 'orders-.*'
	assert_success
	assert_output 'The regular expression `orders-.*` is valid.'
	run --separate-stderr ktk-groups -b 127.0.0.1:1 --validate-regex 'a(b'
	assert_equal "$status" 1
	[[ $output == 'The regular expression `a(b` is invalid: '*'.' ]]
}

@test "groups: no broker: exit 69 in one line" {
	run --separate-stderr ktk-groups -b 127.0.0.1:1 --list --timeout 3000
	assert_equal "$status" 69
	assert_equal "$output" ""
	[[ $stderr == "ktk-groups: "* ]]
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ]
}

start_mock() {
	: >"$BATS_TEST_TMPDIR/addr"
	ktk-mock "$@" >"$BATS_TEST_TMPDIR/addr" 2>"$BATS_TEST_TMPDIR/err" &
	MOCK_PID=$!
	wait_for 20 test -s "$BATS_TEST_TMPDIR/addr"
	ADDR=$(head -n 1 "$BATS_TEST_TMPDIR/addr")
}

teardown() {
	if [ -n "${MOCK_PID:-}" ]; then
		kill "$MOCK_PID" 2>/dev/null || true
		wait "$MOCK_PID" 2>/dev/null || true
	fi
}

# a group "mg" with committed offsets 3 of 5 records on partition 0 of "t"
mock_group() {
	start_mock --topic t:1
	printf 'a\nb\nc\n' | ktk-producer -b "$ADDR" -t t
	timeout 30 ktk-consumer -b "$ADDR" -t t -g mg --from-beginning -e >/dev/null
	printf 'd\ne\n' | ktk-producer -b "$ADDR" -t t
}

@test "groups on the mock: --describe shows offsets and lag, says in one line what it cannot" {
	mock_group
	run --separate-stderr timeout 30 ktk-groups -b "$ADDR" --describe -g mg
	echo "$stderr"
	assert_equal "$status" 1
	[[ $output == $'\nGROUP '* ]] || fail "no empty line first: $output"
	assert_line --index 0 --regexp '^GROUP +TOPIC +PARTITION +CURRENT-OFFSET +LOG-END-OFFSET +LAG +CONSUMER-ID +HOST +CLIENT-ID$'
	assert_line --index 1 --regexp '^mg +t +0 +3 +5 +2 +- +- +-$'
	[[ $stderr == "ktk-groups: members and states not shown: the cluster cannot describe groups ("*")" ]]
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ]
	run --separate-stderr timeout 30 ktk-groups -b "$ADDR" --describe -g mg -J
	assert_equal "$(jq -c '.groups[0] | [.state, .total_lag, .offsets[0].current_offset]' <<<"$output")" '["Unknown",2,3]'
}

@test "groups on the mock: --reset-offsets plans groups as inactive and says so; a new group's offsets are set, the mock refuses a group that had members" {
	mock_group
	run --separate-stderr timeout 30 ktk-groups -b "$ADDR" --reset-offsets -g fresh --topic t --to-offset 1 --execute
	assert_success
	assert_line --regexp '^fresh +t +0 +1$'
	[[ $stderr == "ktk-groups: the cluster cannot tell whether the groups are active ("*"): planned as inactive ones; a member still running would commit over the new offsets" ]] || fail "$stderr"
	run --separate-stderr timeout 30 ktk-groups -b "$ADDR" --describe -g fresh
	assert_line --regexp '^fresh +t +0 +1 +5 +4 +- +- +-$'
	# a dry run of the group that had a member: the plan; --execute: the
	# mock's refusal, one line, exit 1
	run --separate-stderr timeout 30 ktk-groups -b "$ADDR" --reset-offsets -g mg --all-topics --to-earliest
	assert_success
	assert_line --regexp '^mg +t +0 +0$'
	run --separate-stderr timeout 30 ktk-groups -b "$ADDR" --reset-offsets -g mg --all-topics --to-earliest --execute
	assert_failure 1
	[[ $stderr == *"ktk-groups: could not commit t-0: Broker: Unknown member"* ]] || fail "$stderr"
}

@test "groups on the mock: --list fails in one line, never an empty table" {
	start_mock
	run --separate-stderr timeout 30 ktk-groups -b "$ADDR" --list --state
	assert_failure
	assert_equal "$output" ""
	[[ $stderr == "ktk-groups: the cluster cannot list groups ("* ]]
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ]
}

@test "groups on the mock: --watch piped writes one JSON line per round" {
	mock_group
	run --separate-stderr bash -c "timeout 30 ktk-groups -b '$ADDR' --describe -g mg --watch 1 | head -n 2"
	assert_equal "${#lines[@]}" 2
	assert_equal "$(jq -c '[.group, .total_lag]' <<<"${lines[1]}")" '["mg",2]'
	assert_equal "$(jq -c '.lag_delta' <<<"${lines[1]}")" 0
}

@test "groups on the mock: --watch on a terminal redraws the table with per-partition deltas" {
	command -v script >/dev/null || skip "script(1) is not installed"
	mock_group
	run script -qec "timeout 3 ktk-groups -b '$ADDR' --describe -g mg --watch 1 2>/dev/null" /dev/null
	[ "$(grep -c $'\033\\[H\033\\[2J' <<<"$output")" -ge 2 ] || fail "no redraws: $output"
	output=$(tr -d '\r' <<<"$output")
	mapfile -t lines <<<"$output"
	assert_line --regexp '^GROUP +TOPIC +PARTITION +CURRENT-OFFSET +LOG-END-OFFSET +LAG +LAG-DELTA +RATE$'
	assert_line --regexp '^mg +t +0 +3 +5 +2 +- +-$'
	assert_line --regexp '^mg +t +0 +3 +5 +2 +\+0 +0\.0$'
	assert_line 'mg: TOTAL-LAG 2 (+0, 0.0 records/s)'
}
