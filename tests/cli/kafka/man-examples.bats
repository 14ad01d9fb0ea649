#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# The EXAMPLES of the man pages that need a broker, run against the real
# Kafka of tests/run kafka: localhost:9092 in them becomes its address
# (build-aux/man-examples; the convention is in man/README.md).

load ../helpers

@test "kafka EXAMPLES of the man pages run against the real Kafka" {
	need_kafka
	run "$KTK_TOP/build-aux/man-examples" run kafka "$KTK_TOP"/man/*.[1-8]
	echo "$output"
	assert_success
	refute_line --regexp '^FAIL '
	assert_line --regexp '^[0-9]+ examples run, 0 failed, [0-9]+ skipped$'
}
