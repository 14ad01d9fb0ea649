#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-producer against the real Kafka: what it writes is read back with
# Kafka's own ConsoleConsumer and compared byte for byte; partitions are
# compared with Kafka's ConsoleProducer; transactions with a read_committed
# consumer.

bats_require_minimum_version 1.5.0
load ../helpers

setup() {
	need_kafka
}

# create_topic TOPIC PARTITIONS [--config K=V]...
create_topic() {
	local t=$1 p=$2
	shift 2
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
		--create --topic "$t" --partitions "$p" --replication-factor 1 "$@" >/dev/null
}

# consume TOPIC N [--formatter-property K=V | other ConsoleConsumer flags]...
# writes the N records as Kafka's DefaultMessageFormatter prints them
consume() {
	local t=$1 n=$2
	shift 2
	kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" \
		--topic "$t" --from-beginning --max-messages "$n" --timeout-ms 30000 "$@" 2>/dev/null
}

# key, headers, value with "<NULL>" for null: one record per line
show_all() {
	consume "$1" "$2" --formatter-property print.key=true \
		--formatter-property print.headers=true \
		--formatter-property null.literal='<NULL>' \
		--formatter-property key.separator='|' "${@:3}"
}

@test "LineMessageReader properties: keys, headers with duplicates and nulls, null.marker, empty vs null" {
	t=$(unique_topic line)
	create_topic "$t" 1
	printf '%s\n' \
		$'a:1,a:2,b:NULL\tk1\tv1' \
		$'NULL\tk2\t' \
		$'c:\t\tempty-key' \
		$'d:x\tNULL\tNULL' \
		$'e:y\tk5\tNULL' |
		ktk-producer -b "$BOOTSTRAP" -t "$t" --property parse.key=true \
			--property parse.headers=true --property null.marker=NULL
	run show_all "$t" 5
	assert_success
	assert_output "$(printf '%s\n' \
		'a:1,a:2,b:<NULL>|k1|v1' \
		'NO_HEADERS|k2|' \
		'c:||empty-key' \
		'd:x|<NULL>|<NULL>' \
		'e:y|k5|<NULL>')"
}

@test "custom separators and --reader-config, as kafka-console-producer reads them" {
	t=$(unique_topic sep)
	create_topic "$t" 1
	printf 'parse.key=true\nkey.separator=::\nparse.headers=true\nheaders.delimiter=|\nheaders.separator=;\nheaders.key.separator==\n' \
		>"$BATS_TEST_TMPDIR/reader.properties"
	printf 'h=1;h=2|key::va::lue\n' |
		ktk-producer -b "$BOOTSTRAP" -t "$t" --reader-config "$BATS_TEST_TMPDIR/reader.properties"
	run show_all "$t" 1
	assert_output 'h:1,h:2|key|va::lue'
}

@test "ignore.error: lines without a separator go as Kafka's ConsoleProducer sends them" {
	a=$(unique_topic ign)
	j=$(unique_topic ignj)
	create_topic "$a" 1
	create_topic "$j" 1
	printf 'k1\tv1\nno separator here\nk3\tv3\n' >"$BATS_TEST_TMPDIR/in"
	ktk-producer -b "$BOOTSTRAP" -t "$a" --property parse.key=true \
		--property ignore.error=true "$BATS_TEST_TMPDIR/in"
	kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$BOOTSTRAP" --topic "$j" \
		--reader-property parse.key=true --reader-property ignore.error=true <"$BATS_TEST_TMPDIR/in"
	show_all "$a" 3 >"$BATS_TEST_TMPDIR/ktk"
	show_all "$j" 3 >"$BATS_TEST_TMPDIR/java"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/ktk")" -eq 3 ]
	grep -q 'no separator here' "$BATS_TEST_TMPDIR/ktk"
	cmp "$BATS_TEST_TMPDIR/ktk" "$BATS_TEST_TMPDIR/java"
	# without it, the line is an error naming its line, the rest delivered
	run ktk-producer -b "$BOOTSTRAP" -t "$a" --property parse.key=true "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_line --regexp "^ktk-producer: .*/in:2: "
	assert_line --regexp '^ktk-producer: 3 records read, 2 delivered, 1 failed'
}

@test "binary values with NUL bytes, -D delimiters and raw files arrive byte for byte" {
	t=$(unique_topic bin)
	create_topic "$t" 1
	# three records split on the two bytes \r\0; values hold \0, \n, \xff
	printf 'a\0b\nc\r\0\xff\x01\r\0\r\0last' >"$BATS_TEST_TMPDIR/in"
	ktk-producer -b "$BOOTSTRAP" -t "$t" -D '\r\0' "$BATS_TEST_TMPDIR/in"
	# the whole file as one record, after them
	head -c 3000 /dev/urandom >"$BATS_TEST_TMPDIR/raw"
	ktk-producer -b "$BOOTSTRAP" -t "$t" --input-format raw "$BATS_TEST_TMPDIR/raw"
	consume "$t" 5 --formatter-property line.separator=$'\x1e' >"$BATS_TEST_TMPDIR/out"
	{
		printf 'a\0b\nc\x1e\xff\x01\x1e\x1elast\x1e'
		cat "$BATS_TEST_TMPDIR/raw"
		printf '\x1e'
	} >"$BATS_TEST_TMPDIR/want"
	cmp "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/want"
}

@test "-k, -H (repeated, null value) and -Z" {
	t=$(unique_topic kh)
	create_topic "$t" 1
	printf 'v1\n\n' | ktk-producer -b "$BOOTSTRAP" -t "$t" -k fixed -H a=1 -H a=2 -H n
	printf 'x,\n,y\n' | ktk-producer -b "$BOOTSTRAP" -t "$t" -K , -Z
	run show_all "$t" 4
	assert_output "$(printf '%s\n' \
		'a:1,a:2,n:<NULL>|fixed|v1' \
		'a:1,a:2,n:<NULL>|fixed|' \
		'NO_HEADERS|x|<NULL>' \
		'NO_HEADERS|<NULL>|y')"
}

@test "--input-format json: strings, base64, nulls, header order, partition and timestamp" {
	t=$(unique_topic json)
	create_topic "$t" 3
	printf '%s\n' \
		'{"topic":"x","partition":2,"offset":7,"timestamp":1700000000123,"timestamp_type":"CreateTime","key":"k","value":{"base64":"AP8K"},"headers":[["h","1"],["h",null],["z",{"base64":"AA=="}]],"leader_epoch":0}' \
		'{"key":null,"value":"","partition":2,"timestamp":1700000000456}' \
		'{"key":"","value":null,"partition":2,"timestamp":1700000000789}' |
		ktk-producer -b "$BOOTSTRAP" -t "$t" --input-format json
	consume "$t" 3 --partition 2 --formatter-property print.key=true \
		--formatter-property print.headers=true --formatter-property print.timestamp=true \
		--formatter-property print.partition=true --formatter-property null.literal='<NULL>' \
		--formatter-property key.separator='|' --formatter-property line.separator=$'\x1e' \
		>"$BATS_TEST_TMPDIR/out" 2>/dev/null || true
	printf 'CreateTime:1700000000123|Partition:2|h:1,h:<NULL>,z:\0|k|\0\xff\n\x1eCreateTime:1700000000456|Partition:2|NO_HEADERS|<NULL>|\x1eCreateTime:1700000000789|Partition:2|NO_HEADERS||<NULL>\x1e' \
		>"$BATS_TEST_TMPDIR/want"
	cmp "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/want"
}

@test "ktk-consumer --json | ktk-producer --input-format json copies a topic faithfully" {
	command -v ktk-consumer >/dev/null || skip "ktk-consumer is not built on this branch"
	a=$(unique_topic copya)
	b=$(unique_topic copyb)
	create_topic "$a" 1
	create_topic "$b" 1
	printf 'h:1,h:\xff\tk\x01\tv\0\xfe\nNULL\t\tNULL\n' |
		ktk-producer -b "$BOOTSTRAP" -t "$a" --property parse.key=true \
			--property parse.headers=true --property null.marker=NULL
	ktk-consumer -b "$BOOTSTRAP" -t "$a" -J -o beginning -e |
		ktk-producer -b "$BOOTSTRAP" -t "$b" --input-format json
	consume "$a" 2 --formatter-property print.key=true --formatter-property print.headers=true >"$BATS_TEST_TMPDIR/a"
	consume "$b" 2 --formatter-property print.key=true --formatter-property print.headers=true >"$BATS_TEST_TMPDIR/b"
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
}

@test "1,000 keyed records: same partitions as Kafka's ConsoleProducer, and --dry-run predicts them" {
	a=$(unique_topic ktk)
	j=$(unique_topic java)
	create_topic "$a" 6
	create_topic "$j" 6
	for i in $(seq 1 1000); do printf 'key-%d\tvalue-%d\n' "$i" "$i"; done >"$BATS_TEST_TMPDIR/in"
	ktk-producer -b "$BOOTSTRAP" -t "$a" -K '\t' "$BATS_TEST_TMPDIR/in"
	kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$BOOTSTRAP" --topic "$j" \
		--reader-property parse.key=true <"$BATS_TEST_TMPDIR/in"
	consume "$a" 1000 --formatter-property print.key=true --formatter-property print.partition=true |
		sort >"$BATS_TEST_TMPDIR/ktk"
	consume "$j" 1000 --formatter-property print.key=true --formatter-property print.partition=true |
		sort >"$BATS_TEST_TMPDIR/java"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/ktk")" -eq 1000 ]
	# every partition is used, so the comparison means something
	[ "$(cut -f1 "$BATS_TEST_TMPDIR/ktk" | sort -u | wc -l)" -eq 6 ]
	cmp "$BATS_TEST_TMPDIR/ktk" "$BATS_TEST_TMPDIR/java"
	# --dry-run: "line N<TAB>P" -> "Partition:P<TAB>key-N<TAB>value-N"
	ktk-producer -b "$BOOTSTRAP" -t "$a" -K '\t' --dry-run "$BATS_TEST_TMPDIR/in" |
		awk -F'\t' '{ split($1, a, ":"); n = a[2]; printf "Partition:%s\tkey-%d\tvalue-%d\n", $2, n, n }' |
		sort >"$BATS_TEST_TMPDIR/dry"
	cmp "$BATS_TEST_TMPDIR/dry" "$BATS_TEST_TMPDIR/java"
}

@test "a committed transaction shows every record once to read_committed" {
	t=$(unique_topic txn)
	create_topic "$t" 3
	seq 1 250 | ktk-producer -b "$BOOTSTRAP" -t "$t" --transactional-id "tx-$t" \
		--transaction-records 100 -v 2>"$BATS_TEST_TMPDIR/err"
	run grep -c 'records read' "$BATS_TEST_TMPDIR/err"
	assert_output 1
	grep -q '250 records read, 250 delivered, 0 failed' "$BATS_TEST_TMPDIR/err"
	consume "$t" 250 --isolation-level read_committed | sort -n >"$BATS_TEST_TMPDIR/out"
	seq 1 250 | cmp - "$BATS_TEST_TMPDIR/out"
}

# how many records a read_uncommitted consumer sees in TOPIC (kcat)
uncommitted_count() {
	kcat -C -b "$BOOTSTRAP" -t "$1" -X isolation.level=read_uncommitted -o beginning -e -q \
		-f 'x\n' 2>/dev/null | wc -l
}

# has_uncommitted TOPIC N: at least N records, committed or not
has_uncommitted() {
	[ "$(uncommitted_count "$1")" -ge "$2" ]
}

# producer_on_fifo ARGS...: ktk-producer ARGS... in the background ($pid),
# reading a FIFO this shell keeps open on fd 7, its standard output and
# error in $BATS_TEST_TMPDIR/out and err
producer_on_fifo() {
	local fifo=$BATS_TEST_TMPDIR/in
	mkfifo "$fifo"
	exec 7<>"$fifo"
	ktk-producer "$@" "$fifo" 7>&- >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
	pid=$!
}

# end_fifo: close the FIFO; its end ends the producer's input
end_fifo() {
	exec 7>&-
	wait_for 30 eval "! kill -0 $pid"
	wait "$pid"
}

@test "a transaction aborted by SIGTERM leaves nothing for read_committed" {
	t=$(unique_topic abort)
	create_topic "$t" 1
	producer_on_fifo -b "$BOOTSTRAP" -t "$t" --transactional-id "tx-$t"
	seq 1 20 >&7
	# the records reached the log, inside the open transaction
	wait_for 30 has_uncommitted "$t" 20
	kill -TERM "$pid"
	st=0
	wait "$pid" || st=$?
	exec 7>&-
	assert_equal "$st" 1
	run cat "$BATS_TEST_TMPDIR/err"
	assert_output --partial "interrupted: 20 records read, 0 delivered, 20 failed (20 transaction aborted)"
	run consume "$t" 1 --isolation-level read_committed --timeout-ms 5000
	assert_output ""
	has_uncommitted "$t" 20
}

@test "an oversized record is reported with its line number; the others are delivered" {
	t=$(unique_topic big)
	create_topic "$t" 1
	{
		echo first
		head -c 1500000 /dev/zero | tr '\0' x
		echo
		echo third
	} >"$BATS_TEST_TMPDIR/in"
	run --separate-stderr ktk-producer -b "$BOOTSTRAP" -t "$t" "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	[[ $stderr == *"$BATS_TEST_TMPDIR/in:2: record of 1500000 bytes is larger than message.max.bytes (1000000)"* ]]
	[[ $stderr == *"3 records read, 2 delivered, 1 failed (1 larger than message.max.bytes)"* ]]
	run consume "$t" 2
	assert_output $'first\nthird'
}

@test "records refused by the broker are counted with their line numbers" {
	t=$(unique_topic refused)
	create_topic "$t" 1 --config max.message.bytes=2000
	{ echo small; head -c 5000 /dev/zero | tr '\0' y; echo; } >"$BATS_TEST_TMPDIR/in"
	run --separate-stderr ktk-producer -b "$BOOTSTRAP" -t "$t" --sync "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	[[ $stderr == *"in:2: Broker: Message size too large"* ]]
	[[ $stderr == *"2 records read, 1 delivered, 1 failed (1 Broker: Message size too large)"* ]]
}

@test "acks, compression codecs, --sync, --rate, -c, --tee and producer properties all deliver" {
	t=$(unique_topic codecs)
	create_topic "$t" 2
	n=0
	for z in none gzip snappy lz4 zstd; do
		seq 1 50 | sed "s/^/$z-/" | ktk-producer -b "$BOOTSTRAP" -t "$t" -z "$z" --acks 1
		n=$((n + 50))
	done
	seq 1 10 | sed 's/^/acks0-/' | ktk-producer -b "$BOOTSTRAP" -t "$t" --acks 0 --no-idempotence
	seq 1 10 | sed 's/^/sync-/' | ktk-producer -b "$BOOTSTRAP" -t "$t" --sync --linger-ms 0 --batch-size 1000
	seq 1 10 | sed 's/^/rate-/' | ktk-producer -b "$BOOTSTRAP" -t "$t" --rate 200
	seq 1 10 | sed 's/^/max-/' | ktk-producer -b "$BOOTSTRAP" -t "$t" -c 4
	printf 'compression.type=gzip\n' >"$BATS_TEST_TMPDIR/p.properties"
	run --separate-stderr ktk-producer -b "$BOOTSTRAP" -t "$t" -p 0 --tee \
		--producer.config "$BATS_TEST_TMPDIR/p.properties" --producer-property linger.ms=1 \
		-X client.id=tee <<<$'tee-1\ntee-2'
	assert_success
	assert_output $'tee-1\ntee-2'
	n=$((n + 10 + 10 + 10 + 4 + 2))
	consume "$t" "$n" | sort >"$BATS_TEST_TMPDIR/out"
	{
		for z in none gzip snappy lz4 zstd; do seq 1 50 | sed "s/^/$z-/"; done
		seq 1 10 | sed 's/^/acks0-/'
		seq 1 10 | sed 's/^/sync-/'
		seq 1 10 | sed 's/^/rate-/'
		seq 1 4 | sed 's/^/max-/'
		printf 'tee-1\ntee-2\n'
	} | sort | cmp - "$BATS_TEST_TMPDIR/out"
}

# has_records TOPIC N: the topic holds N records now
has_records() {
	[ "$(ktk-consumer -b "$BOOTSTRAP" -t "$1" -o beginning -e 2>/dev/null | wc -l)" -eq "$2" ]
}

@test "records from a pipe that stays open are sent as they come, not at its end" {
	t=$(unique_topic live)
	create_topic "$t" 1
	producer_on_fifo -b "$BOOTSTRAP" -t "$t" -v
	printf 'one\ntwo\n' >&7
	wait_for 30 has_records "$t" 2
	printf 'three\n' >&7
	wait_for 30 has_records "$t" 3
	# the end of the pipe ends the input
	end_fifo
	run cat "$BATS_TEST_TMPDIR/err"
	assert_output --partial "3 records read, 3 delivered, 0 failed"
	run consume "$t" 3
	assert_output $'one\ntwo\nthree'
}

# tick FD ERRFILE: a keyed record down FD (a handed-over batch is when ktk
# reads the partition count again); true once ERRFILE says it grew
tick() {
	printf 'tick:t\n' >&"$1"
	grep -q 'partitions (was 2)' "$2"
}

@test "partitions added while producing: keyed records follow the new count, as Java's do" {
	t=$(unique_topic grow)
	create_topic "$t" 2
	# the partition count is read again as often as librdkafka's metadata
	producer_on_fifo -b "$BOOTSTRAP" -t "$t" -K : -v -v -X topic.metadata.refresh.interval.ms=500
	for i in $(seq 1 40); do printf 'before-%d:v\n' "$i"; done >&7
	wait_for 30 has_records "$t" 40
	kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
		--alter --topic "$t" --partitions 4 >/dev/null
	wait_for 30 tick 7 "$BATS_TEST_TMPDIR/err"
	for i in $(seq 1 40); do printf 'after-%d:v\n' "$i"; done >&7
	end_fifo
	grep -q "topic $t: 4 partitions (was 2)" "$BATS_TEST_TMPDIR/err"
	# where each key went, "key<TAB>partition" (read by kcat), against
	# murmur2 over 4 partitions (--dry-run, now) and over 2 (the same
	# modulo 2)
	kcat -C -b "$BOOTSTRAP" -t "$t" -o beginning -e -q -f '%k\t%p\n' |
		grep -v '^tick' | sort >"$BATS_TEST_TMPDIR/got"
	{
		for i in $(seq 1 40); do printf 'before-%d:v\n' "$i"; done
		for i in $(seq 1 40); do printf 'after-%d:v\n' "$i"; done
	} >"$BATS_TEST_TMPDIR/keys"
	ktk-producer -b "$BOOTSTRAP" -t "$t" -K : --dry-run "$BATS_TEST_TMPDIR/keys" |
		paste "$BATS_TEST_TMPDIR/keys" - |
		awk -F'\t' '{ split($1, k, ":"); p = $3; if (k[1] ~ /^before/) p = p % 2; print k[1] "\t" p }' |
		sort >"$BATS_TEST_TMPDIR/want"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/got")" -eq 80 ]
	cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
	# the new partitions were used, so the comparison means something
	grep -Eq '^after-[0-9]+	[23]$' "$BATS_TEST_TMPDIR/got"
}

@test "--tee on a pipe that stays open prints each record once delivered, not at the end" {
	t=$(unique_topic tee)
	create_topic "$t" 1
	producer_on_fifo -b "$BOOTSTRAP" -t "$t" --tee
	printf 'one\ntwo\n' >&7
	# delivered and printed while the input is still open
	wait_for 30 grep -qx two "$BATS_TEST_TMPDIR/out"
	has_records "$t" 2
	printf 'three\n' >&7
	wait_for 30 grep -qx three "$BATS_TEST_TMPDIR/out"
	end_fifo
	run cat "$BATS_TEST_TMPDIR/out"
	assert_output $'one\ntwo\nthree'
}

@test "records with and without headers or timestamps keep the input order" {
	t=$(unique_topic order)
	create_topic "$t" 1
	# every 7th record has a header and every 11th a timestamp: those go
	# to librdkafka one at a time, the others in batches
	for ((i = 1; i <= 3000; i++)); do
		h='' ts=''
		((i % 7 == 0)) && h=', "headers": [["n", "'$i'"]]'
		((i % 11 == 0)) && ts=', "timestamp": 1700000000000'
		printf '{"key": null, "value": "v%d"%s%s}\n' "$i" "$h" "$ts"
	done >"$BATS_TEST_TMPDIR/in.json"
	ktk-producer -b "$BOOTSTRAP" -t "$t" --input-format json "$BATS_TEST_TMPDIR/in.json"
	consume "$t" 3000 >"$BATS_TEST_TMPDIR/out"
	seq 1 3000 | sed 's/^/v/' | cmp - "$BATS_TEST_TMPDIR/out"
}

@test "a record larger than the whole producer queue fails with its line number, not a hang" {
	t=$(unique_topic qbig)
	create_topic "$t" 1
	{ echo a; head -c 5000 /dev/zero | tr '\0' x; echo; echo b; } >"$BATS_TEST_TMPDIR/in"
	for mode in --acks=1 --sync; do
		run --separate-stderr timeout 60 ktk-producer -b "$BOOTSTRAP" -t "$t" "$mode" \
			-X queue.buffering.max.kbytes=4 "$BATS_TEST_TMPDIR/in"
		assert_failure 1
		[[ $stderr == *"in:2: larger than the producer queue (queue.buffering.max.kbytes)"* ]]
		[[ $stderr == *"3 records read, 2 delivered, 1 failed"* ]]
	done
	run consume "$t" 4
	assert_output $'a\nb\na\nb'
}

@test "a topic that does not exist: failed records counted, exit 1" {
	run --separate-stderr ktk-producer -b "$BOOTSTRAP" -t "$(unique_topic nope)" \
		-X allow.auto.create.topics=false --delivery-timeout-ms 3000 <<<$'a\nb'
	assert_failure 1
	[[ $stderr == *"2 records read, 0 delivered, 2 failed"* ]]
}
