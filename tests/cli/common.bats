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
