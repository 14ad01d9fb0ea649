#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-consumer against a real Kafka: records written by Kafka's
# ConsoleProducer (keys, headers, null keys and values, empty strings) read
# with every output mode and compared byte for byte with Kafka's
# ConsoleConsumer given the same formatter properties.
load ../helpers

N=6

setup_file() {
	[ -n "${KTK_TEST_BOOTSTRAP:-}" ] || return 0
	T=$(unique_topic parity)
	export T
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KTK_TEST_BOOTSTRAP" \
		--create --topic "$T" --partitions 1 >/dev/null
	# headers<TAB>key<TAB>value; NUL marks null
	printf '%s\n' \
		$'h1:v1,h2:v2\tk1\tvalue one' \
		$'h1:x,h1:y\tk2\t' \
		$'NUL\tNUL\tno key' \
		$'a:NUL,b:\tk4\tNUL' \
		$'NUL\t\tempty key' \
		$'z:\xc3\xa9\tk\xc3\xa9\tv\xc3\xa9 "q" \\ end' |
		kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$KTK_TEST_BOOTSTRAP" \
			--topic "$T" --reader-property parse.key=true \
			--reader-property parse.headers=true \
			--reader-property null.marker=NUL >/dev/null 2>&1
}

# java_cc PROPS...: Kafka's ConsoleConsumer output of the topic
java_cc() {
	local args=() p
	for p in "$@"; do args+=(--formatter-property "$p"); done
	kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" \
		--topic "$T" --from-beginning --max-messages "$N" "${args[@]}" 2>/dev/null
}

# ktk PROPS...: ktk-consumer's output with the same properties
ktk() {
	local args=() p
	for p in "$@"; do args+=(--property "$p"); done
	ktk-consumer -b "$BOOTSTRAP" -t "$T" --from-beginning -e "${args[@]}"
}

# same_bytes PROPS...: both consumers print exactly the same bytes
same_bytes() {
	java_cc "$@" >"$BATS_TEST_TMPDIR/java"
	ktk "$@" >"$BATS_TEST_TMPDIR/ktk"
	[ -s "$BATS_TEST_TMPDIR/java" ]
	cmp "$BATS_TEST_TMPDIR/java" "$BATS_TEST_TMPDIR/ktk"
}

@test "default output is byte for byte Kafka's" {
	need_kafka
	same_bytes
	run cat "$BATS_TEST_TMPDIR/ktk"
	assert_line --index 0 'value one'
	assert_line --index 2 'null' # bats drops the empty line of k2
}

@test "keys, headers, partition and offset, byte for byte" {
	need_kafka
	same_bytes print.key=true print.headers=true print.partition=true print.offset=true
	run cat "$BATS_TEST_TMPDIR/ktk"
	assert_line --index 0 $'Partition:0\tOffset:0\th1:v1,h2:v2\tk1\tvalue one'
	assert_line --index 2 $'Partition:0\tOffset:2\tNO_HEADERS\tnull\tno key'
	assert_line --index 3 $'Partition:0\tOffset:3\ta:null,b:\tk4\tnull'
}

@test "separators, null literal, timestamps and no value, byte for byte" {
	need_kafka
	same_bytes print.key=true print.timestamp=true key.separator=' | ' \
		line.separator='<EOL>' headers.separator=';' null.literal='(nil)' print.headers=true
	run cat "$BATS_TEST_TMPDIR/ktk"
	assert_output --regexp '^CreateTime:[0-9]{13} \| h1:v1;h2:v2 \| k1 \| value one<EOL>'
	same_bytes print.key=true print.value=false
	same_bytes print.value=false print.offset=true line.separator=,
}

@test "--formatter-config reads the properties from a file" {
	need_kafka
	printf 'print.key=true\nkey.separator=\\t=\\t\n' >"$BATS_TEST_TMPDIR/f.properties"
	run ktk-consumer -b "$BOOTSTRAP" -t "$T" --from-beginning -e --formatter-config "$BATS_TEST_TMPDIR/f.properties"
	assert_success
	assert_line --index 0 $'k1\t=\tvalue one'
}

@test "-f with kcat's tokens matches Kafka's key and value output" {
	need_kafka
	java_cc print.key=true print.offset=true >"$BATS_TEST_TMPDIR/java"
	ktk-consumer -b "$BOOTSTRAP" -t "$T" --from-beginning -e -f 'Offset:%o\t%k\t%s\n' >"$BATS_TEST_TMPDIR/ktk"
	# kcat's tokens print null as empty, Kafka as "null"
	sed -e 's/\tnull\t/\t\t/' -e 's/\tnull$/\t/' "$BATS_TEST_TMPDIR/java" >"$BATS_TEST_TMPDIR/java.empty"
	cmp "$BATS_TEST_TMPDIR/java.empty" "$BATS_TEST_TMPDIR/ktk"
	run ktk-consumer -b "$BOOTSTRAP" -t "$T" --from-beginning -e \
		-f '%t|%p|%o|%K|%S|%h|%{tstype}|%{date}|%{key:hex}|%{value:base64}|%{header:h1}\n'
	assert_success
	assert_line --index 0 --regexp "^$T\|0\|0\|2\|9\|h1=v1,h2=v2\|CreateTime\|20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:.]{12}Z\|6b31\|dmFsdWUgb25l\|v1$"
	assert_line --index 2 --regexp "\|2\|-1\|6\|\|CreateTime\|.*\|\|bm8ga2V5\|$"
	assert_line --index 3 --regexp "\|3\|2\|-1\|a=NULL,b=\|"
}

@test "-J is valid JSON with the same keys, values, headers and timestamps" {
	need_kafka
	java_cc print.key=true print.timestamp=true print.headers=true >"$BATS_TEST_TMPDIR/java"
	ktk-consumer -b "$BOOTSTRAP" -t "$T" --from-beginning -e -J >"$BATS_TEST_TMPDIR/json"
	run jq -e -s 'length == 6 and all(.[]; .topic and .partition == 0)' "$BATS_TEST_TMPDIR/json"
	assert_success
	jq -j '"\(.timestamp_type):\(.timestamp)\t" +
		(if .headers == [] then "NO_HEADERS" else
			(.headers | map("\(.[0]):\(.[1] // "null")") | join(",")) end) +
		"\t\(.key // "null")\t\(.value // "null")\n"' "$BATS_TEST_TMPDIR/json" >"$BATS_TEST_TMPDIR/ktk"
	cmp "$BATS_TEST_TMPDIR/java" "$BATS_TEST_TMPDIR/ktk"
	run jq -c '[.key, .value, .headers]' "$BATS_TEST_TMPDIR/json"
	assert_line --index 1 '["k2","",[["h1","x"],["h1","y"]]]'
	assert_line --index 2 '[null,"no key",[]]'
	assert_line --index 3 '["k4",null,[["a",null],["b",""]]]'
	assert_line --index 4 '["","empty key",[]]'
}

@test "binary keys and values stay valid JSON, as base64" {
	need_kafka
	local t
	t=$(unique_topic bin)
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
		--create --topic "$t" --partitions 1 >/dev/null
	printf 'k\xff\xfe|\x00\x01\x80\xffvalue\n' | kcat -P -b "$BOOTSTRAP" -t "$t" -K '|' -H 'h=a'
	run ktk-consumer -b "$BOOTSTRAP" -t "$t" -o beginning -e -J
	assert_success
	run jq -r '"\(.key.base64) \(.value.base64) \(.headers[0][1])"' <<<"$output"
	assert_output "a//+ AAGA/3ZhbHVl a"
	run ktk-consumer -b "$BOOTSTRAP" -t "$t" -o beginning -e -f '%{key:hex} %{value:hex}\n'
	assert_output "6bfffe 000180ff76616c7565"
}

@test "a topic that does not exist is reported and exits 1" {
	need_kafka
	local n=no-such-topic-$RANDOM$RANDOM
	# the same words as ktk-producer's, within seconds, assigned or in a group
	run timeout 20 ktk-consumer -b "$BOOTSTRAP" -t "$n" -e
	assert_failure 1
	assert_output "ktk-consumer: topic '$n' does not exist (create it with ktk-topics --create)"
	run timeout 20 ktk-consumer -b "$BOOTSTRAP" -t "$n" -g grp -e
	assert_failure 1
	assert_output "ktk-consumer: topic '$n' does not exist (create it with ktk-topics --create)"
	run ktk-consumer -b "$BOOTSTRAP" -t "$T" -p 7 -e
	assert_failure 1
	assert_output --partial 'no partition 7'
}

@test "--include reads the matching topics, -v summarises" {
	need_kafka
	run ktk-consumer -b "$BOOTSTRAP" --include "${T//-/.}" -o beginning -e -v
	assert_success
	assert_line 'value one'
	assert_line --regexp "^ktk-consumer: $T \[0\]: 6 records, [0-9]+ bytes, last offset 5$"
	assert_line 'ktk-consumer: 6 records in total'
}
