#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-groups against the real Kafka, side by side with Kafka's own
# kafka-consumer-groups (ConsumerGroupCommand through kafka-tool): groups
# made by ktk-consumer and by Kafka's ConsoleConsumer with known committed
# offsets and lag; --list, --describe (offsets, members, state, verbose) and
# --reset-offsets --dry-run --export print what Kafka's tool prints; every
# reset spec applied by both tools to two identical groups ends with the
# same committed offsets; refused resets, missing groups, deletes, JSON and
# --watch. The JVM runs are kept few: the machine is shared.
load ../helpers

KCG=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand

kcg() { # Kafka's kafka-consumer-groups
	kafka_tool "$KCG" --bootstrap-server "$BOOTSTRAP" "$@"
}

# produce N records to partition P of topic T
produce_to() {
	seq 1 "$3" | ktk-producer -b "$BOOTSTRAP" -t "$1" -p "$2" >/dev/null
}

setup_file() {
	[ -n "${KTK_TEST_BOOTSTRAP:-}" ] || return 0
	BOOTSTRAP=$KTK_TEST_BOOTSTRAP
	export P=gk-$$-$RANDOM
	export T=$P-t
	ktk-topics -b "$BOOTSTRAP" --create -t "$T" --partitions 3 >/dev/null
	produce_to "$T" 0 10
	produce_to "$T" 1 20
	produce_to "$T" 2 5
	# one group made by ktk-consumer, one by Kafka's ConsoleConsumer
	timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$P-ktk" --from-beginning -e >/dev/null
	kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" \
		--topic "$T" --group "$P-java" --from-beginning --max-messages 35 --timeout-ms 60000 >/dev/null 2>&1
	# then lag: 3 on partition 0, 0 on 1, 2 on 2
	produce_to "$T" 0 3
	produce_to "$T" 2 2
}

setup() {
	need_kafka
	PIDS=()
}

teardown() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}

# offsets GROUP: "topic:partition=offset ..." of GROUP's committed offsets
offsets() {
	ktk-groups -b "$BOOTSTRAP" --describe -g "$1" -J |
		jq -r '[.groups[0].offsets[] | select(.current_offset != null) | "\(.topic):\(.partition)=\(.current_offset)"] | sort | join(" ")'
}

# an active member of group $1 on topic $T (ktk-consumer in the background)
member() {
	ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$1" -v >/dev/null 2>"$BATS_TEST_TMPDIR/$1.err" 3>&- &
	PIDS+=($!)
	wait_for 60 grep -q 'assigned [1-9]' "$BATS_TEST_TMPDIR/$1.err"
	wait_for 30 bash -c "ktk-groups -b '$BOOTSTRAP' --describe -g '$1' --state | grep -q ' Stable '"
}

@test "groups: the groups of ktk-consumer and ConsoleConsumer have the committed offsets and lag they should" {
	run offsets "$P-ktk"
	assert_output "$T:0=10 $T:1=20 $T:2=5"
	run offsets "$P-java"
	assert_output "$T:0=10 $T:1=20 $T:2=5"
	run ktk-groups -b "$BOOTSTRAP" --describe -g "$P-java" -J
	assert_equal "$(jq -c '.groups[0] | [.state, .total_lag, .max_lag, .topic_lag[env.T]]' <<<"$output")" '["Empty",5,3,5]'
}

@test "groups: --describe of both groups prints byte for byte what kafka-consumer-groups prints" {
	run --separate-stderr ktk-groups -b "$BOOTSTRAP" --describe -g "$P-ktk" -g "$P-java"
	assert_success
	local ours=$output our_err=$stderr
	run --separate-stderr kcg --describe --group "$P-java" --group "$P-ktk"
	assert_success
	assert_equal "$ours" "$output"
	assert_line --regexp "^$P-ktk +$T +0 +10 +13 +3 +- +- +-$"
	assert_line --regexp "^$P-java +$T +2 +5 +7 +2 +- +- +-$"
	# the Empty note on stderr, as Kafka's
	[[ $our_err == *"Consumer group '$P-java' has no active members."* ]]
	[[ $stderr == *"Consumer group '$P-java' has no active members."* ]]
}

@test "groups: --list and --list --state hold what kafka-consumer-groups lists" {
	run ktk-groups -b "$BOOTSTRAP" --list
	assert_success
	local ours
	ours=$(sort <<<"$output")
	assert_line "$P-ktk"
	assert_line "$P-java"
	run kcg --list
	assert_equal "$ours" "$(sort <<<"$output")"
	# the table: header first, rows in broker order, widths from the same ids
	run ktk-groups -b "$BOOTSTRAP" --list --state
	ours=$output
	run kcg --list --state
	assert_equal "$(head -n 1 <<<"$ours")" "$(head -n 1 <<<"$output")"
	# (the rows of this file's groups: other files' groups may still be
	# changing state as their members' sessions time out)
	assert_equal "$(grep "^$P-" <<<"$ours" | sort)" "$(grep "^$P-" <<<"$output" | sort)"
	run ktk-groups -b "$BOOTSTRAP" --list --state Empty
	assert_line --regexp "^$P-java +Empty +$"
	refute_line --regexp ' Stable +$'
}

@test "groups: --list --type: Kafka's TYPE column where librdkafka tells types (2.6 on), '-' and a refused filter before" {
	if ktk-groups --version | grep -q ' +group-type'; then
		run ktk-groups -b "$BOOTSTRAP" --list --type
		assert_success
		local ours=$output
		run kcg --list --type
		assert_equal "$(head -n 1 <<<"$ours")" "$(head -n 1 <<<"$output")"
		assert_equal "$(grep "^$P-" <<<"$ours" | sort)" "$(grep "^$P-" <<<"$output" | sort)"
		assert_line --regexp "^$P-java +Classic +$"
		run ktk-groups -b "$BOOTSTRAP" --list --type classic --state
		ours=$output
		run kcg --list --type classic --state
		assert_equal "$(grep "^$P-" <<<"$ours" | sort)" "$(grep "^$P-" <<<"$output" | sort)"
		assert_line --regexp "^$P-ktk +Classic +Empty +$"
		run ktk-groups -b "$BOOTSTRAP" --list --type consumer
		refute_line --regexp "^$P-"
		run ktk-groups -b "$BOOTSTRAP" --list -J
		assert_equal "$(jq -r --arg g "$P-java" '.groups[] | select(.group == $g) | .type' <<<"$output")" Classic
	else
		run ktk-groups -b "$BOOTSTRAP" --list --type
		assert_success
		assert_line --regexp "^$P-java +- +$"
		run ktk-groups -b "$BOOTSTRAP" --list -J
		assert_equal "$(jq -r --arg g "$P-java" '.groups[] | select(.group == $g) | .type' <<<"$output")" null
		run --separate-stderr ktk-groups -b "$BOOTSTRAP" --list --type classic
		assert_failure 64
		[[ $stderr == "ktk-groups: --type classic: this librdkafka ("*") cannot tell group types (librdkafka 2.6 can); use --type without a value for the TYPE column" ]]
	fi
}

@test "groups: an active group: offsets, members and state views (with --verbose) match kafka-consumer-groups" {
	local g=$P-active v
	member "$g"
	for v in "--offsets" "--members --verbose" "--state --verbose"; do
		run --separate-stderr ktk-groups -b "$BOOTSTRAP" --describe -g "$g" ${v/--verbose/-v}
		assert_success
		local ours=$output
		run --separate-stderr kcg --describe --group "$g" $v
		assert_equal "$ours" "$output"
	done
	assert_line --regexp "^$g +127\.0\.0\.1:[0-9]+  \([0-9]+\) +(range|cooperative-sticky) +Stable +- +- +1$"
}

@test "groups: a refused reset of an active group exits 1; Kafka's tool prints the same table" {
	local g=$P-busy
	member "$g"
	run --separate-stderr ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$g" --all-topics --to-earliest --execute
	assert_equal "$status" 1
	assert_equal "$stderr" "ktk-groups: Assignments can only be reset if the group '$g' is inactive, but the current state is Stable."
	local ours=$output
	run --separate-stderr kcg --reset-offsets --group "$g" --all-topics --to-earliest --execute
	assert_success # Kafka's tool exits 0 here
	assert_line --partial "Error: Assignments can only be reset if the group '$g' is inactive, but the current state is Stable."
	# the bare header both print (Kafka prints its error line above it)
	assert_equal "$ours" "$(grep -v '^Error: ' <<<"$output" | sed '1{/^$/d}')"
}

@test "groups: --reset-offsets --dry-run and --export print what kafka-consumer-groups prints" {
	local ours
	# one group: topic,partition,offset; the table; the rows of both in
	# hash order in Kafka's tool, so sorted here
	run --separate-stderr ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$P-java" --all-topics --shift-by -4 --dry-run --export
	assert_success
	ours=$output
	assert_line "$T,0,6"
	assert_line "$T,1,16"
	assert_line "$T,2,1"
	run --separate-stderr kcg --reset-offsets --group "$P-java" --all-topics --shift-by -4 --dry-run --export
	assert_equal "$(sort <<<"$ours")" "$(sort <<<"$output")"
	# two groups: group,topic,partition,offset, and the table
	run ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$P-java" -g "$P-ktk" --topic "$T:0,2" --to-offset 4 --export
	ours=$output
	assert_line "$P-ktk,$T,2,4"
	run --separate-stderr kcg --reset-offsets --group "$P-java" --group "$P-ktk" --topic "$T:0,2" --to-offset 4 --export
	assert_equal "$(sort <<<"$ours")" "$(sort <<<"$output")"
	run --separate-stderr ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$P-java" --topic "$T" --to-latest
	ours=$output
	run --separate-stderr kcg --reset-offsets --group "$P-java" --topic "$T" --to-latest
	assert_equal "$(head -n 2 <<<"$ours")" "$(head -n 2 <<<"$output")"
	assert_equal "$(tail -n +3 <<<"$ours" | sort)" "$(tail -n +3 <<<"$output" | sort)"
	assert_line --regexp "^$P-java +$T +0 +13$"
	# -v: ktk's PRIOR-OFFSET column
	run --separate-stderr ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$P-java" --topic "$T" --to-latest -v
	assert_line --regexp "^GROUP +TOPIC +PARTITION +PRIOR-OFFSET +NEW-OFFSET$"
	assert_line --regexp "^$P-java +$T +0 +10 +13$"
}

# same SPEC...: a ktk group and a Kafka group with the same offsets (3, 3,
# 3, clamped), the reset applied by each tool, the same offsets after
same() {
	local a=$P-a-$BATS_TEST_NUMBER-$RANDOM b=$P-b-$BATS_TEST_NUMBER-$RANDOM
	ktk-groups -b "$BOOTSTRAP" -q --reset-offsets -g "$a" -g "$b" --topic "$T" --to-offset 3 --execute >/dev/null
	run ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$a" "$@" --execute
	assert_success
	kcg --reset-offsets --group "$b" "$@" --execute >/dev/null 2>&1
	A=$(offsets "$a")
	B=$(offsets "$b")
	assert_equal "$A" "$B"
}

@test "groups: every reset spec leaves the same committed offsets as kafka-consumer-groups' (earliest, latest, current, offset, shift)" {
	same --all-topics --to-earliest
	assert_equal "$A" "$T:0=0 $T:1=0 $T:2=0"
	same --topic "$T" --to-latest
	assert_equal "$A" "$T:0=13 $T:1=20 $T:2=7"
	same --all-topics --to-current
	assert_equal "$A" "$T:0=3 $T:1=3 $T:2=3"
	same --topic "$T:1" --to-current
	same --all-topics --to-offset 15
	assert_equal "$A" "$T:0=13 $T:1=15 $T:2=7"
	same --all-topics --shift-by -10
	assert_equal "$A" "$T:0=0 $T:1=0 $T:2=0"
	same --topic "$T:0,2" --shift-by 2
	assert_equal "$A" "$T:0=5 $T:1=3 $T:2=5"
}

@test "groups: time resets (--to-datetime, --by-duration, @-DURATION) and --from-file in both CSV forms match Kafka's" {
	same --all-topics --to-datetime 2020-01-01T00:00:00.000
	assert_equal "$A" "$T:0=0 $T:1=0 $T:2=0"
	# no record that recent: the log end, with Kafka's warning
	same --all-topics --to-datetime 2099-01-01T00:00:00.000+01:00
	assert_equal "$A" "$T:0=13 $T:1=20 $T:2=7"
	same --all-topics --by-duration PT1H
	assert_equal "$A" "$T:0=0 $T:1=0 $T:2=0"
	run ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$P-java" --all-topics --to-datetime @-1h --export
	assert_output "$T,0,0
$T,1,0
$T,2,0"
	printf '%s\n' "$T,0,1" "$T,2,99" >"$BATS_TEST_TMPDIR/plan3.csv"
	same --from-file "$BATS_TEST_TMPDIR/plan3.csv"
	assert_equal "$A" "$T:0=1 $T:1=3 $T:2=7"
}

@test "groups: --from-file with group,topic,partition,offset for two groups; --to-group copies a group" {
	local a=$P-f1 b=$P-f2
	printf '%s\n' "$a,$T,0,2" "$b,$T,1,4" "$b,$T,2,-5" >"$BATS_TEST_TMPDIR/plan4.csv"
	run --separate-stderr ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$a" -g "$b" --from-file "$BATS_TEST_TMPDIR/plan4.csv" --execute
	assert_success
	[[ $stderr == *"New offset (-5) is lower than earliest offset for topic partition $T-2. Value will be set to 0"* ]]
	run offsets "$a"
	assert_output "$T:0=2"
	run offsets "$b"
	assert_output "$T:1=4 $T:2=0"
	run ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$P-copy" --to-group "$P-java" --execute
	assert_success
	run offsets "$P-copy"
	assert_output "$T:0=10 $T:1=20 $T:2=5"
	# read back with Kafka's tool too
	run kcg --describe --group "$P-copy"
	assert_line --regexp "^$P-copy +$T +1 +20 +20 +0 +- +- +-$"
}

@test "groups: a missing group: --describe exits 1 saying so; --reset-offsets creates its offsets" {
	run --separate-stderr ktk-groups -b "$BOOTSTRAP" --describe -g "$P-missing"
	assert_equal "$status" 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ktk-groups: Consumer group '$P-missing' does not exist."
	run --separate-stderr ktk-groups -b "$BOOTSTRAP" --describe -g "$P-missing" -g "$P-java" --summary
	assert_equal "$status" 1
	assert_line --regexp "^$P-java +Empty +0 +3 +5 +3$"
	run ktk-groups -b "$BOOTSTRAP" --describe -g "$P-java" --summary -v
	assert_line --regexp "^$P-java +$T +3 +5 +3$"
	run ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$P-new" --topic "$T:1" --to-earliest --execute
	assert_success
	run offsets "$P-new"
	assert_output "$T:1=0"
}

@test "groups: --fail-on-lag exits 2 above the limit, 0 at it; --only-with-lag keeps lagging rows" {
	run ktk-groups -b "$BOOTSTRAP" --describe -g "$P-java" --fail-on-lag 2
	assert_equal "$status" 2
	run ktk-groups -b "$BOOTSTRAP" --describe -g "$P-java" --fail-on-lag 3
	assert_success
	run ktk-groups -b "$BOOTSTRAP" --describe -g "$P-java" --only-with-lag
	assert_line --regexp "^$P-java +$T +0 +10 +13 +3 "
	refute_line --regexp "^$P-java +$T +1 "
}

@test "groups: --time-lag: TIME-LAG after LAG is the age of the record at each committed offset (two groups on one partition), 0ms with no lag, '-' with no record" {
	local t=$P-age now g=$P-age-a h=$P-age-b x=$P-age-tx
	ktk-topics -b "$BOOTSTRAP" --create -t "$t" --partitions 2 >/dev/null
	now=$(date +%s%3N)
	# partition 0: three records stamped an hour ago (and 1 s, 2 s after)
	printf '{"key":"k","value":"v%d","partition":0,"timestamp":%d}\n' 0 $((now - 3600000)) 1 $((now - 3599000)) 2 $((now - 3598000)) |
		ktk-producer -b "$BOOTSTRAP" -t "$t" -J
	printf '{"key":"k","value":"w","partition":1,"timestamp":%d}\n' $((now - 60000)) | ktk-producer -b "$BOOTSTRAP" -t "$t" -J
	ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$g" --topic "$t:0" --to-offset 0 --execute >/dev/null
	ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$g" --topic "$t:1" --to-latest --execute >/dev/null
	ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$h" --topic "$t:0" --to-offset 2 --execute >/dev/null
	# the default output has no such column
	run --separate-stderr ktk-groups -b "$BOOTSTRAP" --describe -g "$g"
	refute_output --partial TIME-LAG
	run --separate-stderr timeout 20 ktk-groups -b "$BOOTSTRAP" --describe -g "$g" -g "$h" --time-lag
	assert_success
	assert_line --regexp "^GROUP +TOPIC +PARTITION +CURRENT-OFFSET +LOG-END-OFFSET +LAG +TIME-LAG +CONSUMER-ID +HOST +CLIENT-ID$"
	assert_line --regexp "^$g +$t +0 +0 +3 +3 +(59m5[0-9]s|1h0m[0-9]s) +- +- +-$"
	assert_line --regexp "^$g +$t +1 +1 +1 +0 +0ms +- +- +-$"
	assert_line --regexp "^$h +$t +0 +2 +3 +1 +(59m5[0-9]s|1h0m[0-9]s) +- +- +-$"
	# JSON: the same ages in ms, from one clock: 2 s apart on partition 0
	run --separate-stderr timeout 20 ktk-groups -b "$BOOTSTRAP" --describe -g "$g" -g "$h" --time-lag -J
	assert_success
	run jq -r '[.groups[] | [.offsets[] | .time_lag_ms], .max_time_lag_ms] | flatten | @tsv' <<<"$output"
	local a0 a1 amax b0 bmax
	read -r a0 a1 amax b0 bmax <<<"$output"
	assert_equal "$a1" 0
	assert_equal "$amax" "$a0"
	assert_equal "$bmax" "$b0"
	assert_equal $((a0 - b0)) 2000
	((a0 >= 3600000 && a0 < 3660000)) || fail "time lag $a0 ms for a record stamped an hour ago"
	# no --time-lag: time_lag_ms null
	run ktk-groups -b "$BOOTSTRAP" --describe -g "$g" -J
	assert_equal "$(jq -c '[.groups[0].offsets[].time_lag_ms, .groups[0].max_time_lag_ms]' <<<"$output")" '[null,null,null]'
	# a committed offset with only a transaction marker after it: no
	# record to date it, '-' (read to the partition's end, not timed out)
	ktk-topics -b "$BOOTSTRAP" --create -t "$t-tx" --partitions 1 >/dev/null
	seq 3 | ktk-producer -b "$BOOTSTRAP" -t "$t-tx" --transactional-id "$x"
	ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$x" --topic "$t-tx" --to-offset 3 --execute >/dev/null
	run --separate-stderr timeout 60 ktk-groups -b "$BOOTSTRAP" --describe -g "$x" --time-lag
	assert_success
	assert_line --regexp "^$x +$t-tx +0 +3 +4 +1 +- +- +- +-$"
	[[ $stderr != *"time lag not known"* ]] || fail "$stderr"
}

@test "groups: --delete and --delete-offsets: Kafka's lines, exit 1 for what failed" {
	local g=$P-del busy=$P-del-busy
	ktk-groups -b "$BOOTSTRAP" -q --reset-offsets -g "$g" --topic "$T" --to-earliest --execute >/dev/null
	run ktk-groups -b "$BOOTSTRAP" --delete-offsets -g "$g" --topic "$T:0" -J
	assert_success
	assert_equal "$(jq -c '[.group, .error, .partitions[0].partition, .partitions[0].error]' <<<"$output")" "[\"$g\",null,0,null]"
	run ktk-groups -b "$BOOTSTRAP" --delete-offsets -g "$g" --topic "$T:1"
	assert_success
	assert_line --index 0 "Request succeeded for deleting offsets from group $g."
	assert_line --regexp "^$T +1 +Successful +$"
	run offsets "$g"
	assert_output "$T:2=0"
	run ktk-groups -b "$BOOTSTRAP" --delete -g "$g"
	assert_success
	assert_output "Deletion of requested consumer groups ('$g') was successful."
	member "$busy"
	run --separate-stderr ktk-groups -b "$BOOTSTRAP" --delete -g "$busy" -J
	assert_equal "$status" 1
	assert_equal "$(jq -c '.groups[0] | [.group, .deleted]' <<<"$output")" "[\"$busy\",false]"
	[[ $stderr == "ktk-groups: Group '$busy' could not be deleted due to: "* ]]
}

@test "groups: -J on every action parses with jq" {
	run ktk-groups -b "$BOOTSTRAP" --list -J
	jq -e --arg g "$P-java" '.groups | map(.group) | index($g) != null' <<<"$output"
	run ktk-groups -b "$BOOTSTRAP" --describe -g "$P-java" --members -J
	jq -e '.groups[0].members == []' <<<"$output"
	run ktk-groups -b "$BOOTSTRAP" --describe -g "$P-java" --state -J
	jq -e '.groups[0].coordinator.port > 0' <<<"$output"
	run ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$P-java" --all-topics --to-offset 100 -J
	assert_success
	jq -e '.executed == false and ([.groups[0].partitions[] | select(.clamped)] | length) == 3' <<<"$output"
	jq -e '.groups[0].partitions | map(.prior_offset) | sort == [5, 10, 20]' <<<"$output"
}

@test "groups: --watch piped: a JSON line per group per round, lag falling as a consumer catches up" {
	local g=$P-watch
	ktk-groups -b "$BOOTSTRAP" -q --reset-offsets -g "$g" --topic "$T" --to-earliest --execute >/dev/null
	ktk-groups -b "$BOOTSTRAP" --describe -g "$g" --watch 1 >"$BATS_TEST_TMPDIR/watch" 2>/dev/null &
	PIDS+=($!)
	wait_for 30 bash -c "[ \$(wc -l <'$BATS_TEST_TMPDIR/watch') -ge 1 ]"
	timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -g "$g" -e >/dev/null
	local n
	n=$(wc -l <"$BATS_TEST_TMPDIR/watch")
	wait_for 30 bash -c "[ \$(wc -l <'$BATS_TEST_TMPDIR/watch') -ge $((n + 2)) ]"
	run jq -s -c 'map(.total_lag) | [first, last]' "$BATS_TEST_TMPDIR/watch"
	assert_output "[40,0]"
	run jq -s -c "map(select(.group == \"$g\")) | length >= 3" "$BATS_TEST_TMPDIR/watch"
	assert_output true
}

@test "groups: a KIP-848 group (group.protocol=consumer): its offsets as Kafka's tool prints them, its state from ListGroups" {
	local g=$P-848
	kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" \
		--topic "$T" --group "$g" --from-beginning --max-messages 40 --timeout-ms 60000 \
		--consumer-property group.protocol=consumer >/dev/null 2>&1
	run --separate-stderr ktk-groups -b "$BOOTSTRAP" --describe -g "$g"
	assert_success
	[[ $stderr == *"group '$g' is Empty but librdkafka "*" cannot describe it"* ]] || fail "$stderr"
	local ours=$output
	run --separate-stderr kcg --describe --group "$g"
	assert_equal "$ours" "$output"
	assert_line --regexp "^$g +$T +2 +7 +7 +0 +- +- +-$"
	run ktk-groups -b "$BOOTSTRAP" --describe -g "$g" -J
	assert_equal "$(jq -c '.groups[0] | [.state, .offsets_only, .total_lag]' <<<"$output")" '["Empty",true,0]'
	run ktk-groups -b "$BOOTSTRAP" --describe -g "$g" --state
	assert_line --regexp "^$g +127\.0\.0\.1:[0-9]+  \([0-9]+\) +- +Empty +0$"
	# active, it is Stable in ListGroups: a reset is refused
	# the script itself (not the kafka_tool function, whose subshell would
	# be what $! names): it execs java, so $! is the JVM
	"$KTK_TOP/tests/kafka/kafka-tool" org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" \
		--topic "$T" --group "$g" --consumer-property group.protocol=consumer >/dev/null 2>&1 3>&- &
	PIDS+=($!)
	wait_for 60 bash -c "ktk-groups -b '$BOOTSTRAP' --list --state Stable | grep -q '^$g '"
	run --separate-stderr ktk-groups -b "$BOOTSTRAP" --reset-offsets -g "$g" --all-topics --to-earliest --execute
	assert_equal "$status" 1
	[[ $stderr == *"Assignments can only be reset if the group '$g' is inactive, but the current state is Stable."* ]]
	run offsets "$g"
	assert_output "$T:0=13 $T:1=20 $T:2=7"
}

@test "groups: a topic deleted while a group has offsets: its rows degrade to '-' (or go), fast; the rest is described" {
	local g=$P-gone t1=$P-gone1 t2=$P-gone2
	ktk-topics -b "$BOOTSTRAP" --create -t "$t1,$t2" --partitions 1 >/dev/null
	produce_to "$t1" 0 4
	produce_to "$t2" 0 6
	ktk-groups -b "$BOOTSTRAP" -q --reset-offsets -g "$g" --topic "$t1" --topic "$t2" --to-offset 2 --execute >/dev/null
	ktk-topics -b "$BOOTSTRAP" --delete -t "$t1" >/dev/null
	run --separate-stderr timeout 10 ktk-groups -b "$BOOTSTRAP" --describe -g "$g"
	assert_success
	# the broker drops a deleted topic's offsets soon after: its row is
	# either gone or degraded, never a log end
	refute_line --regexp "^$g +$t1 +0 +2 +[0-9]"
	assert_line --regexp "^$g +$t2 +0 +2 +6 +4 +- +- +-$"
}
