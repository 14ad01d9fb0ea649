#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# The foundation end to end on a real Kafka: a topic created by Kafka's own
# TopicCommand (through tests/kafka/kafka-tool) is read back through lib/
# (settings, client, meta) and librdkafka by the meta-json test tool.

load ../helpers

setup() {
	need_kafka
	META="$KTK_BUILD_DIR/test-bin/meta-json"
}

@test "a topic created by TopicCommand is read back through lib/ and librdkafka" {
	local t
	t=$(unique_topic found)
	run kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
		--create --topic "$t" --partitions 4 --replication-factor 1
	assert_success
	assert_output "Created topic $t."

	run --separate-stderr "$META" -b "$BOOTSTRAP" -t "$t"
	assert_success
	assert_equal "$(jq -r '.topics[0].topic' <<<"$output")" "$t"
	assert_equal "$(jq -c '[.topics[0].partitions[].partition] | sort' <<<"$output")" "[0,1,2,3]"
	# one broker: it leads every partition and is the only replica
	local id
	id=$(jq -r '.brokers[0].id' <<<"$output")
	assert_equal "$(jq -r --argjson id "$id" '[.topics[0].partitions[] | select(.leader == $id and .replicas == [$id] and .isrs == [$id])] | length' <<<"$output")" 4
	assert_equal "$(jq -r '.brokers[0].host' <<<"$output")" "127.0.0.1"
}

@test "the bootstrap address can come from KTK_BOOTSTRAP_SERVER and from a config file cluster" {
	local t f
	t=$(unique_topic env)
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
		--create --topic "$t" --partitions 2 --replication-factor 1 >/dev/null
	run env KTK_BOOTSTRAP_SERVER="$BOOTSTRAP" "$META" -t "$t"
	assert_success
	assert_equal "$(jq -r '.topics[0].partitions | length' <<<"$output")" 2

	f="$BATS_TEST_TMPDIR/config"
	printf 'cluster = nowhere\n[nowhere]\nbootstrap.servers = 127.0.0.1:1\n[test]\nbootstrap.servers = %s\n' "$BOOTSTRAP" >"$f"
	run "$META" -F "$f" --cluster test -t "$t"
	assert_success
	assert_equal "$(jq -r '.topics[0].topic' <<<"$output")" "$t"
	run env KTK_CLUSTER=test "$META" -F "$f" -t "$t"
	assert_success
	assert_equal "$(jq -r '.topics[0].topic' <<<"$output")" "$t"
}

@test "a Java client.properties with bootstrap.servers works through --command-config" {
	local t f
	t=$(unique_topic props)
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
		--create --topic "$t" --partitions 3 --replication-factor 1 >/dev/null
	f="$BATS_TEST_TMPDIR/client.properties"
	printf '# written for the Java tools\nbootstrap.servers=%s\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nclient.dns.lookup=use_all_dns_ips\n' "$BOOTSTRAP" >"$f"
	run "$META" --command-config "$f" -t "$t"
	assert_success
	assert_equal "$(jq -r '.topics[0].partitions | length' <<<"$output")" 3
}

@test "a topic the cluster does not have is reported, exit 1" {
	run --separate-stderr "$META" -b "$BOOTSTRAP" -t "no-such-topic-$RANDOM"
	assert_equal "$status" 1
	[[ $stderr == "meta-json: topic 'no-such-topic-"*"' does not exist (create it with ktk-topics --create)" ]] || fail "$stderr"
}
