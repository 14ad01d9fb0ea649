#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-consumer -J | ktk-producer --input-format json copies a topic record
# for record: binary keys and values (all 256 byte values, invalid UTF-8),
# empty against null, headers with duplicate names and null values,
# partitions and timestamps. Skipped until ktk-producer is built.
load ../helpers

setup() {
	need_kafka
	PRODUCER=${KTK_TEST_PRODUCER:-ktk-producer}
	command -v "$PRODUCER" >/dev/null && "$PRODUCER" --help | grep -q -- '--input-format' ||
		skip "ktk-producer with --input-format json is not built"
}

@test "a topic copied through -J and ktk-producer is identical, record by record" {
	local src dst all256 in=$BATS_TEST_TMPDIR/in.json
	src=$(unique_topic rt-src)
	dst=$(unique_topic rt-dst)
	for t in "$src" "$dst"; do
		kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
			--create --topic "$t" --partitions 3 >/dev/null
	done
	all256=$(printf "$(printf '\\%03o' $(seq 0 255))" | base64 -w0)
	cat >"$in" <<JSON
{"partition":0,"timestamp":1700000000000,"key":{"base64":"$all256"},"value":{"base64":"//79AA=="},"headers":[["h","1"],["h",null],["bin",{"base64":"gA=="}]]}
{"partition":1,"timestamp":1700000000001,"key":"","value":null,"headers":[]}
{"partition":2,"timestamp":1700000000002,"key":null,"value":"","headers":[["e",""]]}
{"partition":1,"timestamp":1700000000003,"key":"t\u00e9xt \"q\"\n","value":"ok","headers":[["a","b"],["a","c"],["a",null]]}
{"partition":0,"timestamp":1700000000004,"key":null,"value":null,"headers":[]}
JSON
	"$PRODUCER" -b "$BOOTSTRAP" -t "$src" --input-format json <"$in"
	ktk-consumer -b "$BOOTSTRAP" -t "$src" -o beginning -e -J >"$BATS_TEST_TMPDIR/src.json"
	"$PRODUCER" -b "$BOOTSTRAP" -t "$dst" --input-format json <"$BATS_TEST_TMPDIR/src.json"
	ktk-consumer -b "$BOOTSTRAP" -t "$dst" -o beginning -e -J >"$BATS_TEST_TMPDIR/dst.json"
	norm() { jq -c '{partition, offset, timestamp, key, value, headers}' "$1" | sort; }
	# what was read is what was written
	run diff <(jq -c '{partition, timestamp, key, value, headers}' "$in" | sort) \
		<(jq -c '{partition, timestamp, key, value, headers}' "$BATS_TEST_TMPDIR/src.json" | sort)
	assert_success
	# and the copy is the same, offsets included
	run diff <(norm "$BATS_TEST_TMPDIR/src.json") <(norm "$BATS_TEST_TMPDIR/dst.json")
	assert_success
	run jq -s 'length' "$BATS_TEST_TMPDIR/dst.json"
	assert_output 5
}
