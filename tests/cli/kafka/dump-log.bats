#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-dump-log on a live broker's active segment (preallocated, zero-filled
# indexes; data still being appended) against Kafka's DumpLogSegments.

load ../helpers

setup() {
	need_kafka
}

# the partition directory of TOPIC-0 on the test broker
partition_dir() {
	local d
	for d in "$KTK_TOP"/build/kafka/cluster*/node-*/data/"$1-0"; do
		[ -d "$d" ] && { echo "$d"; return 0; }
	done
	return 1
}

@test "dump-log: a live active segment matches DumpLogSegments, zero index tail included" {
	t=$(unique_topic dumplog)
	ktk-topics -b "$BOOTSTRAP" --create -t "$t" --partitions 1 --replication-factor 1 \
		--config index.interval.bytes=64 >/dev/null
	for codec in none gzip lz4 zstd snappy; do
		seq 1 50 | sed "s/.*/k&:$codec value &/" |
			kcat -P -b "$BOOTSTRAP" -t "$t" -p 0 -K: -z "$codec" -H h=1 -X linger.ms=20
	done
	wait_for 30 partition_dir "$t"
	d=$(partition_dir "$t")
	wait_for 30 bash -c "ktk-dump-log --deep-iteration '$d/00000000000000000000.log' | grep -q '^| offset: 249 '"
	for f in 00000000000000000000.log 00000000000000000000.index 00000000000000000000.timeindex; do
		for args in "" "--print-data-log" "--verify-index-only"; do
			# shellcheck disable=SC2086
			want=$(kafka_tool org.apache.kafka.tools.DumpLogSegments $args --files "$d/$f" 2>/dev/null)
			# shellcheck disable=SC2086
			got=$(ktk-dump-log $args --files "$d/$f" 2>/dev/null)
			[ "$got" = "$want" ] || { diff <(echo "$want") <(echo "$got") | head -20; false; }
		done
	done
	run ktk-dump-log --offset 120 --count 2 "$d"
	assert_success
	assert_line --index 0 --regexp "^\| offset: 120 CreateTime: [0-9]+ keySize: 3 valueSize: [0-9]+ sequence: -1 headerKeys: \[h\] key: k21 payload: lz4 value 21$"
	[ "${#lines[@]}" -eq 2 ]
}
