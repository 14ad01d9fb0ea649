#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tests/bench/producer.sh -- ktk-producer against kcat -P, Kafka's
# ConsoleProducer and ProducerPerformance, in one run on one real broker.
#
# 1,000,000 keyed lines ("key-N<TAB>" + a 100-byte value) from a file into
# a fresh 6-partition topic per run, for acks=1 and acks=all, uncompressed
# and lz4. ktk and kcat run twice: with the same librdkafka settings
# (murmur2_random partitioner, idempotence as ktk's default, linger.ms=5,
# ktk's 4 MiB queue) and with each tool's defaults (acks and codec given).
# ProducerPerformance sends 1,000,000
# 100-byte records with no input parsing: the Java client's ceiling.
# Last, ktk-producer's peak RSS for a 1 GiB input.
#
# A run takes about half a second, so what surrounds it matters: each run
# gets a topic whose partitions already have leaders (ktk-topics --create
# waits; a producer started on a topic still electing them loses
# 100-500 ms waiting for metadata); the topic is deleted afterwards (the
# broker removes its files some seconds later, during some later run);
# the four librdkafka variants take turns round by round instead of one
# variant's runs back to back, so a slow phase of the shared machine or
# the broker does not land on one column; and each figure is the median
# of the rounds.
#
# Uses the cluster in KTK_TEST_BOOTSTRAP, or starts its own one-broker
# cluster (build/kafka/cluster-bench, stopped at the end) with a 2 GiB heap
# and its logs in /dev/shm, so that neither the broker's garbage collector
# nor the disk is what is measured.
# BENCH_RECORDS, BENCH_BIG_MB change the sizes, BENCH_REPEAT the rounds
# (5); BENCH_QUICK=1 skips the Java tools. Prints a table of records/s and
# ratios; a benchmark reports, it does not fail on numbers.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
export PATH="$top/build/bin:$PATH"
n=${BENCH_RECORDS:-1000000}
big_mb=${BENCH_BIG_MB:-1024}
dir=build/bench
mkdir -p "$dir"

started=0
if [[ -z ${KTK_TEST_BOOTSTRAP:-} ]]; then
	export KTK_KAFKA_CLUSTER=bench
	# its logs on tmpfs: the disk's write-back of the gigabytes the runs
	# write (and delete) would land on whichever run comes later
	KTK_TEST_BOOTSTRAP=$(KTK_KAFKA_HEAP="-Xms2g -Xmx2g" \
		KTK_KAFKA_DATA=/dev/shm/ktk-bench-$$ tests/kafka/kafka-up | tail -n 1)
	started=1
fi
bs=$KTK_TEST_BOOTSTRAP
cleanup() {
	if ((started)); then
		tests/kafka/kafka-down >/dev/null 2>&1 || true
		rm -rf "/dev/shm/ktk-bench-$$"
	fi
	rm -f "$dir/producer-big.txt"
}
trap cleanup EXIT

input=$dir/producer-input.txt
if [[ ! -s $input ]] || [[ $(wc -l <"$input") -ne $n ]]; then
	python3 - "$n" >"$input" <<'PY'
import sys
n = int(sys.argv[1])
v = ("0123456789" * 10)
out = sys.stdout
for i in range(1, n + 1):
    out.write("key-%d\t%s\n" % (i, v))
PY
fi

tool() { tests/kafka/kafka-tool "$@"; }
# new_topic: a fresh 6-partition topic, its name in $topic (ktk-topics
# waits until its partitions have leaders, so no run pays for that)
topic_seq=0
new_topic() {
	topic_seq=$((topic_seq + 1))
	topic="bench-producer-$$-$topic_seq"
	ktk-topics -b "$bs" --create -t "$topic" --partitions 6 \
		--replication-factor 1 >/dev/null 2>&1
}

# drop_topic: delete $topic: the broker's disk and page cache stay as
# they were
drop_topic() {
	ktk-topics -b "$bs" --delete -t "$topic" >/dev/null 2>&1 || true
}

# once NAME CMD...: time CMD (stdin from the input) once on a fresh topic
# (TOPIC in CMD is replaced by its name) and add its records/s to
# runs[NAME]. For ProducerPerformance, its own figure (it reads no input;
# JVM start-up excluded).
declare -A runs rate
once() {
	local name=$1 t0 t1 secs a args r
	shift
	new_topic
	args=()
	for a in "$@"; do args+=("${a//TOPIC/$topic}"); done
	t0=$(date +%s.%N)
	if ! "${args[@]}" <"$input" >"$dir/last.out" 2>"$dir/last.err"; then
		echo "bench: $name failed: $(tail -n 3 "$dir/last.err")" >&2
		runs[$name]+="0 "
		drop_topic
		return
	fi
	t1=$(date +%s.%N)
	secs=$(echo "$t1 - $t0" | bc -l)
	r=$(echo "$n / $secs" | bc)
	if [[ $name == java-perf-* ]]; then
		r=$(sed -n 's/^[0-9]* records sent, \([0-9]*\)\.[0-9]* records\/sec.*/\1/p' \
			"$dir/last.out" | tail -n 1)
		r=${r:-0}
	fi
	runs[$name]+="$r "
	drop_topic
}

# the median of each name's runs into rate[NAME]
medians() {
	local k
	for k in "${!runs[@]}"; do
		rate[$k]=$(printf '%s\n' ${runs[$k]} | sort -n |
			awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }')
	done
}

ratio() { # a b -> a/b with two decimals
	if [[ ${rate[$2]:-0} == 0 ]]; then echo "n/a"; else echo "scale=2; ${rate[$1]} / ${rate[$2]}" | bc; fi
}

# warm the broker (and the page cache) up: the first run is always slower
new_topic
kcat -P -b "$bs" -t "$topic" -K '\t' <"$input" >/dev/null 2>&1 || true
drop_topic

rows=()
for acks in 1 all; do
	for z in none lz4; do
		idem=false
		[[ $acks == all ]] && idem=true
		same=(-X "acks=$acks" -X "compression.codec=$z" -X partitioner=murmur2_random
			-X "enable.idempotence=$idem" -X linger.ms=5 -X queue.buffering.max.kbytes=4096)
		echo "== acks=$acks compression=$z" >&2
		ktk_def=(ktk-producer -b "$bs" -t TOPIC -K '\t' --acks "$acks" -z "$z")
		kcat_def=(kcat -P -b "$bs" -t TOPIC -K '\t' -X "acks=$acks" -X "compression.codec=$z")
		# the librdkafka tools take turns, BENCH_REPEAT rounds (default
		# 5), the order rotating each round: a slower phase of the
		# shared machine or the broker then hits all of them alike
		for ((i = 0; i < ${BENCH_REPEAT:-5}; i++)); do
			for ((j = 0; j < 4; j++)); do
				case $(((i + j) % 4)) in
				0) once "ktk-same-$acks-$z" ktk-producer -b "$bs" -t TOPIC -K '\t' "${same[@]}" ;;
				1) once "kcat-same-$acks-$z" kcat -P -b "$bs" -t TOPIC -K '\t' "${same[@]}" ;;
				2) once "ktk-def-$acks-$z" "${ktk_def[@]}" ;;
				3) once "kcat-def-$acks-$z" "${kcat_def[@]}" ;;
				esac
			done
		done
		for k in ktk-same kcat-same ktk-def kcat-def; do
			printf '  %-28s records/s: %s\n' "$k-$acks-$z" "${runs[$k-$acks-$z]}" >&2
		done
		[[ -n ${BENCH_QUICK:-} ]] && { rows+=("$acks $z"); continue; }
		once "java-console-$acks-$z" tool org.apache.kafka.tools.ConsoleProducer \
			--bootstrap-server "$bs" --topic TOPIC \
			--reader-property parse.key=true --compression-codec "$z" \
			--producer-property "acks=$acks"
		once "java-perf-$acks-$z" tool org.apache.kafka.tools.ProducerPerformance \
			--topic TOPIC --num-records "$n" --record-size 100 \
			--throughput -1 --producer-props bootstrap.servers="$bs" \
			"acks=$acks" "compression.type=$z"
		printf '  %-28s records/s: %s\n' "java-console-$acks-$z" "${runs[java-console-$acks-$z]}" \
			"java-perf-$acks-$z" "${runs[java-perf-$acks-$z]}" >&2
		rows+=("$acks $z")
	done
done

python3 - "$big_mb" >"$dir/producer-big.txt" <<'PY'
import sys
mb = int(sys.argv[1])
line = ("k%09d\t" + "x" * 89 + "\n")
n = mb * 1024 * 1024 // 100
w = sys.stdout.write
for i in range(n):
    w(line % i)
PY
new_topic
big_topic=$topic
/usr/bin/time -o "$dir/rss" -f '%M' ktk-producer -b "$bs" -t "$big_topic" -K '\t' \
	--acks 1 "$dir/producer-big.txt" >/dev/null 2>&1 || true
rss=$(tail -n 1 "$dir/rss")
medians

echo
echo "ktk-producer, $n keyed 100-byte records, 6 partitions, one broker"
printf '%-14s %12s %12s %12s %12s %12s\n' "acks/codec" "ktk rec/s" \
	"vs kcat" "vs kcat" "vs Java" "vs Producer"
printf '%-14s %12s %12s %12s %12s %12s\n' "" "(same set.)" "(same set.)" "(defaults)" \
	"console" "Performance"
for r in "${rows[@]}"; do
	set -- $r
	k="$1-$2"
	printf '%-14s %12s %11sx %11sx %11sx %11sx\n' "acks=$1 $2" "${rate[ktk-same-$k]}" \
		"$(ratio "ktk-same-$k" "kcat-same-$k")" "$(ratio "ktk-def-$k" "kcat-def-$k")" \
		"$(ratio "ktk-def-$k" "java-console-$k")" "$(ratio "ktk-def-$k" "java-perf-$k")"
done
echo
printf 'records/s:  '
for r in "${rows[@]}"; do
	set -- $r
	k="$1-$2"
	printf '[acks=%s %s] kcat %s, kcat defaults %s, ktk defaults %s, console %s, ProducerPerformance %s; ' \
		"$1" "$2" "${rate[kcat-same-$k]}" "${rate[kcat-def-$k]}" "${rate[ktk-def-$k]}" \
		"${rate[java-console-$k]:-n/a}" "${rate[java-perf-$k]:-n/a}"
done
echo
echo "peak RSS of ktk-producer for a ${big_mb} MiB input: $((rss / 1024)) MiB"
