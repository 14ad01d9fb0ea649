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
teardown() {
	if [ -n "${MOCK_PID:-}" ]; then
		kill "$MOCK_PID" 2>/dev/null || true
		wait "$MOCK_PID" 2>/dev/null || true
	fi
}

act() {
	case $1 in
	ktk-topics) echo --list --timeout-ms 2000 ;;
	ktk-consumer) echo -t x -e --timeout-ms 2000 ;;
	ktk-producer) echo -t x --delivery-timeout-ms 2000 ;;
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
		# in ktk's config file, in a cluster section
		printf '[c]\n%s = %s\nbogus.no.such = 1\n' "$k" "$s" >"$TMP/ktk.conf"
		run --separate-stderr ktk-topics -F "$TMP/ktk.conf" --cluster c --list
		[ "$status" -ne 0 ] || fail "$k: status 0"
		no_leak "$s"
		run --separate-stderr ktk-topics -F "$TMP/ktk.conf" --cluster nope --list
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
	local b s=Zzz9SuperSecretToken addr
	# a listener, so that the brokers are reachable and the login is tried
	: >"$BATS_TEST_TMPDIR/addr"
	ktk-mock >"$BATS_TEST_TMPDIR/addr" 2>/dev/null &
	MOCK_PID=$!
	wait_for 20 test -s "$BATS_TEST_TMPDIR/addr"
	addr=$(head -n 1 "$BATS_TEST_TMPDIR/addr")
	for b in ktk-topics ktk-consumer ktk-producer; do
		run --separate-stderr timeout 30 "$b" -b "$addr" $(act "$b") \
			-X security.protocol=SASL_PLAINTEXT -X sasl.mechanism=OAUTHBEARER \
			-X enable.sasl.oauthbearer.unsecure.jwt=true \
			-X "sasl.oauthbearer.config=principal=bob clientSecret=$s" </dev/null
		[ "$status" -ne 0 ] || fail "$b: status 0"
		[[ $stderr == *"Failed to acquire SASL OAUTHBEARER token"* ]] || fail "$b: $stderr"
		no_leak "$s"
	done
	# librdkafka's own debug lines redact it too
	run --separate-stderr timeout 30 ktk-topics -v -v --debug all -b 127.0.0.1:1 --list \
		--timeout-ms 1000 -X security.protocol=SASL_PLAINTEXT -X sasl.mechanism=OAUTHBEARER \
		-X enable.sasl.oauthbearer.unsecure.jwt=true \
		-X "sasl.oauthbearer.config=principal=bob clientSecret=$s"
	[[ $stderr == *"sasl.oauthbearer.config"* ]] || fail "no debug output: $stderr"
	no_leak "$s"
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

# the long option names of binary $1, from its --help
long_names() {
	"$1" --help | grep -oE '^  (-[^ ], )?--[a-z0-9.-]+|^      --[a-z0-9.-]+' | grep -oE -- '--[a-z0-9.-]+' | cut -c3-
}

@test "options: no abbreviation of any long option is taken, in every binary; each says what was meant" {
	local b name short all
	for b in "$KTK_BIN_DIR"/ktk-*; do
		b=${b##*/}
		all=" $(long_names "$b" | tr '\n' ' ') "
		for name in $(long_names "$b"); do
			short=${name%?}
			[[ $all == *" $short "* ]] && continue # itself an option
			run --separate-stderr "$b" "--$short" 1
			[ "$status" -eq 64 ] || fail "$b --$short: status $status: $stderr"
			[[ $stderr == "$b: unknown option '--$short' (did you mean "*"--$name"* ]] ||
				fail "$b --$short: $stderr"
			run --separate-stderr "$b" "--$short=1"
			[ "$status" -eq 64 ] || fail "$b --$short=1: status $status: $stderr"
		done
	done
}

@test "options: Kafka's --timeout is the producer's linger, --topics is no --topics-with-overrides" {
	run --separate-stderr bash -c 'echo x | ktk-producer -t x --dry-run --partition-count 2 --timeout 1000'
	assert_success
	assert_equal "$stderr" "ktk-producer: note: --timeout is kafka-console-producer's name for --linger-ms"
	run --separate-stderr ktk-producer -t x --timeout-ms
	assert_equal "$status" 64
	assert_equal "$stderr" "ktk-producer: option '--timeout-ms' needs a value"
	run --separate-stderr ktk-topics --describe --topics demo
	assert_equal "$status" 64
	assert_equal "$stderr" "ktk-topics: unknown option '--topics' (did you mean --topic?)"
	run --separate-stderr ktk-topics --de -t demo
	assert_equal "$status" 64
	assert_equal "$stderr" "ktk-topics: unknown option '--de' (did you mean --describe, --delete, --delete-config or --debug? options are never abbreviated)"
	run --separate-stderr ktk-consumer --from-beginnign -t x
	assert_equal "$status" 64
	assert_equal "$stderr" "ktk-consumer: unknown option '--from-beginnign' (did you mean --from-beginning?)"
	run --separate-stderr ktk-dump-log --deep-iteratoin x.log
	assert_equal "$stderr" "ktk-dump-log: unknown option '--deep-iteratoin' (did you mean --deep-iteration?)"
	run --separate-stderr ktk-mock --brokres 2
	assert_equal "$stderr" "ktk-mock: unknown option '--brokres' (did you mean --brokers?)"
}

@test "options: Kafka's old names that only rename ours are taken, with a note (not with -q)" {
	local b
	for b in ktk-producer ktk-consumer ktk-topics; do
		run --separate-stderr "$b" --broker-list 127.0.0.1:1 --help
		assert_success
		assert_equal "$stderr" "$b: note: --broker-list is an old name of --bootstrap-server"
		run --separate-stderr "$b" -q --broker-list 127.0.0.1:1 --help
		assert_success
		assert_equal "$stderr" ""
	done
	run --separate-stderr ktk-consumer --whitelist 'a.*' --help
	assert_success
	assert_equal "$stderr" "ktk-consumer: note: --whitelist is an old name of --include"
	run --separate-stderr bash -c 'echo a:b | ktk-producer --broker-list=127.0.0.1:1 -t x --dry-run --partition-count 2 -K :'
	assert_success
	assert_output --partial "line 1"
	# the ktk config file has one long name everywhere
	run --separate-stderr ktk-consumer --ktk-config /dev/null --help
	assert_success
	assert_equal "$stderr" ""
}

@test "options: --timeout-ms is the consumer's idle exit (Kafka's); the producer's delivery timeout is --delivery-timeout-ms, its old name taken with a note" {
	run --separate-stderr ktk-producer --help
	assert_output --regexp '--delivery-timeout-ms MS +Give up delivering a record after MS'
	run --separate-stderr ktk-consumer --help
	assert_output --regexp '--timeout-ms MS +Exit \(status 0\) after MS milliseconds without'
	run --separate-stderr ktk-topics --help
	assert_output --regexp '--timeout-ms MS +Wait at most MS per step'
	# the old spelling still sets the delivery timeout (a record the dry
	# run cannot place is not waited for: the note is what is checked)
	run --separate-stderr bash -c 'echo x | ktk-producer -t x --dry-run --partition-count 1 --timeout-ms 1000 -v'
	assert_success
	[[ ${stderr} == "ktk-producer: note: --timeout-ms is ktk-producer's old name for --delivery-timeout-ms"* ]] || fail "$stderr"
	# the configuration dump names where message.timeout.ms came from
	run --separate-stderr ktk-producer -b 127.0.0.1:1 -t x --delivery-timeout-ms 1234 -X dump
	assert_success
	assert_line 'message.timeout.ms=1234  (--delivery-timeout-ms)'
}

@test "options: exact names still work between positional arguments and with values that look like options" {
	printf 'a--1\n' >"$TMP/f1"
	printf 'b--2\n' >"$TMP/f2"
	run --separate-stderr ktk-producer "$TMP/f1" --dry-run --partition-count=1 "$TMP/f2" --topic x --key-delimiter --
	assert_success
	assert_equal "${#lines[@]}" 2
	run --separate-stderr ktk-producer --topic=x --dry-run --partition-count 1 -- "$TMP/f1"
	assert_success
}

@test "json input: a line without \"value\" is an error naming the line, never a tombstone" {
	run --separate-stderr ktk-producer -t x --dry-run --partition-count 3 --input-format json \
		<<<$'{"key":"a","value":null}\n{"payload":"kcat-style"}\n{"key":"b"}\n{"key":null,"value":"v","vaule":1}'
	assert_failure 65
	assert_output $'line 1\t1'
	[[ $stderr == *'line 2: no "key" field (write "key": null for a record without a key)'* ]] || fail "$stderr"
	[[ $stderr == *'line 3: no "value" field (write "value": null for a record without a value)'* ]] || fail "$stderr"
	[[ $stderr == *'line 4: unknown field "vaule" (ktk fields: key, value, headers, partition, timestamp)'* ]] ||
		fail "$stderr"
}

@test "json input: kcat -J's envelope (payload, ts, flat headers) is read" {
	printf '%s\n' \
		'{"topic":"src","partition":2,"offset":0,"tstype":"create","ts":1700000000000,"broker":1,"headers":["h","1","h",null],"key":"k","payload":"kcat-style"}' \
		'{"topic":"src","partition":0,"offset":1,"tstype":"create","ts":1700000000001,"broker":1,"key":null,"payload":null}' \
		>"$TMP/kcat.json"
	run --separate-stderr ktk-producer -t x --dry-run --partition-count 3 --input-format json <"$TMP/kcat.json"
	assert_success
	assert_output $'line 1\t2\nline 2\t0'
}

@test "settings: --cluster or -F typed on the command line beats KTK_BOOTSTRAP_SERVER; -v says which was used" {
	printf 'cluster = local\n[local]\nbootstrap.servers = 127.0.0.1:3\n[broken]\nbootstrap.servers = 127.0.0.1:1\n' >"$TMP/ktk.conf"
	export KTK_BOOTSTRAP_SERVER=127.0.0.1:2
	run --separate-stderr ktk-topics -F "$TMP/ktk.conf" --cluster broken --list --timeout-ms 300
	assert_equal "$status" 69
	[[ $stderr == *"127.0.0.1:1"* && $stderr != *"127.0.0.1:2"* ]] || fail "$stderr"
	run --separate-stderr ktk-topics -v -F "$TMP/ktk.conf" --cluster broken --list --timeout-ms 300
	assert_equal "${stderr_lines[0]}" "ktk-topics: note: bootstrap.servers 127.0.0.1:1 ($TMP/ktk.conf:5), not 127.0.0.1:2 (KTK_BOOTSTRAP_SERVER)"
	# -F alone: the file's default cluster
	run --separate-stderr ktk-topics -F "$TMP/ktk.conf" --list --timeout-ms 300
	[[ $stderr == *"127.0.0.1:3"* ]] || fail "$stderr"
	# nothing typed: the documented order, the environment first
	KTK_CONFIG=$TMP/ktk.conf KTK_CLUSTER=broken run --separate-stderr ktk-topics -v --list --timeout-ms 300
	assert_equal "${stderr_lines[0]}" "ktk-topics: note: bootstrap.servers 127.0.0.1:2 (KTK_BOOTSTRAP_SERVER), not 127.0.0.1:1 ($TMP/ktk.conf:5)"
	[[ $stderr == *"at 127.0.0.1:2"* ]] || fail "$stderr"
	# -b beats everything, and without -v there is no note
	run --separate-stderr ktk-topics -b 127.0.0.1:4 -F "$TMP/ktk.conf" --cluster broken --list --timeout-ms 300
	[[ $stderr == *"127.0.0.1:4"* && $stderr != *note* ]] || fail "$stderr"
	# the same in the producer and the consumer
	run --separate-stderr bash -c 'echo x | ktk-producer -v -F "$0" --cluster broken -t x --dry-run --partition-count 1' "$TMP/ktk.conf"
	assert_success
	assert_equal "${stderr_lines[0]}" "ktk-producer: note: bootstrap.servers 127.0.0.1:1 ($TMP/ktk.conf:5), not 127.0.0.1:2 (KTK_BOOTSTRAP_SERVER)"
	run --separate-stderr timeout 20 ktk-consumer -v -F "$TMP/ktk.conf" --cluster broken -t x -e --timeout-ms 300
	assert_equal "${stderr_lines[0]}" "ktk-consumer: note: bootstrap.servers 127.0.0.1:1 ($TMP/ktk.conf:5), not 127.0.0.1:2 (KTK_BOOTSTRAP_SERVER)"
}

# one_voice REGEX CMD...: the last line of stderr of CMD, less "prog: ",
# matches REGEX, with exit 64 (or $want)
one_voice() {
	local re=$1 b=$2
	shift
	run --separate-stderr "$@" </dev/null
	[ "$status" -eq "${want:-64}" ] || fail "$*: status $status: $stderr"
	[[ ${stderr_lines[-1]} =~ ^$b:\ $re$ ]] || fail "$*: '${stderr_lines[-1]}' does not match '$re'"
}

@test "one voice: the same mistake reads the same in all five binaries" {
	local num="--[a-z-]+: 'x' is not a number"
	one_voice "$num" ktk-producer -t t --partition x
	one_voice "$num" ktk-consumer -t t --partition x
	one_voice "$num" ktk-topics --create -t t --partitions x
	one_voice "$num" ktk-dump-log --offset x d
	one_voice "$num" ktk-mock --brokers x

	# (-p -1 is kcat's "every partition" / "the partitioner chooses")
	local range="--[a-z-]+: '(-2|-1|0)' is out of range \(-?[0-9]+\.\.[0-9]+\)"
	one_voice "$range" ktk-producer -t t --partition -2
	one_voice "$range" ktk-consumer -t t --partition -2
	one_voice "$range" ktk-topics --list --timeout-ms 0
	one_voice "$range" ktk-dump-log --offset -1 d
	one_voice "$range" ktk-mock --brokers 0

	local enum="--[a-z-]+: 'x' is not one of: [a-z0-9_, -]+"
	one_voice "$enum" ktk-producer -t t --acks x
	one_voice "$enum" ktk-consumer -t t --isolation-level x
	one_voice "$enum" ktk-topics --ktk-emit x
	one_voice "$enum" ktk-dump-log --ktk-emit x
	one_voice "$enum" ktk-mock --ktk-emit x

	local required="--[a-z]+( or --[a-z]+| or FILE\.\.\.)? is required( with --[a-z]+| \(see --help\))"
	one_voice "$required" ktk-producer
	one_voice "$required" ktk-consumer
	one_voice "$required" ktk-topics --create
	one_voice "$required" ktk-dump-log

	local conflict="--[a-z-]+ and --[a-z-]+ cannot be used together"
	one_voice "$conflict" ktk-producer -t t --partition 0 --partitioner random
	one_voice "$conflict" ktk-consumer -t t --from-beginning --offset 5
	one_voice "$conflict" ktk-topics --describe --topic t --topic-id x
	one_voice "$conflict" ktk-dump-log --offset 1 --timestamp 2 d

	# a configuration file that cannot be read: its path and why, exit 78
	# (README: an unreadable configuration file is a configuration error)
	local missing="/nonexistent/x.properties: No such file or directory" b f
	for b in ktk-producer ktk-consumer ktk-topics; do
		for f in -F --command-config; do
			want=78 one_voice "$missing" "$b" "$f" /nonexistent/x.properties $(act "$b")
		done
	done
	want=78 one_voice "$missing" ktk-producer -t t --producer.config /nonexistent/x.properties
	want=78 one_voice "$missing" ktk-producer -t t --reader-config /nonexistent/x.properties
	want=78 one_voice "$missing" ktk-consumer -t t --consumer.config /nonexistent/x.properties
	want=78 one_voice "$missing" ktk-consumer -t t --formatter-config /nonexistent/x.properties
}

@test "stderr: bytes from a file are escaped in every message (no terminal escapes), in every broker-facing binary" {
	local b
	printf '\033[2Jbogus\007=1\n' >"$TMP/esc.properties"
	for b in ktk-topics ktk-consumer ktk-producer; do
		run --separate-stderr "$b" --command-config "$TMP/esc.properties" $(act "$b") </dev/null
		assert_equal "$status" 78
		assert_equal "$stderr" "$b: No such configuration property: \"\\x1b[2Jbogus\\x07\" (from $TMP/esc.properties:1)"
	done
}

@test "stdout: ktk-dump-log and ktk-mock report a failed standard output and exit 1" {
	local f=$KTK_TOP/tests/fixtures/dump-log/broker/__cluster_metadata-0/00000000000000000000.log
	run --separate-stderr bash -c '"$0" -d "$1" >&-' ktk-dump-log "$f"
	assert_equal "$status" 1
	assert_equal "$stderr" "ktk-dump-log: standard output is closed (nothing read)"
	# F11: the first failed write ends the output, with its reason
	run --separate-stderr bash -c '"$0" -d -p "$1" >/dev/full' ktk-dump-log "$f"
	assert_equal "$status" 1
	assert_equal "$stderr" "ktk-dump-log: standard output: No space left on device"
	# and | head ends quietly with 0 (issue 17: it was 141)
	run --separate-stderr bash -c '"$0" -d -p "$1" | head -c1 >/dev/null; echo "${PIPESTATUS[0]}"' ktk-dump-log "$f"
	assert_equal "$stderr" ""
	assert_equal "$output" "0"
	# the mock's address is all it writes: an address nobody got is an error
	run --separate-stderr timeout 10 bash -c 'ktk-mock >/dev/full'
	assert_equal "$status" 1
	assert_equal "$stderr" "ktk-mock: standard output: No space left on device"
}

@test "summaries: plurals are right (1 record, 2 records) and sizes are human (bytes, kB, MB) as on the progress line" {
	local addr v
	: >"$BATS_TEST_TMPDIR/addr"
	ktk-mock --topic demo:1 >"$BATS_TEST_TMPDIR/addr" 2>/dev/null &
	MOCK_PID=$!
	wait_for 20 test -s "$BATS_TEST_TMPDIR/addr"
	addr=$(head -n 1 "$BATS_TEST_TMPDIR/addr")
	run --separate-stderr timeout 60 ktk-producer -b "$addr" -t demo -v <<<a
	assert_success
	assert_regex "$stderr" '(^|
)ktk-producer: 1 record read, 1 delivered, 0 failed, 1 byte in [0-9.]+ s \([0-9]+ records/s, [0-9]+ B/s\)($|
)'
	v=$(head -c 999 /dev/zero | tr '\0' v)
	run --separate-stderr timeout 60 bash -c 'for i in $(seq 2000); do echo "$0"; done | ktk-producer -b "$1" -t demo -v' "$v" "$addr"
	assert_success
	assert_regex "$stderr" 'ktk-producer: 2000 records read, 2000 delivered, 0 failed, 2\.0 MB in [0-9.]+ s \([0-9]+ records/s, [0-9.]+ [kMG]B/s\)'
	refute_regex "$stderr" '\(s\)|[0-9]{4,} bytes'
	run --separate-stderr timeout 60 ktk-consumer -b "$addr" -t demo -o beginning -c 1 -v
	assert_success
	assert_output a
	assert_regex "$stderr" 'ktk-consumer: demo \[0\]: 1 record, 1 byte, last offset 0'
	assert_regex "$stderr" 'ktk-consumer: 1 record in total'
	run --separate-stderr timeout 60 ktk-consumer -b "$addr" -t demo -p 0 -o beginning -c 1 -v -v
	assert_success
	assert_regex "$stderr" 'ktk-consumer: assigned 1 partition: demo\[0\]'
	run --separate-stderr timeout 60 ktk-consumer -b "$addr" -t demo -o beginning -e -v
	assert_success
	assert_regex "$stderr" 'ktk-consumer: demo \[0\]: 2001 records, 2\.0 MB, last offset 2000'
	assert_regex "$stderr" 'ktk-consumer: 2001 records in total'
}
