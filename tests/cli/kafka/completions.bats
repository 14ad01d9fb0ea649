#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# Topic names and group ids complete from the real cluster: the bash
# completion asks ktk-topics --list or ktk-groups --list, with the -b the
# command line has so far.

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

@test "bash: a group argument completes to the cluster's consumer groups" {
	need_kafka
	[ -x "$KTK_BIN_DIR/ktk-groups" ] || skip "ktk-groups is not built"
	local g t
	t=$(unique_topic complg)
	g=g-$t
	ktk-topics -b "$BOOTSTRAP" --create -t "$t" --partitions 1
	# a group with a committed offset (an Empty group ListGroups shows)
	ktk-groups -b "$BOOTSTRAP" -q --reset-offsets -g "$g" --topic "$t" --to-earliest --execute >/dev/null
	wait_for 30 sh -c "ktk-groups -b '$BOOTSTRAP' --list | grep -qx '$g'"
	run complete_bash ktk-groups -b "$BOOTSTRAP" --group "${g%-*}"
	assert_success
	assert_line "$g"
	run complete_bash ktk-consumer -b "$BOOTSTRAP" -g "${g%-*}"
	assert_line "$g"
	run complete_bash ktk-groups -b "$BOOTSTRAP" --group "no-such-prefix-$RANDOM"
	assert_output ""
}

@test "bash: the topic lookup connects as the line says: --bootstrap-server=ADDR, --command-config, -F with --cluster, -X" {
	need_kafka
	[ -x "$KTK_BIN_DIR/ktk-topics" ] || skip "ktk-topics is not built"
	local t
	t=$(unique_topic complc)
	ktk-topics -b "$BOOTSTRAP" --create -t "$t" --partitions 1
	wait_for 30 sh -c "ktk-topics -b '$BOOTSTRAP' --list | grep -qx '$t'"
	# no -b: the default localhost:9092 has no such topic (the old lookup
	# asked it whatever the line said)
	run complete_bash_line ktk-consumer "ktk-consumer --bootstrap-server=$BOOTSTRAP -t ${t%-*}"
	assert_success
	assert_line "$t"
	printf 'bootstrap.servers=%s\n' "$BOOTSTRAP" >"$BATS_TEST_TMPDIR/c.properties"
	run complete_bash_line ktk-producer "ktk-producer --command-config $BATS_TEST_TMPDIR/c.properties -t ${t%-*}"
	assert_line "$t"
	printf '[other]\nbootstrap.servers=127.0.0.1:1\n[test]\nbootstrap.servers=%s\n' "$BOOTSTRAP" >"$BATS_TEST_TMPDIR/ktk.conf"
	run complete_bash_line ktk-consumer "ktk-consumer -F $BATS_TEST_TMPDIR/ktk.conf --cluster test -t ${t%-*}"
	assert_line "$t"
	run complete_bash_line ktk-groups "ktk-groups -X bootstrap.servers=$BOOTSTRAP --describe --all-groups --topic ${t%-*}"
	assert_line "$t"
	# and the cluster the file names otherwise answers nothing
	run complete_bash_line ktk-consumer "ktk-consumer -F $BATS_TEST_TMPDIR/ktk.conf --cluster other -t ${t%-*}"
	assert_output ""
}
