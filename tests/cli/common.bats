#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# What every binary does the same way: --help, --version, unknown flags,
# bad numbers, exit statuses, configuration errors.

load helpers

binaries() {
	local b
	for b in "$KTK_BIN_DIR"/ktk-*; do
		basename "$b"
	done
}

@test "every binary prints --help on stdout and exits 0" {
	local b
	for b in $(binaries); do
		run --separate-stderr "$b" --help
		assert_success
		[[ ${lines[0]} == "Usage: $b "* ]] || fail "$b: first line '${lines[0]}'"
		assert_output --partial "--help"
		assert_output --partial "Exit status:"
		[ -z "$stderr" ] || fail "$b --help wrote to stderr: $stderr"
	done
}

@test "every binary prints its version and librdkafka's with --version" {
	local b
	for b in $(binaries); do
		run "$b" --version
		assert_success
		assert_line --index 0 --regexp "^$b [0-9]+\.[0-9]+\.[0-9]+$"
		case $b in
		ktk-dump-log) ;;
		*) assert_line --regexp '^librdkafka [0-9.]+ \(builtin.features: .*\)$' ;;
		esac
	done
}

@test "an unknown flag is one line on stderr naming it, exit 64" {
	local b
	for b in $(binaries); do
		run --separate-stderr "$b" --no-such-flag
		[ "$status" -eq 64 ] || fail "$b: status $status"
		[ "$stderr" = "$b: unknown option '--no-such-flag' (see --help)" ] ||
			fail "$b: stderr '$stderr'"
		[ -z "$output" ] || fail "$b wrote to stdout: $output"
		run --separate-stderr "$b" -%
		[ "$status" -eq 64 ]
		[ "$stderr" = "$b: unknown option '-%' (see --help)" ]
	done
}

@test "a flag without its value is named, exit 64" {
	run --separate-stderr ktk-mock --brokers
	assert_equal "$status" 64
	assert_equal "$stderr" "ktk-mock: option '--brokers' needs a value"
}

@test "a bad number is one line naming the flag and value, exit 64" {
	run --separate-stderr ktk-mock --brokers 3x
	assert_equal "$status" 64
	assert_equal "$stderr" "ktk-mock: --brokers: '3x' is not a number"
	run --separate-stderr ktk-mock --brokers 0
	assert_equal "$status" 64
	assert_equal "$stderr" "ktk-mock: --brokers: '0' is out of range (1..16)"
	run --separate-stderr ktk-mock --topic t:many
	assert_equal "$status" 64
	assert_equal "$stderr" "ktk-mock: --topic NAME:PARTITIONS: 'many' is not a number"
}

@test "an enumerated value outside its list is named with the choices, exit 64" {
	run --separate-stderr ktk-mock --ktk-emit=pdf
	assert_equal "$status" 64
	assert_equal "$stderr" "ktk-mock: --ktk-emit: 'pdf' is not one of: help, man-options, man-exit, bash, zsh, fish"
}

@test "meta-json: a bad -X property is a configuration error naming its origin, exit 78" {
	run --separate-stderr "$KTK_BUILD_DIR/test-bin/meta-json" -X no.such.property=1
	assert_equal "$status" 78
	[[ $stderr == "meta-json: "*"no.such.property"*"(from -X)" ]] || fail "$stderr"
}

@test "meta-json: a secret in a bad property value never appears in the error" {
	run --separate-stderr "$KTK_BUILD_DIR/test-bin/meta-json" \
		-X sasl.password=Sup3rSecretValue -X security.protocol=bogus_proto
	assert_equal "$status" 78
	[[ $stderr != *Sup3rSecretValue* ]] || fail "secret leaked: $stderr"
	[[ $stderr == *security.protocol* ]] || fail "$stderr"
}

@test "meta-json: a JKS trust store in --command-config says to use PEM, exit 78" {
	local f="$BATS_TEST_TMPDIR/client.properties"
	printf 'security.protocol=SSL\nssl.truststore.location=/etc/kafka/trust.jks\nssl.truststore.password=changeit\n' >"$f"
	run --separate-stderr "$KTK_BUILD_DIR/test-bin/meta-json" --command-config "$f"
	assert_equal "$status" 78
	[[ $stderr == *"JKS stores are not supported by librdkafka"*PEM* ]] || fail "$stderr"
	[[ $stderr != *changeit* ]] || fail "password leaked"
}

@test "an unreadable config file is named, exit 78" {
	run --separate-stderr "$KTK_BUILD_DIR/test-bin/meta-json" -F /nonexistent/ktk.conf
	assert_equal "$status" 78
	assert_equal "$stderr" "meta-json: /nonexistent/ktk.conf: No such file or directory"
}

@test "an unknown --cluster lists the clusters the file has, exit 78" {
	local f="$BATS_TEST_TMPDIR/config"
	printf '[dev]\nbootstrap.servers=127.0.0.1:1\n[prod]\nbootstrap.servers=127.0.0.1:2\n' >"$f"
	run --separate-stderr "$KTK_BUILD_DIR/test-bin/meta-json" -F "$f" --cluster qa
	assert_equal "$status" 78
	assert_equal "$stderr" "meta-json: $f: no cluster [qa] (clusters: dev, prod)"
}

@test "brokers that do not answer give exit 69 within the timeout" {
	# a port nobody listens on: bind one, note it, close it
	local port
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
	run --separate-stderr timeout 30 "$KTK_BUILD_DIR/test-bin/meta-json" -b "127.0.0.1:$port"
	assert_equal "$status" 69
	[[ $stderr == "meta-json: metadata request failed: "* ]] || fail "$stderr"
}

@test "started with its data channel closed, a binary says so in one line and exits 1" {
	local seg=$KTK_TOP/tests/fixtures/dump-log/broker/codec-gzip-0/00000000000000000000.log
	# nothing listens on port 9: the check comes before any connection
	run timeout 30 bash -c 'ktk-consumer -b 127.0.0.1:9 -t x --from-beginning 2>&1 >&-'
	assert_equal "$status" 1
	assert_output 'ktk-consumer: standard output is closed (nothing read, nothing committed)'
	# with stdin closed too, librdkafka's pipe would have taken 0 and 1
	run timeout 30 bash -c 'ktk-consumer -b 127.0.0.1:9 -t x -g g -e 2>&1 <&- >&-'
	assert_equal "$status" 1
	assert_output 'ktk-consumer: standard output is closed (nothing read, nothing committed)'
	run timeout 30 bash -c 'ktk-producer -b 127.0.0.1:9 -t x 2>&1 <&-'
	assert_equal "$status" 1
	assert_output 'ktk-producer: standard input is closed (nothing read, nothing produced)'
	run timeout 30 bash -c "ktk-dump-log '$seg' 2>&1 >&-"
	assert_equal "$status" 1
	assert_output 'ktk-dump-log: writing to standard output failed'
	# a closed stdin is no matter to a producer reading a file
	printf 'a\n' >"$BATS_TEST_TMPDIR/in"
	run timeout 30 bash -c "ktk-producer -b 127.0.0.1:9 -t x --dry-run --partition-count 3 '$BATS_TEST_TMPDIR/in' 2>&1 <&-"
	assert_success
	assert_output "$BATS_TEST_TMPDIR/in:1	-1"
}

# Issue 13: no broker accepting a connection is the same one line in every
# binary that talks to a cluster, within about 2 s, exit 69 (before: 30 s
# for ktk-topics --create, 10 s for ktk-consumer -e, the delivery timeout
# for ktk-producer).
@test "every binary: no broker at the bootstrap addresses is one line within 2 s, exit 69" {
	local cmd s e
	for cmd in "ktk-topics --create --topic x" "ktk-topics --list" "ktk-topics --describe" \
		"ktk-topics --delete --topic x" "ktk-topics --alter --topic x --partitions 2" \
		"ktk-consumer -t x -e" "ktk-consumer -t x -g g" "ktk-producer -t x"; do
		s=$(date +%s%N)
		run --separate-stderr timeout 20 $cmd -b 127.0.0.1:9,127.0.0.1:1 </dev/null
		e=$(date +%s%N)
		[ "$status" -eq 69 ] || fail "$cmd: exit $status ($stderr)"
		assert_equal "$stderr" "${cmd%% *}: cannot reach any broker at 127.0.0.1:9,127.0.0.1:1 (2/2 brokers are down)"
		[ "$output" = "" ] || fail "$cmd wrote to stdout: $output"
		[ $(((e - s) / 1000000)) -lt 2500 ] || fail "$cmd took $(((e - s) / 1000000)) ms"
	done
}
