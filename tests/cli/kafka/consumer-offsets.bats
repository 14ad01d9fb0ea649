#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-consumer's start and stop forms against known offsets and
# timestamps. Three partitions; each gets 10 records "P-a-I" (offsets 0-9),
# then, strictly after time $TB, 5 records "P-b-I" (offsets 10-14).
load ../helpers

setup_file() {
	[ -n "${KTK_TEST_BOOTSTRAP:-}" ] || return 0
	local p i ts
	T=$(unique_topic offsets)
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KTK_TEST_BOOTSTRAP" \
		--create --topic "$T" --partitions 3 >/dev/null
	for p in 0 1 2; do
		for i in $(seq 0 9); do echo "$p-a-$i"; done |
			kcat -P -b "$KTK_TEST_BOOTSTRAP" -t "$T" -p "$p"
	done
	# TB: one millisecond past the newest "a" record
	ts=$(ktk-consumer -b "$KTK_TEST_BOOTSTRAP" -t "$T" -o beginning -e -f '%T\n' | sort -n | tail -n 1)
	TB=$((ts + 1))
	wait_for 10 bash -c "(( \$(date +%s%3N) > $TB + 5 ))"
	for p in 0 1 2; do
		for i in $(seq 0 4); do echo "$p-b-$i"; done |
			kcat -P -b "$KTK_TEST_BOOTSTRAP" -t "$T" -p "$p"
	done
	export T TB
}

# consume ARGS...: run ktk-consumer on the topic, output sorted
consume() {
	run bash -c "ktk-consumer -b '$BOOTSTRAP' -t '$T' $(printf '%q ' "$@") | sort"
	assert_success
}

@test "beginning, --from-beginning and earliest read everything" {
	need_kafka
	consume -o beginning -e
	assert_equal "${#lines[@]}" 45
	assert_line 0-a-0
	assert_line 2-b-4
	consume --from-beginning -e
	assert_equal "${#lines[@]}" 45
	consume -o earliest -e -p 1
	assert_equal "${#lines[@]}" 15
	refute_line --regexp '^[02]-'
}

@test "end reads nothing and -e exits at once" {
	need_kafka
	run timeout 30 ktk-consumer -b "$BOOTSTRAP" -t "$T" -o end -e
	assert_success
	assert_output ''
	run --separate-stderr timeout 30 ktk-consumer -b "$BOOTSTRAP" -t "$T" -e
	assert_success
	assert_output ''
	assert_regex "$stderr" '^ktk-consumer: -e with no --offset starts at the end'
}

@test "an absolute offset N, on chosen partitions" {
	need_kafka
	consume -p 1 -p 2 -o 12 -e -f '%p:%o:%s\n'
	assert_equal "${#lines[@]}" 6
	assert_line 1:12:1-b-2
	assert_line 2:14:2-b-4
	refute_line --regexp '^0:'
}

@test "-N starts N records before the end of each partition" {
	need_kafka
	consume -o -3 -e
	assert_equal "${#lines[@]}" 9
	for p in 0 1 2; do
		assert_line "$p-b-2"
		assert_line "$p-b-4"
	done
	refute_line --partial -b-1
	consume -o -1000 -e
	assert_equal "${#lines[@]}" 45
}

@test "@TIMESTAMP as epoch milliseconds and as ISO-8601" {
	need_kafka
	consume -o "@$TB" -e
	assert_equal "${#lines[@]}" 15
	refute_line --partial -a-
	iso=$(date -u -d "@$((TB / 1000)).$(printf %03d $((TB % 1000)))" +%Y-%m-%dT%H:%M:%S.%3NZ)
	consume -o "@$iso" -e
	assert_equal "${#lines[@]}" 15
	refute_line --partial -a-
	consume -o @-1d -e
	assert_equal "${#lines[@]}" 45
	consume -o @-1m -e -f '%o\n' -p 0
	assert_equal "${#lines[@]}" 15
}

@test "--until OFFSET and --until @TIMESTAMP stop each partition, without -e" {
	need_kafka
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -o beginning --until 5
	assert_success
	assert_equal "${#lines[@]}" 15
	refute_line 0-a-5
	assert_line 2-a-4
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -o beginning --until "@$TB"
	assert_success
	assert_equal "${#lines[@]}" 30
	refute_line --partial -b-
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -o 12 --until 12 -p 0
	assert_success
	assert_output ''
}

@test "-c stops after N records, --timeout-ms after a quiet spell" {
	need_kafka
	run ktk-consumer -b "$BOOTSTRAP" -t "$T" -o beginning -c 7
	assert_success
	assert_equal "${#lines[@]}" 7
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -o beginning --timeout-ms 1500
	assert_success
	assert_equal "${#lines[@]}" 45
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" --timeout-ms 500
	assert_success
	assert_output ''
}

@test "-e stops at the end the partitions had at the start" {
	need_kafka
	local t
	t=$(unique_topic growing)
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
		--create --topic "$t" --partitions 1 >/dev/null
	seq 1 20 | kcat -P -b "$BOOTSTRAP" -t "$t"
	# a writer that keeps going while we read
	(for i in $(seq 21 2000); do echo "$i"; done | kcat -P -b "$BOOTSTRAP" -t "$t" -X linger.ms=0 -X batch.num.messages=1) 3>&- &
	run timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$t" -o beginning -e
	wait
	assert_success
	assert_line --index 0 1
	assert_line --index 19 20
	[ "${#lines[@]}" -ge 20 ]
	[ "${#lines[@]}" -lt 2000 ]
}
