#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-topics against three real brokers: the partition report filters
# follow a broker going down and coming back.
load ../helpers

setup() {
	need_kafka
}

kt() { ktk-topics -b "$BOOTSTRAP" "$@"; }

# "TOPIC PARTITION" of each partition line the filter prints, sorted
parts() {
	kt --describe -t "$pat" "$@" | sed -n 's/^\tTopic: \([^\t]*\)\tPartition: \([0-9]*\)\t.*/\1 \2/p' | sort
}

# succeed when `parts FLAG` prints exactly $want
parts_are() {
	local want=$1
	shift
	[ "$(parts "$@")" = "$want" ]
}

@test "topics: report filters follow kafka-broker stop and start" {
	p=$(unique_topic fo)
	pat="$p-.*"
	kt --create -t "$p-a" --replica-assignment 1:2,2:3,3:1 --config min.insync.replicas=2 >/dev/null
	kt --create -t "$p-b" --replica-assignment 3 >/dev/null
	kt --create -t "$p-c" --replica-assignment 1:2 >/dev/null
	run kt --describe -t "$p-a"
	assert_line --index 0 --partial "PartitionCount: 3	ReplicationFactor: 2	Configs: min.insync.replicas=2"
	assert_line --index 1 --partial "Replicas: 1,2	Isr: 1,2	"
	# all healthy (ISR settles after creation)
	wait_for 30 parts_are "" --under-replicated-partitions
	run parts --unavailable-partitions
	assert_output ""
	# a: ISR 2 = its min.insync.replicas; b: ISR 1 = the brokers' 1
	run parts --at-min-isr-partitions
	assert_output "$(printf '%s\n' "$p-a 0" "$p-a 1" "$p-a 2" "$p-b 0")"

	"$KTK_TOP/tests/kafka/kafka-broker" stop 3
	# b's only replica is gone: no leader, and an ISR below its RF of 1
	wait_for 60 parts_are "$(printf '%s\n' "$p-a 1" "$p-a 2" "$p-b 0")" --under-replicated-partitions
	wait_for 30 parts_are "$p-b 0" --unavailable-partitions
	run parts --under-min-isr-partitions
	assert_output "$(printf '%s\n' "$p-a 1" "$p-a 2" "$p-b 0")"
	run kt --describe -t "$p-b" --unavailable-partitions
	assert_output --regexp "^	Topic: $p-b	Partition: 0	Leader: none	Replicas: 3	Isr: 3?	Elr: N/A	LastKnownElr: N/A\$"
	run kt --describe -t "$pat" --unavailable-partitions -J
	jq -e --arg t "$p-b" '.topics | length == 1 and .[0].name == $t and .[0].partitions[0].leader == null' <<<"$output"

	"$KTK_TOP/tests/kafka/kafka-broker" start 3
	wait_for 60 parts_are "" --under-replicated-partitions
	wait_for 30 parts_are "" --unavailable-partitions
	run parts --under-min-isr-partitions
	assert_output ""
}

@test "topics: replication factor 3 and --replica-assignment over three brokers" {
	t=$(unique_topic rf3)
	run kt --create -t "$t" --partitions 2 --replication-factor 3
	assert_success
	run kt --describe -t "$t" -J
	jq -e '.topics[0].replication_factor == 3 and (.topics[0].partitions | all(.replicas | length == 3))' <<<"$output"
	run kt --create -t "$t-x" --replication-factor 4
	assert_failure 1
}
