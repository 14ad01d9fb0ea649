#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# One voice (issues 16 and 17): secrets never reach stdout or stderr, write
# errors on stdout are reported, option parsing cannot mislead, and the same
# mistake reads the same in every binary. All offline (127.0.0.1:1 is a
# closed port: nothing is ever reached).

load helpers

setup() {
	TMP=$BATS_TEST_TMPDIR
}

# what each broker-facing binary needs to get as far as it can offline
act() {
	case $1 in
	ktk-topics) echo --list --timeout-ms 2000 ;;
	ktk-consumer) echo -t x -e --timeout-ms 2000 ;;
	ktk-producer) echo -t x --timeout-ms 2000 ;;
	esac
}

# no_leak SECRET: neither stdout nor stderr of the last `run` holds SECRET
# or any 8-byte piece of it
no_leak() {
	local s=$1 i
	for ((i = 0; i + 8 <= ${#s}; i++)); do
		case $output$stderr in
		*"${s:i:8}"*) fail "leaked '${s:i:8}' of a secret: $output $stderr" ;;
		esac
	done
}

@test "secrets: each secret key, through every offline error path, never reaches stdout or stderr" {
	local keys=(sasl.password ssl.key.password ssl.keystore.password
		sasl.oauthbearer.client.secret
		sasl.oauthbearer.assertion.private.key.passphrase
		sasl.oauthbearer.assertion.private.key.pem basic.auth.user.info
		schema.registry.basic.auth.user.info
		listener.name.x.plain.sasl.jaas.config sasl.jaas.config
		ssl.key.pem sasl.oauthbearer.config)
	local k n=0 s b
	for k in "${keys[@]}"; do
		n=$((n + 1))
		s="Qz${n}HunterTwoSecretValue${n}x"
		for b in ktk-topics ktk-consumer ktk-producer; do
			# a typo for KEY=VALUE, in each spelling
			run --separate-stderr "$b" -b 127.0.0.1:1 -X "$k:$s"
			assert_equal "$status" 64
			no_leak "$s"
			run --separate-stderr "$b" -b 127.0.0.1:1 -X "$k $s"
			no_leak "$s"
			run --separate-stderr "$b" -b 127.0.0.1:1 -X "=$s"
			no_leak "$s"
			# accepted as a property, then refused by librdkafka or
			# the translation; in a properties file, and on the line
			printf '%s=%s\nbogus.no.such=1\n' "$k" "$s" >"$TMP/c.properties"
			run --separate-stderr timeout 20 "$b" -b 127.0.0.1:1 \
				--command-config "$TMP/c.properties" $(act "$b") </dev/null
			[ "$status" -ne 0 ] || fail "$b $k: status 0"
			no_leak "$s"
		done
		run --separate-stderr timeout 20 ktk-topics -b 127.0.0.1:1 --list \
			--timeout-ms 500 -X "$k=$s" -X security.protocol=SSL
		[ "$status" -ne 0 ] || fail "$k: status 0"
		no_leak "$s"
		run --separate-stderr ktk-consumer -t x --consumer-property "$k:$s"
		assert_equal "$status" 64
		no_leak "$s"
		run --separate-stderr ktk-producer -t x --producer-property "$k $s"
		assert_equal "$status" 64
		no_leak "$s"
	done
}

@test "secrets: a JAAS parse error names the position, never the text after it" {
	local b jaas
	for jaas in 'password=correct horse battery staple;' \
		'password=="S3cr3tPassw0rdXyz";' 'password "S3cr3tPassw0rdXyz";'; do
		jaas="org.apache.kafka.common.security.plain.PlainLoginModule required username=alice $jaas"
		for b in ktk-topics ktk-consumer ktk-producer; do
			run --separate-stderr "$b" -b 127.0.0.1:1 $(act "$b") -X "sasl.jaas.config=$jaas" </dev/null
			assert_equal "$status" 78
			[[ $stderr == "$b: sasl.jaas.config: expected name=value at byte "[0-9]* ]] ||
				fail "$b: $stderr"
			no_leak "horse battery staple"
			no_leak "S3cr3tPassw0rdXyz"
		done
	done
}

@test "secrets: librdkafka's OAUTHBEARER config error is masked in every binary" {
	local b s=Zzz9SuperSecretToken
	for b in ktk-topics ktk-consumer ktk-producer; do
		run --separate-stderr timeout 30 "$b" -b 127.0.0.1:1 $(act "$b") \
			-X security.protocol=SASL_PLAINTEXT -X sasl.mechanism=OAUTHBEARER \
			-X enable.sasl.oauthbearer.unsecure.jwt=true \
			-X "sasl.oauthbearer.config=principal=bob clientSecret=$s" </dev/null
		[ "$status" -ne 0 ] || fail "$b: status 0"
		[[ $stderr == *"Failed to acquire SASL OAUTHBEARER token"* ]] || fail "$b: $stderr"
		no_leak "$s"
	done
}

@test "stdout: --help, --version and the docs emitter report a failed standard output and exit 1, in every binary" {
	local b a
	for b in "$KTK_BIN_DIR"/ktk-*; do
		b=${b##*/}
		for a in --help --version --ktk-emit=help --ktk-emit=man-options --ktk-emit=bash \
			--ktk-emit=zsh --ktk-emit=fish; do
			run --separate-stderr "$b" "$a"
			assert_success
			run --separate-stderr bash -c '"$0" "$1" >/dev/full' "$b" "$a"
			[ "$status" -eq 1 ] || fail "$b $a >/dev/full: status $status"
			assert_equal "$stderr" "$b: standard output: No space left on device"
			run --separate-stderr bash -c '"$0" "$1" >&-' "$b" "$a"
			[ "$status" -eq 1 ] || fail "$b $a >&-: status $status"
			assert_equal "$stderr" "$b: standard output: Bad file descriptor"
		done
	done
}

@test "config: --command-config /dev/zero is refused as too large at once, in every broker-facing binary" {
	local b
	for b in ktk-topics ktk-consumer ktk-producer; do
		run --separate-stderr timeout 20 "$b" -b 127.0.0.1:1 --command-config /dev/zero $(act "$b") </dev/null
		assert_equal "$status" 78
		assert_equal "$stderr" "$b: /dev/zero: larger than 1 MiB: not a properties file"
	done
	run --separate-stderr timeout 20 ktk-topics -F /dev/zero --list
	assert_equal "$status" 78
	assert_equal "$stderr" "ktk-topics: /dev/zero: larger than 1 MiB: not a properties file"
}

@test "config: a cluster section after many others is found; a missing one is listed printably" {
	local i
	for ((i = 0; i < 200; i++)); do
		printf '[cluster%03d]\nbootstrap.servers = 127.0.0.1:1\n' "$i"
	done >"$TMP/many.conf"
	printf '[evil\033]2;x\007]\n' >>"$TMP/many.conf"
	run --separate-stderr ktk-topics -F "$TMP/many.conf" --cluster cluster199 --list --timeout-ms 300
	assert_equal "$status" 69
	[[ $stderr != *"no cluster"* ]] || fail "$stderr"
	run --separate-stderr ktk-topics -F "$TMP/many.conf" --cluster nope --list
	assert_equal "$status" 78
	[[ $stderr == "ktk-topics: $TMP/many.conf: no cluster [nope] (clusters: cluster000, "*", ... (201 in all))" ]] ||
		fail "$stderr"
	[[ $stderr != *$'\033'* ]] || fail "raw escape in: $stderr"
}

@test "dump-log: a segment that is not a regular file says so (not 'Success')" {
	ln -s /dev/null "$TMP/00000000000000000000.log"
	run --separate-stderr ktk-dump-log "$TMP/00000000000000000000.log"
	assert_equal "$status" 66
	assert_equal "$stderr" "ktk-dump-log: $TMP/00000000000000000000.log: not a regular file"
}
