#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tests/bench/consumer.sh -- ktk-consumer against kcat -C (and Kafka's
# ConsoleConsumer), ktk-producer against kcat -P, in one run on one real
# broker.
#
# 1,000,000 keyed records ("key-NNNNNNNN" and a 100-byte value) in a
# 6-partition topic, read with -o beginning -e to /dev/null, printed four
# ways: values; `-f '%k\t%s\n'`; JSON lines (-J); Kafka's formatter with
# print.key and print.timestamp (kcat: the same line through -f). Each
# row's ktk and kcat runs take turns, the order swapping each round, for
# KTK_BENCH_ROUNDS rounds (5), so that a slow phase of the shared machine
# or the broker hits both alike; a row gives min / median / max wall
# seconds, the median CPU seconds (user + sys) and ktk's peak RSS. The
# producer row: the same records from a file into a fresh topic, ktk-producer
# and kcat -P -K with the same librdkafka settings, the same rounds.
# Last, ktk-consumer's peak RSS for KTK_BENCH_BIG records (10,000,000; 0 to
# skip). A benchmark reports; it does not fail on numbers.
#
# Environment: KTK_BENCH_RECORDS (1000000), KTK_BENCH_ROUNDS (5),
# KTK_BENCH_BIG (10000000), KTK_BENCH_QUICK=1 (no Java console consumer,
# no producer row, no big run), KTK_TEST_BOOTSTRAP (use a running broker
# instead of starting one with tests/kafka/kafka-up), KTK_BENCH_TOPIC (read
# this topic, already holding the records, instead of producing one).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
n=${KTK_BENCH_RECORDS:-1000000}
rounds=${KTK_BENCH_ROUNDS:-5}
big=${KTK_BENCH_BIG:-10000000}
quick=${KTK_BENCH_QUICK:-}
bin=${KTK_BIN_DIR:-build/bin}
dir=build/bench
mkdir -p "$dir"
started=0
B=${KTK_TEST_BOOTSTRAP:-}
if [ -z "$B" ]; then
	# a cluster of its own, so a running test cluster is left alone
	export KTK_KAFKA_CLUSTER=bench-consumer
	B=$(tests/kafka/kafka-up | tail -n 1)
	started=1
fi
made=()
cleanup() {
	local t
	for t in "${made[@]}"; do
		$bin/ktk-topics -b "$B" --delete -t "$t" >/dev/null 2>&1 || true
	done
	if ((started)); then tests/kafka/kafka-down >/dev/null 2>&1 || true; fi
	rm -f "$dir/consumer-input.txt"
}
trap cleanup EXIT

# gen N: the records, "key-NNNNNNNN<TAB>" and 100 x 'v'
gen() {
	awk -v n="$1" 'BEGIN { v = sprintf("%0100d", 0); gsub(/0/, "v", v);
		for (i = 0; i < n; i++) printf "key-%08d\t%s\n", i, v }'
}
# topic_with N: a fresh 6-partition topic holding N records, in $topic
seq=0
topic_with() {
	local have i
	seq=$((seq + 1))
	topic=bench-consumer-$$-$seq
	made+=("$topic")
	$bin/ktk-topics -b "$B" --create -t "$topic" --partitions 6 \
		--replication-factor 1 >/dev/null
	echo "bench: producing $1 records to $topic" >&2
	gen "$1" | $bin/ktk-producer -b "$B" -t "$topic" -K '\t' --acks 1 -q
	for ((i = 0; i < 300; i++)); do
		have=$($bin/ktk-consumer -b "$B" -t "$topic" -o beginning -e -f '' -v 2>&1 >/dev/null |
			awk '/records in total/ { print $2 }')
		[ "${have:-0}" -ge "$1" ] && return 0
		sleep 0.2
	done
	echo "bench: $topic holds ${have:-0} records, not $1" >&2
	exit 1
}

if [ -n "${KTK_BENCH_TOPIC:-}" ]; then
	topic=$KTK_BENCH_TOPIC
else
	topic_with "$n"
fi
T=$topic

# the rows: name, ktk-consumer's arguments, kcat's (after -C -q -b -t -o -e)
names=(value key-tab-value json formatter)
declare -A ktk_args kcat_args java_args label
label[value]='values'
ktk_args[value]=''
kcat_args[value]=''
java_args[value]=''
label[key-tab-value]='`-f %k\t%s\n`'
ktk_args[key-tab-value]='-f %k\t%s\n'
kcat_args[key-tab-value]='-f %k\t%s\n'
java_args[key-tab-value]='--formatter-property print.key=true'
label[json]='JSON (`-J`)'
ktk_args[json]='-J'
kcat_args[json]='-J'
java_args[json]=''
label[formatter]='formatter, print.key + print.timestamp'
ktk_args[formatter]='--property print.key=true --property print.timestamp=true'
kcat_args[formatter]='-f CreateTime:%T\t%k\t%s\n'
java_args[formatter]='--formatter-property print.key=true --formatter-property print.timestamp=true'

# the commands of a row as arrays (the arguments hold no spaces but in -f)
ktk_cmd() {
	local a=${ktk_args[$1]}
	cmd=($bin/ktk-consumer -b "$B" -t "$T" -o beginning -e)
	case $a in
	-f\ *) cmd+=(-f "${a#-f }") ;;
	?*) read -ra more <<<"$a" && cmd+=("${more[@]}") ;;
	esac
}
kcat_cmd() {
	local a=${kcat_args[$1]}
	cmd=(kcat -C -q -b "$B" -t "$T" -o beginning -e)
	case $a in
	-f\ *) cmd+=(-f "${a#-f }") ;;
	?*) cmd+=("$a") ;;
	esac
}

# every tool must print every record (and ktk what kcat prints), or the
# timings mean nothing
for r in "${names[@]}"; do
	ktk_cmd "$r"
	"${cmd[@]}" | sort >"$dir/ktk.out"
	got=$(wc -l <"$dir/ktk.out")
	[ "$got" -eq "$n" ] || { echo "bench: '${cmd[*]}' printed $got records, not $n" >&2; exit 1; }
	if [ "$r" != json ]; then
		kcat_cmd "$r"
		"${cmd[@]}" | sort | cmp -s - "$dir/ktk.out" ||
			echo "bench: $r: kcat's output differs from ktk's" >&2
	fi
done
rm -f "$dir/ktk.out"

# once KEY CMD...: run CMD to /dev/null; add its wall seconds to wall[KEY],
# user+sys to cpu[KEY], peak RSS (KiB) to rss[KEY]
# (stdin from $input, /dev/null unless set)
declare -A wall cpu rss
input=/dev/null
once() {
	local key=$1 s e
	shift
	s=$(date +%s.%N)
	/usr/bin/time -o "$dir/time" -f '%U %S %M' "$@" >/dev/null 2>"$dir/last.err" <"$input" ||
		{ echo "bench: $key: '$*' failed: $(tail -n 2 "$dir/last.err")" >&2; }
	e=$(date +%s.%N)
	wall[$key]+="$(echo "$e - $s" | bc -l) "
	read -r u sy m < <(tail -n 1 "$dir/time")
	cpu[$key]+="$(echo "$u + $sy" | bc -l) "
	rss[$key]+="$m "
}
# stat LIST: "min median max" of the numbers in LIST
stat() {
	printf '%s\n' $1 | sort -g | awk '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.2f %.2f %.2f\n", v[1], m, v[NR] }'
}
maxof() { printf '%s\n' $1 | sort -g | tail -n 1; }

# warm up: the first read of the topic is slower (page cache, JIT)
kcat_cmd value
"${cmd[@]}" >/dev/null
for ((i = 0; i < rounds; i++)); do
	echo "bench: round $((i + 1)) of $rounds" >&2
	for r in "${names[@]}"; do
		if ((i % 2)); then
			kcat_cmd "$r" && once "kcat-$r" "${cmd[@]}"
			ktk_cmd "$r" && once "ktk-$r" "${cmd[@]}"
		else
			ktk_cmd "$r" && once "ktk-$r" "${cmd[@]}"
			kcat_cmd "$r" && once "kcat-$r" "${cmd[@]}"
		fi
	done
done
if [ -z "$quick" ]; then
	for r in value key-tab-value formatter; do
		read -ra more <<<"${java_args[$r]}"
		once "java-$r" env KTK_KAFKA_TOOL_HEAP=-Xmx512m tests/kafka/kafka-tool \
			org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$B" \
			--topic "$T" --from-beginning --max-messages "$n" "${more[@]}"
	done
fi

# the producer row: ktk-producer and kcat -P -K with the same settings
if [ -z "$quick" ]; then
	gen "$n" >"$dir/consumer-input.txt"
	input=$dir/consumer-input.txt
	same=(-X acks=1 -X compression.codec=none -X partitioner=murmur2_random
		-X enable.idempotence=false -X linger.ms=5 -X queue.buffering.max.kbytes=4096)
	for ((i = 0; i < rounds; i++)); do
		for j in 0 1; do
			seq=$((seq + 1))
			t=bench-producer-$$-$seq
			$bin/ktk-topics -b "$B" --create -t "$t" --partitions 6 \
				--replication-factor 1 >/dev/null
			if (((i + j) % 2)); then
				once kcat-producer kcat -P -b "$B" -t "$t" -K '\t' "${same[@]}"
			else
				once ktk-producer $bin/ktk-producer -b "$B" -t "$t" -K '\t' "${same[@]}"
			fi
			$bin/ktk-topics -b "$B" --delete -t "$t" >/dev/null 2>&1 || true
		done
	done
	input=/dev/null
fi

# memory: a run over many more records
big_rss=
if [ -z "$quick" ] && [ "$big" -gt 0 ]; then
	topic_with "$big"
	/usr/bin/time -o "$dir/time" -f '%M' $bin/ktk-consumer -b "$B" -t "$topic" -o beginning -e -J \
		>/dev/null 2>&1 || true
	big_rss=$(tail -n 1 "$dir/time")
	$bin/ktk-topics -b "$B" --delete -t "$topic" >/dev/null 2>&1 || true
fi

ratio() { printf '%.2fx' "$(echo "$2 / $1" | bc -l)"; }
printf '\n%d keyed records of 100 bytes, 6 partitions, one broker, -o beginning -e to /dev/null;\n' "$n"
printf 'wall seconds min / median / max of %d interleaved rounds, CPU = median user+sys\n\n' "$rounds"
printf '| output | ktk-consumer | kcat -C | vs kcat | CPU ktk / kcat | ktk max/min | ktk RSS |\n'
printf '|---|---|---|---|---|---|---|\n'
declare -A med
for r in "${names[@]}"; do
	read -r kmin kmed kmax <<<"$(stat "${wall[ktk-$r]}")"
	read -r cmin cmed cmax <<<"$(stat "${wall[kcat-$r]}")"
	read -r _ kcpu _ <<<"$(stat "${cpu[ktk-$r]}")"
	read -r _ ccpu _ <<<"$(stat "${cpu[kcat-$r]}")"
	med[$r]=$kmed
	printf '| %s | %s / %s / %s | %s / %s / %s | %s | %s / %s | %.2f | %d MiB |\n' "${label[$r]}" \
		"$kmin" "$kmed" "$kmax" "$cmin" "$cmed" "$cmax" "$(ratio "$kmed" "$cmed")" \
		"$kcpu" "$ccpu" "$(echo "$kmax / $kmin" | bc -l)" "$(($(maxof "${rss[ktk-$r]}") / 1024))"
done
if [ -n "${wall[ktk-producer]:-}" ]; then
	read -r kmin kmed kmax <<<"$(stat "${wall[ktk-producer]}")"
	read -r cmin cmed cmax <<<"$(stat "${wall[kcat-producer]}")"
	read -r _ kcpu _ <<<"$(stat "${cpu[ktk-producer]}")"
	read -r _ ccpu _ <<<"$(stat "${cpu[kcat-producer]}")"
	printf '| producer (`-K`, same settings) | %s / %s / %s | %s / %s / %s (`-P`) | %s | %s / %s | %.2f | %d MiB |\n' \
		"$kmin" "$kmed" "$kmax" "$cmin" "$cmed" "$cmax" "$(ratio "$kmed" "$cmed")" \
		"$kcpu" "$ccpu" "$(echo "$kmax / $kmin" | bc -l)" "$(($(maxof "${rss[ktk-producer]}") / 1024))"
fi
echo
printf -- '-J against values (medians): %.2f\n' "$(echo "${med[json]} / ${med[value]}" | bc -l)"
if [ -z "$quick" ]; then
	printf 'kafka-console-consumer (one run each, with its JVM start-up): '
	for r in value key-tab-value formatter; do
		w=${wall[java-$r]%% *}
		printf '%s %.2f s (ktk %s); ' "$r" "$w" "$(ratio "${med[$r]}" "$w")"
	done
	echo
fi
[ -z "$big_rss" ] || printf 'peak RSS of ktk-consumer -J over %d records: %d MiB\n' "$big" "$((big_rss / 1024))"
