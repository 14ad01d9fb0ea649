#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-consumer, ktk-producer and ktk-topics through a SASL_SSL listener (SCRAM-SHA-512
# user made when the storage is formatted, CA and broker certificate made
# by openssl now), configured with a Java-style client.properties. Brings
# up a cluster of its own with `kafka-up --sasl-ssl` and stops it
# afterwards.
load ../helpers
load ../completion-helpers

setup_file() {
	[ -n "${KTK_TEST_BOOTSTRAP:-}" ] || return 0
	# KTK_SASL_CLUSTER: another name, for a run beside another one
	export KTK_KAFKA_CLUSTER=${KTK_SASL_CLUSTER:-consumer-sasl}
	PB=$("$KTK_TOP/tests/kafka/kafka-up" --sasl-ssl | tail -n 1)
	SD=$KTK_TOP/build/kafka/cluster-$KTK_KAFKA_CLUSTER/sasl_ssl
	SB=$(<"$SD/bootstrap")
	PW=$(<"$SD/password")
	export PB SD SB PW
	# librdkafka before 2.6.1 computes a SCRAM proof Kafka 4 refuses
	# (librdkafka #4895): such a build logs in with PLAIN, same user
	PROPS=$SD/client.properties
	v=$(ktk-consumer -V | sed -n 's/^librdkafka \([0-9.]*\).*/\1/p')
	if [ "$(printf '%s\n2.6.1\n' "$v" | sort -V | head -n 1)" != 2.6.1 ]; then
		PROPS=$SD/client-plain.properties
	fi
	export PROPS
	T=$(unique_topic sec)
	export T
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$PB" \
		--create --topic "$T" --partitions 2 >/dev/null
	# Kafka's own client writes through SASL_SSL with SCRAM-SHA-512
	printf 'k1\tsecret one\nk2\tsecret two\n' |
		kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$SB" \
			--command-config "$SD/client.properties" --topic "$T" \
			--reader-property parse.key=true >/dev/null 2>&1
}

teardown_file() {
	[ -n "${KTK_TEST_BOOTSTRAP:-}" ] || return 0
	KTK_KAFKA_CLUSTER=${KTK_SASL_CLUSTER:-consumer-sasl} "$KTK_TOP/tests/kafka/kafka-down" >/dev/null 2>&1 || true
}

@test "reads through SASL_SSL with a Java client.properties (PEM trust store)" {
	need_kafka
	grep -q '^ssl.truststore.type=PEM' "$PROPS"
	grep -q 'LoginModule required username=' "$PROPS"
	run timeout 60 ktk-consumer -b "$SB" --command-config "$PROPS" -t "$T" -o beginning -e \
		--property print.key=true
	assert_success
	assert_line $'k1\tsecret one'
	assert_line $'k2\tsecret two'
	# and as a group member, committing over SASL_SSL
	run timeout 60 ktk-consumer -b "$SB" --consumer.config "$PROPS" -t "$T" -g "g-$T" \
		--from-beginning -e
	assert_success
	assert_equal "${#lines[@]}" 2
}

@test "the password never shows, -v and --debug all included" {
	need_kafka
	run timeout 60 ktk-consumer -b "$SB" --command-config "$PROPS" -t "$T" -o beginning -e \
		-v -v --debug all
	# on failure, ktk's own lines first: librdkafka's hundreds bury them
	[ "$status" -eq 0 ] || grep -v '^ktk-consumer: librdkafka ' <<<"$output" >&2
	assert_success
	assert_output --partial 'secret one'
	refute_output --partial "$PW"
}

@test "a wrong password fails fast: an authentication error, exit 1, no password shown" {
	need_kafka
	sed "s/password=\"[^\"]*\"/password=\"Wr0ng-$PW\"/" "$PROPS" >"$BATS_TEST_TMPDIR/bad.properties"
	SECONDS=0
	run timeout 60 ktk-consumer -b "$SB" --command-config "$BATS_TEST_TMPDIR/bad.properties" \
		-t "$T" -e -v --debug security,broker
	assert_failure 1
	[ "$SECONDS" -lt 15 ]
	assert_output --regexp 'ktk-consumer: .*[Aa]uthentication'
	refute_output --partial "$PW"
	refute_output --partial "Wr0ng"
	run timeout 60 ktk-consumer -b "$SB" --command-config "$BATS_TEST_TMPDIR/bad.properties" -t "$T" -e
	assert_failure 1
	assert_equal "${#lines[@]}" 1
	assert_output --regexp '^ktk-consumer: .*[Aa]uthentication failed'
}

@test "a TLS listener without the CA fails with exit 1 or 69, not a hang" {
	need_kafka
	grep -v truststore "$PROPS" >"$BATS_TEST_TMPDIR/noca.properties"
	echo "ssl.ca.location=/dev/null" >>"$BATS_TEST_TMPDIR/noca.properties"
	run timeout 60 ktk-consumer -b "$SB" --command-config "$BATS_TEST_TMPDIR/noca.properties" -t "$T" -e
	[ "$status" -eq 1 ] || [ "$status" -eq 69 ] || [ "$status" -eq 78 ]
	assert_output --regexp '^ktk-consumer: '
}

@test "ktk-producer writes through SASL_SSL with a Java client.properties" {
	need_kafka
	P=$(unique_topic secp)
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$PB" \
		--create --topic "$P" --partitions 1 >/dev/null
	printf 'k1\tone\nk2\ttwo\n' >"$BATS_TEST_TMPDIR/in"
	run timeout 60 ktk-producer -b "$SB" --producer.config "$PROPS" -t "$P" -K '\t' \
		-v -v "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_line --regexp '^ktk-producer: 2 records read, 2 delivered, 0 failed'
	refute_output --partial "$PW"
	# read back over the plaintext listener by Kafka's own consumer
	run kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$PB" \
		--topic "$P" --from-beginning --max-messages 2 --property print.key=true
	assert_line $'k1\tone'
	assert_line $'k2\ttwo'
}

@test "ktk-producer with a wrong password fails fast: exit 1, the records counted, no password shown" {
	need_kafka
	sed "s/password=\"[^\"]*\"/password=\"Wr0ng-$PW\"/" "$PROPS" >"$BATS_TEST_TMPDIR/bad.properties"
	seq 1 5 >"$BATS_TEST_TMPDIR/in"
	# all five lines are read and counted under the refusal: it comes
	# while the producer asks whether the topic exists, and the records
	# the input holds then fail without being sent
	SECONDS=0
	run timeout 60 ktk-producer -b "$SB" --producer.config "$BATS_TEST_TMPDIR/bad.properties" \
		-t "$T" -p 0 "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	[ "$SECONDS" -lt 15 ]
	assert_line --index 0 --regexp '^ktk-producer: .*[Aa]uthentication failed'
	assert_line --index 1 "ktk-producer: $BATS_TEST_TMPDIR/in:1: Local: Authentication failure"
	assert_line --regexp '^ktk-producer: 5 records read, 0 delivered, 5 failed \(5 Local: Authentication failure\)'
	refute_output --partial "$PW"
	refute_output --partial "Wr0ng"
	# without -p: the refusal ends the wait for the partition count too
	SECONDS=0
	run timeout 60 ktk-producer -b "$SB" --producer.config "$BATS_TEST_TMPDIR/bad.properties" \
		-t "$T" -k key "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	[ "$SECONDS" -lt 15 ]
	assert_line --index 0 --regexp '^ktk-producer: .*[Aa]uthentication failed'
	assert_line --regexp '^ktk-producer: [0-5] records read, 0 delivered'
}

@test "ktk-topics through SASL_SSL; a wrong password fails fast with exit 1 and the reason" {
	need_kafka
	run timeout 60 ktk-topics -b "$SB" --command-config "$PROPS" --list
	assert_success
	assert_line "$T"
	sed "s/password=\"[^\"]*\"/password=\"Wr0ng-$PW\"/" "$PROPS" >"$BATS_TEST_TMPDIR/bad.properties"
	for action in --list "--describe --topic $T" "--create --topic x-$T" \
		"--alter --topic $T --partitions 3" "--delete --topic $T"; do
		SECONDS=0
		# shellcheck disable=SC2086 # the action's words are split on purpose
		run timeout 60 ktk-topics -b "$SB" --command-config "$BATS_TEST_TMPDIR/bad.properties" $action
		assert_failure 1
		[ "$SECONDS" -lt 15 ]
		assert_equal "${#lines[@]}" 1
		assert_output --regexp '^ktk-topics: .*SASL authentication error: .*[Aa]uthentication failed'
		refute_output --partial "$PW"
	done
	# nothing was changed
	run timeout 60 ktk-topics -b "$PB" --describe --topic "$T"
	assert_line --index 0 --regexp "^Topic: $T	.*PartitionCount: 2	"
	run timeout 60 ktk-topics -b "$PB" --list
	refute_line "x-$T"
}

@test "completion: the topic lookup goes through SASL_SSL with the --command-config and -X typed on the line" {
	need_kafka
	# the = form of the SASL_SSL address and the Java client.properties
	run complete_bash_line ktk-consumer "ktk-consumer --bootstrap-server=$SB --command-config $PROPS -t ${T%-*}"
	assert_success
	assert_line "$T"
	# the same with the properties as -X (what kcat users type)
	local x=() k v
	while IFS='=' read -r k v; do
		case $k in '' | \#*) continue ;; esac
		x+=(-X "$k=$v")
	done < <(grep -v '^sasl.jaas.config' "$PROPS"; ktk-consumer -b "$SB" --command-config "$PROPS" -t x -X dump |
		sed -n 's/^\(sasl\.\(username\|mechanism\)\)=\([^ ]*\)  .*/\1=\3/p')
	x+=(-X "sasl.password=$PW")
	run complete_bash_line ktk-producer "ktk-producer -b $SB ${x[*]} -t ${T%-*}"
	assert_line "$T"
	# without them the SASL_SSL listener lists nothing
	run complete_bash_line ktk-consumer "ktk-consumer -b $SB -t ${T%-*}"
	assert_output ""
}

