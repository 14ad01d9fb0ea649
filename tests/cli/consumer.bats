#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-consumer's command line, without a broker: bad usage exits 64 with a
# one-line message naming the flag; help and generated docs work.
load helpers

bad() {
	run ktk-consumer "$@"
	assert_failure 64
	assert_equal "${#lines[@]}" 1
	assert_line --index 0 --regexp '^ktk-consumer: '
	refute_output --partial 'Usage'
}

@test "help lists the options and exits 0" {
	run ktk-consumer --help
	assert_success
	assert_output --partial '--from-beginning'
	assert_output --partial '--format'
	assert_output --partial '--json'
	assert_output --partial '--until'
}

@test "no topic, or both --topic and --include" {
	bad -b 127.0.0.1:1
	assert_output --partial '--topic'
	bad -t a --include 'b.*'
}

@test "bad offsets name the flag and the value" {
	for o in x -0 --3 @ @-3y @2024-13-01 1.5 ''; do
		bad -t a -o "$o"
		assert_output --partial "--offset: '$o'"
	done
	bad -t a --until end
	assert_output --partial "--until: 'end'"
	bad -t a --from-beginning -o 5
	assert_output --partial 'cannot be used together'
	bad -t a -o stored
	assert_output --partial '--group is required with --offset stored'
}

@test "bad numbers and partitions" {
	bad -t a -c -1
	assert_output --partial "--max-messages: '-1' is out of range"
	bad -t a --timeout-ms soon
	assert_output --partial '--timeout-ms'
	bad -t a -p x
	assert_output --partial "--partition: 'x' is not a number"
	bad -t a -p 1 -g grp
	assert_output --partial 'together'
	bad --include 'x' -p 1
	bad -t a --fetchers 0
	assert_output --partial "--fetchers: '0' is out of range (1..8)"
	bad -t a --fetchers 9
	assert_output --partial "--fetchers: '9' is out of range (1..8)"
}

@test "bad formats and formatter properties" {
	bad -t a -f 'x %q'
	assert_output --partial '%q'
	bad -t a -f '%{nope}'
	bad -t a -f 'x' -J
	bad -t a -J --property print.key=true
	bad -t a --property print.keys=true
	assert_output --partial 'print.keys'
	bad -t a --property novalue
	bad -t a --property value.deserializer=org.apache.kafka.common.serialization.LongDeserializer
}

@test "bad enums and unknown options" {
	bad -t a --isolation-level dirty
	bad -t a -g g --partition-assignment-strategy sticky
	bad -t a --partition-assignment-strategy range
	bad -t a --no-such-option
	bad -t a extra-argument
}

@test "brokers that do not answer exit 69, quickly" {
	run timeout 60 ktk-consumer -b 127.0.0.1:1 -t a -e
	assert_failure 69
	assert_output --regexp '^ktk-consumer: '
}
