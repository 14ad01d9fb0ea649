#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# Topic names complete from the real cluster: the bash completion asks
# ktk-topics --list, with the -b the command line has so far.

load ../helpers
load ../completion-helpers

@test "bash: a topic argument completes to the cluster's topics" {
	need_kafka
	[ -x "$KTK_BIN_DIR/ktk-topics" ] || skip "ktk-topics is not built"
	local n="" b
	for b in "$KTK_BIN_DIR"/ktk-*; do
		b=$(basename "$b")
		grep -q 'compgen -W "$(_ktk_topic_names)"' "$(comp_file bash "$b")" && n=$b && break
	done
	[ -n "$n" ] || skip "no binary built here takes a topic argument"
	local t
	t=$(unique_topic compl)
	ktk-topics -b "$BOOTSTRAP" --create -t "$t" --partitions 1
	wait_for 30 sh -c "ktk-topics -b '$BOOTSTRAP' --list | grep -qx '$t'"
	local opt
	opt=$(grep -B1 'compgen -W "$(_ktk_topic_names)"' "$(comp_file bash "$n")" | head -n 1 | sed 's/.*\(--[a-z-]*\)).*/\1/')
	run complete_bash "$n" -b "$BOOTSTRAP" "$opt" "${t%-*}"
	assert_success
	assert_line "$t"
	# a prefix no topic has: nothing
	run complete_bash "$n" -b "$BOOTSTRAP" "$opt" "no-such-prefix-$RANDOM"
	assert_output ""
}
