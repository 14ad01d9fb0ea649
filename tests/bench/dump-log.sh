#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tests/bench/dump-log.sh -- ktk-dump-log against Kafka's kafka-dump-log
# (DumpLogSegments 4.3.1 via tests/kafka/kafka-tool) on segments of 100-byte
# records, uncompressed and lz4, in warm page cache:
#   --print-data-log to /dev/null (time, ratio), --verify throughput (GB/s),
#   peak RSS (/usr/bin/time -v).
# ktk's runs are the best of three. KTK_BENCH_BYTES (default 1 GiB) sizes ktk's segment; the Java tool runs on
# KTK_BENCH_JAVA_BYTES (default 256 MiB) because it needs minutes for 1 GiB,
# and the ratio compares both tools on that same file.
# Then the same on segments of tiny batches (97-byte single-record batches,
# what the console producer or `ktk-producer --sync` writes), where the
# per-batch cost is all there is: KTK_BENCH_TINY_BYTES (512 MiB) for
# --verify, KTK_BENCH_TINY_JAVA_BYTES (64 MiB) for --print-data-log side by
# side with Kafka's tool. Last, --verify of a log of tiny batches with a
# full time index (KTK_BENCH_TIX_ENTRIES entries, 873813 = Kafka's default
# 10 MiB maximum) whose entries all point past the log: one forward walk,
# where entry after entry walking the log would take days.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
big=${KTK_BENCH_BYTES:-1073741824}
small=${KTK_BENCH_JAVA_BYTES:-268435456}
B=build/bench/dump-log
mkdir -p "$B"
make -s all >/dev/null
cc -O2 -I. -o "$B/gen-segment" tests/bench/gen-segment.c build/libktk-core.a \
	-lz -lsnappy -llz4 -lzstd -ljansson
cc -O2 -I. -o "$B/craft-log" tests/tools/craft-log.c build/libktk-core.a \
	-lz -lsnappy -llz4 -lzstd -ljansson
tiny=${KTK_BENCH_TINY_BYTES:-536870912}
tiny_java=${KTK_BENCH_TINY_JAVA_BYTES:-67108864}
tix_entries=${KTK_BENCH_TIX_ENTRIES:-873813}

# secs CMD...: wall seconds of one run; its CPU seconds (user + system)
# in $B/cpu and peak RSS (KiB) in $B/rss
secs() {
	/usr/bin/time -f '%e %U %S %M' -o "$B/time" "$@" >/dev/null 2>"$B/stderr" || {
		echo "bench: failed: $*" >&2; cat "$B/stderr" >&2; return 1; }
	read -r t u s rss <"$B/time"
	echo "$rss" >"$B/rss"
	awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f\n", u + s }' >"$B/cpu"
	echo "$t"
}
# best3 CMD...: secs of the fastest of three runs (wall; its CPU in $B/cpu)
best3() {
	local best=999999 bcpu=0 t i
	for i in 1 2 3; do
		t=$(secs "$@")
		if awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$t
			bcpu=$(<"$B/cpu")
		fi
	done
	echo "$bcpu" >"$B/cpu"
	echo "$best"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
gbps() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.2f", (t > 0 ? n / t / 1e9 : 0) }'; }

# Wall time on a shared machine is noisy: CPU time (user + system) is
# printed too, and its ratio.
printf '%-32s %16s %16s %14s %10s\n' "case" "kafka wall/cpu s" "ktk wall/cpu s" "ratio wall/cpu" "ktk RSS"
for codec in none lz4; do
	for size in "$small" "$big"; do
		f=$B/$codec-$size/00000000000000000000.log
		mkdir -p "$(dirname "$f")"
		[[ -s $f ]] || "$B/gen-segment" "$f" "$size" "$codec"
		cat "$f" >/dev/null # warm the page cache
	done
	fs=$B/$codec-$small/00000000000000000000.log
	fb=$B/$codec-$big/00000000000000000000.log
	mib=$(( $(stat -c %s "$fs") >> 20 ))
	tj=$(secs tests/kafka/kafka-tool org.apache.kafka.tools.DumpLogSegments --print-data-log --files "$fs")
	cj=$(<"$B/cpu")
	tk=$(best3 build/bin/ktk-dump-log --print-data-log "$fs")
	ck=$(<"$B/cpu")
	printf '%-32s %16s %16s %14s %6s MiB\n' "--print-data-log $codec ${mib} MiB" "$tj / $cj" "$tk / $ck" \
		"$(ratio "$tj" "$tk")x / $(ratio "$cj" "$ck")x" $(( $(<"$B/rss") / 1024 ))
	gib=$(awk -v n="$(stat -c %s "$fb")" 'BEGIN { printf "%.2f", n / 1073741824 }')
	tk=$(best3 build/bin/ktk-dump-log --print-data-log "$fb")
	printf '%-32s %16s %16s %14s %6s MiB\n' "--print-data-log $codec $gib GiB" "-" "$tk / $(<"$B/cpu")" "-" $(( $(<"$B/rss") / 1024 ))
	tv=$(best3 build/bin/ktk-dump-log --verify "$fb")
	cv=$(<"$B/cpu")
	printf '%-32s %16s %16s %14s %6s MiB\n' "--verify $codec $gib GiB" "-" "$tv / $cv" \
		"$(gbps "$(stat -c %s "$fb")" "$tv") / $(gbps "$(stat -c %s "$fb")" "$cv") GB/s" $(( $(<"$B/rss") / 1024 ))
done

# tiny batches: one 29-byte record each, 97 bytes a batch
for size in "$tiny_java" "$tiny"; do
	f=$B/tiny-$size/00000000000000000000.log
	mkdir -p "$(dirname "$f")"
	[[ -s $f ]] || "$B/gen-segment" "$f" "$size" none 1 29
	cat "$f" >/dev/null
done
fs=$B/tiny-$tiny_java/00000000000000000000.log
fb=$B/tiny-$tiny/00000000000000000000.log
mib=$(( $(stat -c %s "$fs") >> 20 ))
tj=$(secs tests/kafka/kafka-tool org.apache.kafka.tools.DumpLogSegments --print-data-log --files "$fs")
cj=$(<"$B/cpu")
tk=$(best3 build/bin/ktk-dump-log --print-data-log "$fs")
ck=$(<"$B/cpu")
printf '%-32s %16s %16s %14s %6s MiB\n' "--print-data-log tiny ${mib} MiB" "$tj / $cj" "$tk / $ck" \
	"$(ratio "$tj" "$tk")x / $(ratio "$cj" "$ck")x" $(( $(<"$B/rss") / 1024 ))
mib=$(( $(stat -c %s "$fb") >> 20 ))
tv=$(best3 build/bin/ktk-dump-log --verify "$fb")
cv=$(<"$B/cpu")
printf '%-32s %16s %16s %14s %6s MiB\n' "--verify tiny $mib MiB" "-" "$tv / $cv" \
	"$(gbps "$(stat -c %s "$fb")" "$tv") / $(gbps "$(stat -c %s "$fb")" "$cv") GB/s" $(( $(<"$B/rss") / 1024 ))

# a full time index past a log of tiny batches
d=$B/tix
mkdir -p "$d"
ln -sf "$(readlink -f "$fs")" "$d/00000000000000000000.log"
batches=$(( $(stat -c %s "$fs") / 97 ))
[[ -s $d/00000000000000000000.timeindex ]] ||
	"$B/craft-log" timeindex "$d/00000000000000000000.timeindex" "$tix_entries" $((batches + 1))
/usr/bin/time -f '%e %U %S %M' -o "$B/time" build/bin/ktk-dump-log --verify "$d/00000000000000000000.log" >/dev/null 2>&1 || true
read -r t u s rss < <(tail -n 1 "$B/time") # after "Command exited with non-zero status 65"
printf '%-32s %16s %16s %14s %6s MiB\n' "--verify tix $tix_entries x $batches" "-" \
	"$t / $(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')" "-" $((rss / 1024))
