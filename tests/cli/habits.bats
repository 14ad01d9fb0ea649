#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# kcat and Kafka habits (issue 17): what a kcat or console-script user
# types either works as they expect or is refused in one line that says
# what to type instead. Offline, or against ktk-mock where a cluster helps.
load helpers

# one line on stderr, exit 64, naming the program
bad() {
	local prog=$1
	shift
	run --separate-stderr "$prog" "$@"
	assert_equal "$status" 64
	assert_equal "${#stderr_lines[@]}" 1
	[[ ${stderr_lines[0]} == "$prog: "* ]] || fail "stderr: $stderr"
	assert_output ''
}

start_mock() {
	: >"$BATS_TEST_TMPDIR/addr"
	ktk-mock "$@" >"$BATS_TEST_TMPDIR/addr" 2>"$BATS_TEST_TMPDIR/mock.err" &
	MOCK_PID=$!
	wait_for 20 test -s "$BATS_TEST_TMPDIR/addr"
	B=$(head -n 1 "$BATS_TEST_TMPDIR/addr")
}

teardown() {
	if [ -n "${MOCK_PID:-}" ]; then
		kill "$MOCK_PID" 2>/dev/null || true
		wait "$MOCK_PID" 2>/dev/null || true
	fi
}

@test "-t a,b and -t '^de.*' are refused: repeat -t, or --include" {
	bad ktk-consumer -b 127.0.0.1:1 -t demo,hdr -o beginning -e
	assert_equal "$stderr" "ktk-consumer: --topic 'demo,hdr': one topic name per --topic; repeat -t for each topic"
	bad ktk-consumer -b 127.0.0.1:1 -t '^de.*' -o beginning -e
	assert_equal "$stderr" "ktk-consumer: --topic '^de.*': a topic name, not a pattern; use --include '^de.*' for a regular expression"
	bad ktk-consumer -b 127.0.0.1:1 -t 'bad name'
	assert_regex "$stderr" "illegal character at position 4"
	bad ktk-producer -b 127.0.0.1:1 -t demo,hdr
	assert_regex "$stderr" "^ktk-producer: --topic 'demo,hdr': one topic name; ktk-producer writes one topic"
	bad ktk-producer -b 127.0.0.1:1 -t 'de*'
	assert_regex "$stderr" "not a pattern"
}

@test "group.id in --consumer.config, --command-config or --consumer-property joins that group and commits" {
	start_mock --topic demo:3
	printf 'a\nb\nc\n' | ktk-producer -b "$B" -t demo
	printf 'group.id=fromprops\nbootstrap.servers=%s\n' "$B" >"$BATS_TEST_TMPDIR/java.properties"
	run --separate-stderr ktk-consumer --consumer.config "$BATS_TEST_TMPDIR/java.properties" \
		-t demo --from-beginning -e -v
	assert_success
	assert_equal "$(sort <<<"$output" | tr -d '\n')" abc
	assert_regex "$stderr" "group fromprops \(group.id from .*java.properties:1\)"
	assert_regex "$stderr" "committed"
	# the same file as --command-config: the same group, which has read it all
	run --separate-stderr ktk-consumer --command-config "$BATS_TEST_TMPDIR/java.properties" \
		-t demo -o stored -e -v
	assert_success
	assert_output ''
	assert_regex "$stderr" "group fromprops \(group.id from .*java.properties:1\)"
	run --separate-stderr ktk-consumer -b "$B" -t demo --consumer-property group.id=g2 -o stored -e -v
	assert_success
	assert_regex "$stderr" "group g2 \(group.id from --consumer-property\)"
	# --partition reads without a group, and says so
	run --separate-stderr ktk-consumer -b "$B" -t demo -p 0 --consumer-property group.id=g3 -o beginning -e
	assert_success
	assert_regex "$stderr" "group.id g3 \(from --consumer-property\) not used: --partition reads without a group"
}

@test "-e with no start offset says once that it starts at the end; -q and -o keep quiet" {
	start_mock --topic demo:3
	printf 'a\nb\nc\n' | ktk-producer -b "$B" -t demo
	run --separate-stderr ktk-consumer -b "$B" -t demo -e
	assert_success
	assert_output ''
	assert_equal "$stderr" "ktk-consumer: -e with no --offset starts at the end, so it reads nothing already there (kcat starts at the beginning: add -o beginning)"
	run --separate-stderr ktk-consumer -b "$B" -t demo -e -q
	assert_success
	assert_equal "$stderr" ''
	run --separate-stderr ktk-consumer -b "$B" -t demo -e -o beginning
	assert_success
	assert_equal "$stderr" ''
	assert_equal "${#lines[@]}" 3
}

@test "the JSON copy: a partition the target lacks is refused before it is sent; --ignore-partition and --ignore-timestamp" {
	start_mock --topic big:6 --topic demo:3 --topic copy:3
	seq 1 12 | sed 's/.*/k&:v&/' | ktk-producer -b "$B" -t big -K:
	ktk-consumer -b "$B" -t big -o beginning -e -J >"$BATS_TEST_TMPDIR/copy.json"
	assert_equal "$(wc -l <"$BATS_TEST_TMPDIR/copy.json")" 12
	# the first record for partition 3, 4 or 5 ends the copy, in one line
	run --separate-stderr ktk-producer -b "$B" -t demo --input-format json <"$BATS_TEST_TMPDIR/copy.json"
	assert_failure 1
	assert_equal "${#stderr_lines[@]}" 1
	assert_regex "$stderr" "^ktk-producer: line [0-9]+: topic demo has no partition [345] \(it has 3\); --ignore-partition lets the partitioner choose$"
	# -p names a partition up front
	run --separate-stderr ktk-producer -b "$B" -t demo -p 7 <<<x
	assert_failure 1
	assert_equal "$stderr" "ktk-producer: topic demo has no partition 7 (it has 3)"
	# the partitioner chooses; records are stamped now
	sed -i 's/"timestamp":[0-9]*/"timestamp":1000/' "$BATS_TEST_TMPDIR/copy.json"
	run --separate-stderr ktk-producer -b "$B" -t copy --input-format json --ignore-partition --ignore-timestamp <"$BATS_TEST_TMPDIR/copy.json"
	assert_success
	run --separate-stderr ktk-consumer -b "$B" -t copy -o beginning -e -f '%T %k %s\n'
	assert_success
	assert_equal "${#lines[@]}" 12
	local now=$(($(date +%s) * 1000)) ts
	for ts in $(cut -d' ' -f1 <<<"$output"); do
		((ts > now - 600000)) || fail "timestamp $ts kept from the source"
	done
	assert_equal "$(cut -d' ' -f2- <<<"$output" | sort | tr '\n' ' ')" "$(seq 1 12 | sed 's/.*/k& v&/' | sort | tr '\n' ' ')"
	# without --ignore-timestamp the source's timestamp stays
	head -1 "$BATS_TEST_TMPDIR/copy.json" | ktk-producer -b "$B" -t copy --input-format json --ignore-partition
	run ktk-consumer -b "$B" -t copy -o -1 -e -f '%T\n'
	assert_line 1000
}

@test "kcat's -d CONTEXTS is --debug in producer and consumer" {
	start_mock --topic demo:1
	run --separate-stderr ktk-producer -b "$B" -t demo -d broker <<<x
	assert_success
	assert_regex "$stderr" "librdkafka [A-Z]+: "
	run --separate-stderr ktk-consumer -b "$B" -t demo -d cgrp -o beginning -e -q
	assert_success
	assert_output x
	assert_regex "$stderr" "librdkafka CGRP"
	run --separate-stderr ktk-consumer -b "$B" -t demo -d bogus -e
	assert_failure 78
	assert_regex "$stderr" 'debug.*\(from --debug\)'
}

@test "kcat's -o s@TS starts and -o e@TS stops at a time" {
	bad ktk-consumer -t a -o s@x
	assert_regex "$stderr" "--offset:? 's@x'"
	bad ktk-consumer -t a -o e@x
	assert_regex "$stderr" "--offset:? '@x'"
	# both are taken: the run goes on to the (unreachable) cluster
	run --separate-stderr timeout 60 ktk-consumer -b 127.0.0.1:1 -t a -o s@1700000000000 -o e@1800000000000
	assert_failure 69
}

@test "kcat's -X transactional.id=ID is --transactional-id: the records are delivered in a transaction" {
	start_mock --topic demo:1
	run --separate-stderr ktk-producer -b "$B" -t demo -X transactional.id=tx1 -v <<<$'a\nb'
	assert_success
	assert_regex "$stderr" "2 records read, 2 delivered, 0 failed"
	refute_regex "$stderr" "Erroneous state"
	run --separate-stderr ktk-producer -b "$B" -t demo --producer-property transactional.id=tx2 <<<c
	assert_success
	run ktk-consumer -b "$B" -t demo -o beginning -e --isolation-level read_committed
	assert_success
	assert_output "$(printf 'a\nb\nc')"
	# the same rules as --transactional-id
	bad ktk-producer -b "$B" -t demo -X transactional.id=tx3 --acks 1
	assert_regex "$stderr" "--transactional-id needs --acks all"
}

@test "kcat's -p -1: the partitioner chooses (producer), every partition (consumer)" {
	start_mock --topic demo:3
	run --separate-stderr ktk-producer -b "$B" -t demo -p -1 -K : <<<$'k1:a\nk2:b\nk3:c'
	assert_success
	run ktk-consumer -b "$B" -t demo -p -1 -o beginning -e
	assert_success
	assert_equal "$(sort <<<"$output" | tr -d '\n')" abc
	bad ktk-producer -t demo -p -2
	bad ktk-consumer -t demo -p -2
}

@test "kcat's consumer -K SEP, -D SEP and -Z print key SEP value, records ending with SEP, NULL for null" {
	start_mock --topic kz:1
	ktk-producer -b "$B" -t kz -K: -Z <<<$'k1:v1\n:v2\nk3:'
	ktk-consumer -b "$B" -t kz -o beginning -e -K '\t' -D '\0' -Z >"$BATS_TEST_TMPDIR/out"
	assert_equal "$(od -An -c "$BATS_TEST_TMPDIR/out" | tr -s ' \n' ' ')" " k 1 \t v 1 \0 N U L L \t v 2 \0 k 3 \t N U L L \0 "
	run ktk-consumer -b "$B" -t kz -o beginning -e -K :
	assert_output "$(printf 'k1:v1\nnull:v2\nk3:null')"
	bad ktk-consumer -t kz -K : -J
	assert_regex "$stderr" "--property/--formatter-config/-K/-D/-Z"
	bad ktk-consumer -t kz -D '\q'
	assert_regex "$stderr" "-D '\\\\q': bad escape"
}

@test "kcat's -G GROUP TOPIC...: a group member, topics as arguments, ^REGEX as --include" {
	start_mock --topic kg:2 --topic kh:1
	ktk-producer -b "$B" -t kg <<<a
	ktk-producer -b "$B" -t kh <<<b
	run --separate-stderr ktk-consumer -b "$B" -G g1 kg kh -o beginning -e -v
	assert_success
	assert_equal "$(sort <<<"$output" | tr -d '\n')" ab
	assert_regex "$stderr" "committed"
	run --separate-stderr ktk-consumer -b "$B" -G g2 '^k[gh]$' -o beginning -e
	assert_success
	assert_equal "$(sort <<<"$output" | tr -d '\n')" ab
	bad ktk-consumer -G g3 '^a' '^b'
	assert_regex "$stderr" "one \^REGEX topic at most"
	bad ktk-consumer -G g3 'a,b'
	assert_regex "$stderr" "repeat -t"
	bad ktk-consumer -t a extra
	assert_equal "$stderr" "ktk-consumer: unexpected argument 'extra'"
}

@test "a Java client.properties as it is: Java-only properties dropped with a -v note, Java spellings translated" {
	start_mock --topic demo:1
	ktk-producer -b "$B" -t demo <<<x
	printf 'bootstrap.servers=%s\nmax.poll.records=10\nfetch.max.wait.ms=100\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\n' "$B" \
		>"$BATS_TEST_TMPDIR/java.properties"
	run --separate-stderr ktk-consumer --consumer.config "$BATS_TEST_TMPDIR/java.properties" -t demo -o beginning -e
	assert_success
	assert_output x
	assert_equal "$stderr" ''
	run --separate-stderr ktk-consumer --consumer.config "$BATS_TEST_TMPDIR/java.properties" -t demo -o beginning -e -v
	assert_success
	assert_regex "$stderr" "ignored Java-only properties: key.deserializer,max.poll.records"
	run --separate-stderr ktk-producer -b "$B" -t demo -X max.request.size=2000000 --producer-property metadata.max.idle.ms=1000 <<<y
	assert_success
	assert_equal "$stderr" ''
}

@test "a kcat config file (-F) with metadata.broker.list is not overridden by the default localhost:9092" {
	start_mock --topic demo:1
	printf 'metadata.broker.list=%s\n' "$B" >"$BATS_TEST_TMPDIR/kcat.conf"
	run --separate-stderr timeout 30 ktk-producer -F "$BATS_TEST_TMPDIR/kcat.conf" -t demo <<<z
	assert_success
	run --separate-stderr timeout 30 ktk-consumer -F "$BATS_TEST_TMPDIR/kcat.conf" -t demo -o beginning -e
	assert_success
	assert_output z
	# -b still wins
	run --separate-stderr timeout 60 ktk-consumer -F "$BATS_TEST_TMPDIR/kcat.conf" -b 127.0.0.1:1 -t demo -e
	assert_failure 69
}

@test "-v tells joining a group, each partition's start offset; librdkafka errors once, never after the summary" {
	start_mock --topic demo:2
	ktk-producer -b "$B" -t demo -p 0 <<<$'a\nb\nc'
	run --separate-stderr ktk-consumer -b "$B" -t demo -o -2 -e -v
	assert_success
	assert_regex "$stderr" "demo \[0\]: starts at offset 1 \(records before the end\)"
	assert_regex "$stderr" "demo \[1\]: starts at offset 0 \(records before the end\)"
	run --separate-stderr ktk-consumer -b "$B" -t demo -o beginning -e -v
	assert_regex "$stderr" "demo \[0\]: starts at offset 0 \(the beginning\)"
	run --separate-stderr ktk-consumer -b "$B" -t demo -g gv -o beginning -e -v
	assert_success
	assert_regex "$stderr" "joining group gv: waiting for the group to assign partitions"
	assert_regex "$stderr" "demo \[0\]: starts at offset 0"
	# a dead broker: each error once, the summary last
	run --separate-stderr ktk-producer -b 127.0.0.1:1 -t demo --delivery-timeout-ms 1000 -v <<<x
	assert_failure
	refute_regex "$stderr" "librdkafka FAIL"
	assert_equal "$(sort <<<"$stderr" | uniq -d)" ''
	# the summary is the last line
	run --separate-stderr ktk-producer -b "$B" -t demo -v -d broker <<<x
	assert_success
	[[ ${stderr_lines[-1]} =~ ^ktk-producer:\ 1\ records?\ read,\ 1\ delivered ]] || fail "last line: ${stderr_lines[-1]}"
	run --separate-stderr ktk-consumer -b "$B" -t demo -o beginning -e -v -d broker
	assert_success
	[[ ${stderr_lines[-1]} =~ ^ktk-consumer:\ [0-9]+\ records?\ in\ total ]] || fail "last line: ${stderr_lines[-1]}"
	run --separate-stderr timeout 60 ktk-consumer -b 127.0.0.1:1 -t demo -e -v
	assert_failure 69
	refute_regex "$stderr" "librdkafka FAIL"
}

@test "kcat flags that mean something else here say what to type instead, in one line (exit 64)" {
	bad ktk-consumer -t a -P
	assert_equal "$stderr" "ktk-consumer: -P: kcat's produce mode; use ktk-producer"
	bad ktk-consumer -L
	assert_regex "$stderr" "use ktk-topics --describe"
	bad ktk-consumer -Q -t a:0:1000
	assert_regex "$stderr" "use ktk-topics -Q -t TOPIC\[:PARTITION\]:TIME"
	bad ktk-consumer -t a -m 5
	assert_regex "$stderr" "--timeout-ms"
	# -s and -r are kcat's own meaning here: the schema registry (schema.bats)
	bad ktk-producer -t a -C
	assert_regex "$stderr" "use ktk-consumer"
	bad ktk-producer -t a -G grp
	assert_regex "$stderr" "ktk-consumer -G GROUP TOPIC"
	bad ktk-producer -t a -l file.txt
	assert_regex "$stderr" "give the file as an argument"
	bad ktk-producer -t a -M 3
	assert_regex "$stderr" "ktk-mock --brokers N"
	# kcat's own mode flag of the tool, -E and -O: nothing to do
	run --separate-stderr timeout 60 ktk-consumer -C -E -O -b 127.0.0.1:1 -t a -e
	assert_failure 69
	run --separate-stderr ktk-producer -P -E -t a --dry-run --partition-count 1 <<<x
	assert_success
	# hidden: not in --help
	run ktk-consumer --help
	refute_output --partial 'kcat-P'
}

@test "kcat's config file is read when ktk has none: \$KCAT_CONFIG, then ~/.config/kcat.conf" {
	start_mock --topic demo:1
	mkdir -p "$BATS_TEST_TMPDIR/home/.config"
	printf 'metadata.broker.list=%s\n' "$B" >"$BATS_TEST_TMPDIR/kc.conf"
	run --separate-stderr env -u KTK_CONFIG HOME="$BATS_TEST_TMPDIR/home" XDG_CONFIG_HOME= \
		KCAT_CONFIG="$BATS_TEST_TMPDIR/kc.conf" timeout 30 ktk-producer -t demo <<<k1
	assert_success
	cp "$BATS_TEST_TMPDIR/kc.conf" "$BATS_TEST_TMPDIR/home/.config/kcat.conf"
	run --separate-stderr env -u KTK_CONFIG -u KCAT_CONFIG HOME="$BATS_TEST_TMPDIR/home" XDG_CONFIG_HOME= \
		timeout 30 ktk-consumer -t demo -o beginning -e
	assert_success
	assert_output k1
	# ktk's own file wins over kcat's
	mkdir -p "$BATS_TEST_TMPDIR/home/.config/ktk"
	printf 'bootstrap.servers=127.0.0.1:1\n' >"$BATS_TEST_TMPDIR/home/.config/ktk/config"
	run --separate-stderr env -u KTK_CONFIG -u KCAT_CONFIG HOME="$BATS_TEST_TMPDIR/home" XDG_CONFIG_HOME= \
		timeout 60 ktk-consumer -t demo -e
	assert_failure 69
}

@test "kcat's -X list prints librdkafka's properties and exits 0, in every tool taking -X" {
	local prog
	for prog in ktk-producer ktk-consumer ktk-topics ktk-groups; do
		run --separate-stderr "$prog" -X list
		assert_success
		assert_equal "$stderr" ''
		assert_regex "$output" "bootstrap.servers +\|"
		assert_regex "$output" "sasl.password +\|"
		# the old reading of -X list: a KEY=VALUE missing its =
		[[ $output != *"expected KEY=VALUE"* ]] || fail "$prog: $output"
	done
	run --separate-stderr ktk-producer --command-property list
	assert_success
	assert_regex "$output" "message.timeout.ms +\|"
	# a closed reader is no failure
	run bash -c 'ktk-consumer -X list | head -1'
	assert_success
}

@test "kcat's -X dump prints the configuration the command would use, sorted, with sources, secrets masked, and exits 0 without a broker" {
	printf 'security.protocol=SASL_SSL\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="hunter2-jaas";\nssl.key.password=k3y-pass-word\n' >"$BATS_TEST_TMPDIR/c.properties"
	run --separate-stderr ktk-producer -b 127.0.0.1:1 -t demo --acks 1 --linger-ms 7 \
		--command-config "$BATS_TEST_TMPDIR/c.properties" -X sasl.password=hunter2 -X dump
	assert_success
	assert_equal "$stderr" ''
	[[ $output != *hunter2* && $output != *k3y-pass* ]] || fail "a secret shown: $output"
	assert_line 'acks=1  (--acks)'
	assert_line 'bootstrap.servers=127.0.0.1:1  (--bootstrap-server)'
	assert_line 'client.id=ktk-producer  (default)'
	assert_line 'sasl.password=********  (-X)'
	assert_line --regexp '^sasl.username=u  \(.*c.properties:2\)$'
	assert_line --regexp '^ssl.key.password=\*+  \(.*c.properties:3\)$'
	assert_line --regexp '^linger.ms=7  '
	assert_equal "$output" "$(sort <<<"$output")"
	# the consumer shows its own settings on top of the user's
	run --separate-stderr ktk-consumer -b 127.0.0.1:1 -t demo -g G --from-beginning -X dump
	assert_success
	assert_line 'group.id=G  (ktk-consumer)'
	assert_line 'auto.offset.reset=earliest  (ktk-consumer)'
	assert_line 'bootstrap.servers=127.0.0.1:1  (--bootstrap-server)'
	# the admin tools show theirs
	for prog in ktk-topics ktk-groups; do
		run --separate-stderr "$prog" --list -b 127.0.0.1:1 -X client.id=me -X dump
		assert_success
		assert_line 'client.id=me  (-X)'
		[[ $output != *"expected KEY=VALUE"* ]] || fail "$prog: $output"
	done
	# a bad command line is still one (the topic is required)
	bad ktk-producer -b 127.0.0.1:1 -X dump
}

@test "-c 0 means one thing: the consumer reads no record, the producer refuses it and says to leave -c out" {
	start_mock --topic demo:1
	printf 'a\nb\n' | ktk-producer -b "$B" -t demo -q
	run --separate-stderr ktk-consumer -b "$B" -t demo -o beginning -e -c 0
	assert_success
	assert_output ''
	# the producer took -c 0 as no limit and sent everything
	bad ktk-producer -b "$B" -t demo -c 0 <<<c
	assert_equal "$stderr" "ktk-producer: --max-messages: '0' is out of range (1..9223372036854775807); for no limit leave -c out"
	run --separate-stderr ktk-consumer -b "$B" -t demo -o beginning -e
	assert_output "$(printf 'a\nb')"
	# and -c N is N records in both
	printf 'e\nf\ng\n' | ktk-producer -b "$B" -t demo -c 1 -q
	run --separate-stderr ktk-consumer -b "$B" -t demo -o beginning -e -c 2
	assert_output "$(printf 'a\nb')"
	run --separate-stderr ktk-consumer -b "$B" -t demo -o 2 -e
	assert_output e
}

@test "-F has one long spelling in every tool taking it (--ktk-config), --config too where it is not ktk-topics' own" {
	local f=$BATS_TEST_TMPDIR/ktk.conf prog
	printf '[dev]\nbootstrap.servers=127.0.0.1:7\n' >"$f"
	for prog in ktk-producer ktk-consumer ktk-topics ktk-groups; do
		for spelling in -F --ktk-config --config; do
			[ "$prog/$spelling" = ktk-topics/--config ] && continue
			run --separate-stderr "$prog" $(act_of "$prog") "$spelling" "$f" --cluster dev -X dump
			assert_success
			assert_line --regexp "^bootstrap.servers=127.0.0.1:7  \\(.*ktk.conf"
			assert_equal "$stderr" ''
		done
	done
	# ktk-topics' --config is a topic's (Kafka's), KEY=VALUE
	bad ktk-topics --create -t x --config "$f"
	assert_regex "$stderr" "--config"
}

# what each tool needs to get to -X dump
act_of() {
	case $1 in
	ktk-producer | ktk-consumer) echo -t x ;;
	ktk-topics | ktk-groups) echo --list ;;
	esac
}

@test "kcat's and the consumer's -J is JSON input in the producer (--input-format json)" {
	run --separate-stderr ktk-producer -t x -J --dry-run --partition-count 4 <<<'{"key":null,"value":"v","partition":3}'
	assert_success
	assert_output "$(printf 'line 1\t3')"
	# the old reading: an unknown option
	run --separate-stderr ktk-producer -t x --json --dry-run --partition-count 4 <<<'{"key":null,"value":"v","partition":2}'
	assert_success
	assert_output "$(printf 'line 1\t2')"
	# what is not JSON is refused as JSON input refuses it
	run --separate-stderr ktk-producer -t x -J --dry-run --partition-count 4 <<<'k:v'
	assert_failure 65
	assert_regex "$stderr" "line 1: column 1: not JSON"
	bad ktk-producer -t x -J --input-format raw
	assert_equal "$stderr" "ktk-producer: -J and --input-format cannot be used together"
	run --separate-stderr ktk-producer -t x -J --input-format json --dry-run --partition-count 1 <<<'{"key":null,"value":"v"}'
	assert_success
}

@test "| head ends with 0 in every tool: consumer, producer (--tee, --dry-run), topics, dump-log, --help and -X list" {
	start_mock --topic demo:2
	seq 1 20000 | ktk-producer -b "$B" -t demo -q
	local cmd
	for cmd in \
		"ktk-consumer -b $B -t demo -o beginning" \
		"seq 1 200000 | ktk-producer -b $B -t demo --tee -q" \
		"seq 1 200000 | ktk-producer -t demo --dry-run --partition-count 3" \
		"ktk-topics -b $B --list" \
		"ktk-dump-log -d -p $KTK_TOP/tests/fixtures/dump-log/broker/__cluster_metadata-0/00000000000000000000.log" \
		"ktk-groups --help" \
		"ktk-consumer -X list"; do
		# the status of the ktk tool, next to head (seq may die of SIGPIPE)
		run --separate-stderr timeout 60 bash -c "$cmd | head -c1 >/dev/null; echo \${PIPESTATUS[-2]}"
		assert_success
		[ "$output" = 0 ] || fail "$cmd | head: exit $output, $stderr"
		assert_equal "$stderr" ''
	done
}
