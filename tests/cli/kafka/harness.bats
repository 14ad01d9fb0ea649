#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# Tests of the real-Kafka harness in tests/kafka/: a broker comes up in
# setup_file (or the one tests/run exported as KTK_TEST_BOOTSTRAP is used),
# Kafka's Java tools run through kafka-tool against it, and kcat sees what
# they did.

bats_require_minimum_version 1.5.0
# tests/cli/helpers.bash, also when this file is moved to tests/cli/kafka/
load "${BATS_TEST_DIRNAME%/kafka}/helpers"
load "$KTK_TOP/tests/kafka/helpers"

setup_file() {
	kafka_setup_file
}

teardown_file() {
	kafka_teardown_file
}

# partition_count TOPIC: how many partitions kcat's metadata shows.
partition_count() {
	kcat -L -b "$KAFKA_BOOTSTRAP" -t "$1" -m 5 -J | jq -e --arg t "$1" \
		'.topics[] | select(.topic == $t and .error == null) | .partitions | length'
}

@test "kafka-tool runs a tool with nothing but its output on stdout, no cluster needed" {
	run --separate-stderr kafka_tool org.apache.kafka.tools.TopicCommand --version
	assert_success
	assert_output "4.3.1"
}

@test "kafka-tool without a class is a usage error" {
	run kafka_tool
	assert_failure 2
	assert_output --partial "usage: kafka-tool CLASS"
}

@test "the bootstrap address is loopback host:port and the broker answers there" {
	[[ $KAFKA_BOOTSTRAP =~ ^127\.0\.0\.1:[0-9]+(,127\.0\.0\.1:[0-9]+)*$ ]]
	run kcat -L -b "$KAFKA_BOOTSTRAP" -m 5 -J
	assert_success
	run jq -r '.brokers[].name' <<<"$output"
	assert_output "${KAFKA_BOOTSTRAP//,/$'\n'}"
}

@test "TopicCommand through kafka-tool creates a topic that kcat sees with 3 partitions" {
	topic=$(unique_topic harness)
	run kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--create --topic "$topic" --partitions 3 --replication-factor 1
	assert_success
	assert_output --partial "Created topic $topic."

	wait_for 15 partition_count "$topic"
	run partition_count "$topic"
	assert_success
	assert_output 3

	run bash -c "kcat -L -b '$KAFKA_BOOTSTRAP' -t '$topic' -J | jq -c '[.topics[0].partitions[].partition] | sort'"
	assert_output "[0,1,2]"
}

@test "ConsoleProducer and ConsoleConsumer through kafka-tool round-trip keyed records" {
	topic=$(unique_topic roundtrip)
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--create --topic "$topic" --partitions 1 --replication-factor 1 >/dev/null
	printf 'k1\tv1\nk2\tv2\n' | kafka_tool org.apache.kafka.tools.ConsoleProducer \
		--bootstrap-server "$KAFKA_BOOTSTRAP" --topic "$topic" \
		--reader-property parse.key=true
	run --separate-stderr kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer \
		--bootstrap-server "$KAFKA_BOOTSTRAP" --topic "$topic" --from-beginning \
		--max-messages 2 --timeout-ms 30000 \
		--formatter-property print.key=true --formatter-property key.separator=:
	assert_success
	assert_output $'k1:v1\nk2:v2'

	# kcat reads what the Java producer wrote.
	run kcat -C -b "$KAFKA_BOOTSTRAP" -t "$topic" -o beginning -c 2 -e -f '%k=%s\n'
	assert_success
	assert_output $'k1=v1\nk2=v2'
}

@test "DumpLogSegments through kafka-tool decodes the broker's segment offline" {
	topic=$(unique_topic dump)
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--create --topic "$topic" --partitions 1 --replication-factor 1 >/dev/null
	printf 'hello\n' | kcat -P -b "$KAFKA_BOOTSTRAP" -t "$topic" -p 0
	segs=("$KTK_TOP"/build/kafka/cluster*/node-*/data/"$topic"-0/00000000000000000000.log)
	[[ -f ${segs[0]} ]] || skip "the cluster at $KAFKA_BOOTSTRAP keeps its data outside this work tree"
	wait_for 15 test -s "${segs[0]}"
	run --separate-stderr kafka_tool org.apache.kafka.tools.DumpLogSegments \
		--files "${segs[0]}" --print-data-log
	assert_success
	assert_line --index 0 "Dumping ${segs[0]}"
	assert_line --partial "count: 1 "
	assert_line --regexp '^\| offset: 0 .* payload: hello$'
}
