#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-topics against one real Kafka broker: every action, parity of
# --describe with Kafka's TopicCommand, JSON, broker refusals (exit 1).
load ../helpers

setup() {
	need_kafka
}

kt() { ktk-topics -b "$BOOTSTRAP" "$@"; }

# Kafka's TopicCommand --describe, with TopicId dropped when our build
# cannot see topic ids (see DIFFERENCES in ktk-topics(1))
kafka_describe() {
	local out
	out=$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --describe "$@" 2>/dev/null) || return 1
	if ktk-topics --version | grep -q '^librdkafka 2\.[0-2]\.'; then
		printf '%s\n' "$out" | sed 's/\tTopicId: [^\t]*//'
	else
		printf '%s\n' "$out"
	fi
}

@test "topics: create prints Kafka's line, and the topic is ready at once" {
	t=$(unique_topic create)
	run kt --create -t "$t" --partitions 3 --replication-factor 1
	assert_success
	assert_output "Created topic $t."
	# visible to a fresh client immediately, with leaders for every partition
	run kt --describe -t "$t"
	assert_success
	assert_line --index 0 --regexp "^Topic: $t	.*PartitionCount: 3	ReplicationFactor: 1	Configs: "
	[ "$(grep -c "	Leader: 1	" <<<"$output")" -eq 3 ]
	run kt --list
	assert_line "$t"
}

@test "topics: --describe matches TopicCommand line by line" {
	a=$(unique_topic dA)
	b=$(unique_topic dB)
	kt --create -t "$a" --partitions 3 --config retention.ms=123456 --config cleanup.policy=compact >/dev/null
	kt --create -t "$b" --replica-assignment 1,1 >/dev/null
	kafka_describe --topic "$a" >"$BATS_TEST_TMPDIR/kafka.a"
	kafka_describe --topic "$b" >"$BATS_TEST_TMPDIR/kafka.b"
	kt --describe -t "$a" >"$BATS_TEST_TMPDIR/ktk.a"
	kt --describe -t "$b" >"$BATS_TEST_TMPDIR/ktk.b"
	run diff "$BATS_TEST_TMPDIR/kafka.a" "$BATS_TEST_TMPDIR/ktk.a"
	assert_success
	run diff "$BATS_TEST_TMPDIR/kafka.b" "$BATS_TEST_TMPDIR/ktk.b"
	assert_success
	run cat "$BATS_TEST_TMPDIR/ktk.a"
	assert_line --index 0 --partial "retention.ms=123456"
	assert_line --index 0 --partial "cleanup.policy=compact"
	assert_line --index 1 "	Topic: $a	Partition: 0	Leader: 1	Replicas: 1	Isr: 1	Elr: 	LastKnownElr: "
	[ "${#lines[@]}" -eq 4 ]
	# both topics through one regular expression, sorted by name
	run kt --describe -t "${a%-*}.*|${b}"
	assert_success
	[ "$(grep -c '^Topic: ' <<<"$output")" -eq 2 ]
	# --topics-with-overrides: topic lines only, as TopicCommand
	kafka_describe --topic "$a" --topics-with-overrides >"$BATS_TEST_TMPDIR/kafka.o"
	kt --describe -t "$a" --topics-with-overrides >"$BATS_TEST_TMPDIR/ktk.o"
	run diff "$BATS_TEST_TMPDIR/kafka.o" "$BATS_TEST_TMPDIR/ktk.o"
	assert_success
}

@test "topics: --topic follows TopicFilter: comma lists and full-match regexes" {
	p=$(unique_topic flt)
	kt --create -t "$p-x,$p-y,$p-xy" >/dev/null
	run kt --list -t "$p-x, $p-y"
	assert_success
	assert_output "$(printf '%s\n' "$p-x" "$p-y")"
	run kt --list -t "$p-x.*"
	assert_output "$(printf '%s\n' "$p-x" "$p-xy")"
	run kt --list -t "$p"
	assert_output ""
}

@test "topics: --list is sorted; --exclude-internal leaves out __ topics" {
	run kt --list
	assert_success
	[ "$output" = "$(sort <<<"$output")" ]
	run kt --list --exclude-internal
	refute_line --regexp '^__(consumer_offsets|transaction_state|share_group_state)$'
}

@test "topics: -J on list, describe, create, delete and alter, checked with jq" {
	t=$(unique_topic json)
	run kt --create -t "$t" --partitions 2 --config retention.ms=99000 -J
	assert_success
	[ "$(jq -r '.action + " " + .topics[0].name + " " + .topics[0].status' <<<"$output")" = "create $t created" ]
	[ "$(jq -r '.dry_run' <<<"$output")" = false ]
	run kt --list -J
	jq -e --arg t "$t" '.topics | index($t) != null' <<<"$output"
	run kt --describe -t "$t" -J --offsets
	assert_success
	jq -e --arg t "$t" '.topics | length == 1 and .[0].name == $t and .[0].partition_count == 2
		and .[0].replication_factor == 1 and .[0].configs["retention.ms"] == "99000"
		and (.[0].partitions | map(.partition)) == [0,1]
		and (.[0].partitions[0] | .leader == 1 and .replicas == [1] and .isr == [1]
			and .elr == [] and .offsets == {"low":0,"high":0,"records":0})' <<<"$output"
	run kt --alter -t "$t" --partitions 3 -J
	jq -e '.action == "alter" and .topics[0].status == "altered" and .topics[0].error == null' <<<"$output"
	run kt --delete -t "$t" -J
	assert_success
	jq -e '.action == "delete" and .topics[0].status == "deleted"' <<<"$output"
	run kt --create -t "$t" --replication-factor 9 -J
	assert_failure 1
	jq -e '.topics[0].status == "failed" and (.topics[0].error | test("replication factor"))' <<<"${lines[-1]}"
}

@test "topics: --offsets shows watermarks and record counts" {
	t=$(unique_topic off)
	kt --create -t "$t" --partitions 1 >/dev/null
	printf 'a\nb\nc\n' | kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$BOOTSTRAP" --topic "$t" 2>/dev/null
	run kt --describe -t "$t" --offsets
	assert_success
	assert_line --index 1 --partial "	LowWatermark: 0	HighWatermark: 3	Records: 3"
}

@test "topics: --delete waits until the topic is gone; --if-exists" {
	t=$(unique_topic del)
	kt --create -t "$t" >/dev/null
	run kt --delete -t "$t"
	assert_success
	assert_output ""
	run kt --list -t "$t"
	assert_output ""
	run kt --delete -t "$t"
	assert_failure 1
	assert_output "ktk-topics: Topic '$t' does not exist as expected"
	run kt --delete -t "$t" --if-exists
	assert_success
	run kt --describe -t "$t"
	assert_failure 1
	run kt --describe -t "$t" --if-exists
	assert_success
	assert_output ""
}

@test "topics: --if-not-exists, duplicates and --dry-run" {
	t=$(unique_topic dup)
	kt --create -t "$t" >/dev/null
	run kt --create -t "$t"
	assert_failure 1
	assert_output "ktk-topics: $t: Topic '$t' already exists."
	run kt --create -t "$t" --if-not-exists
	assert_success
	n=$(unique_topic dry)
	run kt --create -t "$n" --dry-run --partitions 4
	assert_success
	assert_output "Topic $n is valid (dry run, not created)."
	run kt --list -t "$n"
	assert_output ""
	run kt --alter -t "$t" --partitions 5 --dry-run
	assert_success
	run kt --describe -t "$t" -J
	jq -e '.topics[0].partition_count == 1' <<<"$output"
}

@test "topics: the broker refuses: exit 1 with its reason in one line" {
	t=$(unique_topic ref)
	run kt --create -t "$t" --replication-factor 3
	assert_failure 1
	assert_output --regexp "^ktk-topics: $t: .*replication factor of 3 cannot be reached"
	[ "${#lines[@]}" -eq 1 ]
	run kt --create -t "$t" --config no.such.config=1
	assert_failure 1
	assert_output "ktk-topics: $t: Unknown topic config name: no.such.config"
	run kt --create -t "$t" --config retention.ms=abc
	assert_failure 1
	assert_output --partial "Invalid value abc for configuration retention.ms"
	kt --create -t "$t" --partitions 2 >/dev/null
	run kt --alter -t "$t" --partitions 1
	assert_failure 1
	assert_output --partial "would not be an increase"
	run kt --delete -t __consumer_offsets
	[ "$status" -eq 1 ]
}

@test "topics: --alter --partitions, --replica-assignment for new partitions" {
	t=$(unique_topic alt)
	kt --create -t "$t" --partitions 1 >/dev/null
	run kt --alter -t "$t" --partitions 3 --replica-assignment 1,1,1
	assert_success
	run kt --describe -t "$t" -J
	jq -e '.topics[0].partition_count == 3 and ([.topics[0].partitions[].leader] == [1,1,1])' <<<"$output"
}

@test "topics: --alter --config and --delete-config keep the other overrides" {
	t=$(unique_topic cfg)
	kt --create -t "$t" --config retention.ms=1000000 --config segment.ms=3600000 >/dev/null
	run kt --alter -t "$t" --config max.message.bytes=200000
	assert_success
	run kt --describe -t "$t" -J
	jq -e '.topics[0].configs | .["retention.ms"] == "1000000" and .["segment.ms"] == "3600000" and .["max.message.bytes"] == "200000"' <<<"$output"
	run kt --alter -t "$t" --delete-config retention.ms --config segment.ms=7200000
	assert_success
	run kt --describe -t "$t" -J
	jq -e '.topics[0].configs | has("retention.ms") == false and .["segment.ms"] == "7200000" and .["max.message.bytes"] == "200000"' <<<"$output"
	run kt --alter -t "$t" --config no.such=1
	assert_failure 1
	assert_output --partial "Unknown topic config name: no.such"
	run kt --alter -t "$t" --config retention.ms=1 --dry-run
	assert_success
	run kt --describe -t "$t" -J
	jq -e '.topics[0].configs | has("retention.ms") == false' <<<"$output"
}

@test "topics: --topic-id" {
	t=$(unique_topic tid)
	kt --create -t "$t" >/dev/null
	id=$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --describe --topic "$t" 2>/dev/null | sed -n 's/.*TopicId: \([^\t]*\).*/\1/p')
	[ -n "$id" ]
	run kt --describe --topic-id "$id"
	if ktk-topics --version | grep -q '^librdkafka 2\.[0-2]\.'; then
		assert_failure 64
		assert_output --partial "--topic-id needs librdkafka 2.3"
	else
		assert_success
		assert_line --index 0 --partial "Topic: $t	TopicId: $id	"
	fi
}

@test "topics: create several topics in one call" {
	p=$(unique_topic many)
	run kt --create -t "$p-1,$p-2" -t "$p-3" --partitions 2
	assert_success
	assert_output "$(printf 'Created topic %s.\n' "$p-1" "$p-2" "$p-3")"
	run kt --list -t "$p-.*"
	[ "${#lines[@]}" -eq 3 ]
}

@test "topics: --brokers lists the brokers as kcat -L does, the controller marked" {
	run --separate-stderr kt --brokers
	assert_success
	assert_output --regexp '^broker 1 at 127\.0\.0\.1:[0-9]+ \(controller\)$'
	# the same brokers, addresses and controller as kcat -L
	local want
	want=$(kcat -b "$BOOTSTRAP" -L -m 10 | sed -n 's/^  \(broker [0-9]* at [^ ]*\( (controller)\)\{0,1\}\)$/\1/p' | sort)
	assert_equal "$(sort <<<"$output")" "$want"
	run --separate-stderr kt --brokers -J
	assert_success
	assert_equal "$(jq -c '[.controller_id, (.brokers | map([.id, .host, .controller]))]' <<<"$output")" '[1,[[1,"127.0.0.1",true]]]'
	[[ $(jq -r .cluster_id <<<"$output") =~ ^[A-Za-z0-9_-]{22}$ ]] || fail "cluster_id in $output"
}

@test "topics: -Q TOPIC:PARTITION:TIME finds the first offset at or after a time, as kcat -Q" {
	t=$(unique_topic q)
	kt --create -t "$t" --partitions 2 >/dev/null
	printf '{"partition":0,"timestamp":%d,"key":null,"value":"v"}\n' 1000 2000 3000 |
		ktk-producer -b "$BOOTSTRAP" -t "$t" --input-format json
	run --separate-stderr kt -Q -t "$t:0:1500" -t "$t:0:2000" -t "$t:0:3001" -t "$t:0:1970-01-01T00:00:02.5Z"
	assert_success
	assert_output "$(printf '%s [0] offset %s\n' "$t" 1 "$t" 1 "$t" -1 "$t" 2)"
	# kcat -Q prints the same line for the same question
	assert_line --index 0 "$(kcat -b "$BOOTSTRAP" -Q -t "$t:0:1500")"
	# no partition: all of them; -1 the end, -2 the beginning
	run --separate-stderr kt -Q -t "$t:-1,$t:1:-2"
	assert_success
	assert_output "$(printf '%s [%s] offset %s\n' "$t" 0 3 "$t" 1 0 "$t" 1 0)"
	run --separate-stderr kt -Q -t "$t:0:2500" -J
	assert_success
	assert_equal "$output" '{"offsets":[{"topic":"'"$t"'","partition":0,"time":2500,"offset":2}]}'
	run --separate-stderr kt -Q -t "$t:1:1500" -J
	assert_equal "$(jq -c '.offsets[0].offset' <<<"$output")" null
	# what does not exist is an error, exit 1, before anything is printed
	run --separate-stderr kt -Q -t "$t:0:1000" -t "$t:2:1000"
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ktk-topics: topic $t has no partition 2 (it has 2)"
	run --separate-stderr kt -Q -t "nosuch-$t:0:1000"
	assert_failure 1
	assert_equal "$stderr" "ktk-topics: Topic 'nosuch-$t' does not exist as expected"
}

@test "topics: -J failures print the status/error object too" {
	t=$(unique_topic jf)
	run --separate-stderr kt --delete -t "$t" -J
	assert_failure 1
	assert_equal "$stderr" "ktk-topics: Topic '$t' does not exist as expected"
	assert_equal "$(jq -c '[.action, .topics[0].name, .topics[0].status, .topics[0].error]' <<<"$output")" '["delete","'"$t"'","not_found","Topic '"'$t'"' does not exist as expected"]'
	# a config the broker refuses: the per-topic reason
	kt --create -t "$t" >/dev/null
	run --separate-stderr kt --alter -t "$t" --config no.such.config=1 -J
	assert_failure 1
	assert_equal "$(jq -c '[.action, .topics[0].name, .topics[0].status]' <<<"$output")" '["alter","'"$t"'","failed"]'
	[ "$(jq -r '.topics[0].error' <<<"$output")" != null ] || fail "$output"
	# an internal topic is refused before any request (a group's first
	# commit creates __consumer_offsets on a fresh broker)
	timeout 60 ktk-consumer -b "$BOOTSTRAP" -g "g-$t" -t "$t" -o beginning -e >/dev/null
	run --separate-stderr kt --delete -t __consumer_offsets -J
	assert_failure 1
	assert_equal "$stderr" "ktk-topics: Topic __consumer_offsets is a kafka internal topic and is not allowed to be marked for deletion."
	assert_equal "$(jq -c '[.topics[0].name, .topics[0].status]' <<<"$output")" '["__consumer_offsets","failed"]'
}
