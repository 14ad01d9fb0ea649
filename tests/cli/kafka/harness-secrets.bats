#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# The test harness keeps its SASL password to itself: `kafka-up --sasl-ssl`
# (a cluster of its own, KTK_KAFKA_CLUSTER=harness-secrets) writes it only
# into files of mode 0600 and puts it on no command line, the storage
# tool's included (a java on PATH before the real one records every
# command line kafka-up runs).
load ../helpers

setup_file() {
	[ -n "${KTK_TEST_BOOTSTRAP:-}" ] || return 0
	local real
	real=$(command -v java)
	mkdir -p "$BATS_FILE_TMPDIR/bin"
	cat >"$BATS_FILE_TMPDIR/bin/java" <<EOF
#!/bin/sh
printf '%s\n' "\$*" >>"$BATS_FILE_TMPDIR/java-argv"
exec "$real" "\$@"
EOF
	chmod +x "$BATS_FILE_TMPDIR/bin/java"
	export KTK_KAFKA_CLUSTER=harness-secrets
	PATH=$BATS_FILE_TMPDIR/bin:$PATH "$KTK_TOP/tests/kafka/kafka-up" --sasl-ssl >/dev/null
	CD=$KTK_TOP/build/kafka/cluster-harness-secrets
	PW=$(<"$CD/sasl_ssl/password")
	export CD PW
}

teardown_file() {
	[ -n "${KTK_TEST_BOOTSTRAP:-}" ] || return 0
	KTK_KAFKA_CLUSTER=harness-secrets "$KTK_TOP/tests/kafka/kafka-down" >/dev/null 2>&1 || true
}

setup() {
	[ -n "${KTK_TEST_BOOTSTRAP:-}" ] || skip "needs tests/run kafka (a real Kafka)"
	[ -n "${PW:-}" ] || fail "kafka-up --sasl-ssl wrote no password"
}

@test "kafka-up --sasl-ssl: the password is in no file that others can read" {
	local f modes
	# the files that hold it: the nodes' configs and the client settings
	run grep -rl -- "$PW" "$CD"
	assert_success
	assert_line "$CD/node-1/server.properties"
	assert_line "$CD/sasl_ssl/password"
	assert_line "$CD/sasl_ssl/client.properties"
	modes=$(for f in "${lines[@]}"; do stat -c '%a %n' "$f"; done)
	run grep -v '^600 ' <<<"$modes"
	assert_output ""
	# the storage tool's @-file is gone once the storage is formatted
	run find "$CD" -name '*.args'
	assert_output ""
}

@test "kafka-up --sasl-ssl: the password is on no command line (storage tool, broker)" {
	local pid
	[ -s "$BATS_FILE_TMPDIR/java-argv" ] || fail "the java wrapper saw no command"
	# the storage tool ran from its @-file
	run cat "$BATS_FILE_TMPDIR/java-argv"
	assert_line --regexp '^@/.*/node-1/format\.args$'
	run grep -F -- "$PW" "$BATS_FILE_TMPDIR/java-argv"
	assert_failure
	pid=$(<"$CD/node-1/pid")
	run grep -F -- "$PW" "/proc/$pid/cmdline"
	assert_failure
	run grep -F -- "$CD/node-1/server.properties" "/proc/$pid/cmdline"
	assert_success
}
