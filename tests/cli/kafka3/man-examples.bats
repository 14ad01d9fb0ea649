#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# The EXAMPLES of the man pages that need three brokers, run against the three-broker
# Kafka of tests/run kafka3: localhost:9092 in them becomes its address
# (build-aux/man-examples; the convention is in man/README.md).

load ../helpers

@test "kafka3 EXAMPLES of the man pages run against three real brokers" {
	need_kafka
	run "$KTK_TOP/build-aux/man-examples" run kafka3 "$KTK_TOP"/man/*.[1-8]
	echo "$output"
	assert_success
	refute_line --regexp '^FAIL '
	assert_line --regexp '^[0-9]+ examples run, 0 failed, [0-9]+ skipped$'
}
