#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# ktk-consumer without a group fetches over several librdkafka clients
# (--fetchers; by default one for each CPU, at most 4, when it starts
# before the end): every record once, each partition's in offset order,
# the same records as over one client; one client for fewer than 100,000
# records known to be read (3,000,000 with librdkafka 2.1 and later). A
# topic of 6 partitions holding 120,000 keyed records.
load ../helpers

setup_file() {
	[ -n "${KTK_TEST_BOOTSTRAP:-}" ] || return 0
	T=$(unique_topic fetchers)
	ktk-topics -b "$KTK_TEST_BOOTSTRAP" --create -t "$T" --partitions 6 >/dev/null
	seq 1 120000 | awk '{ print "k" $1 "\t" $1 }' |
		ktk-producer -b "$KTK_TEST_BOOTSTRAP" -t "$T" -K '\t' 2>/dev/null
	export T
}

# in_order FILE: "P O V" lines; each partition's offsets go up one at a
# time from 0, and no value comes twice
in_order() {
	awk '{ if ($2 != next_o[$1] + 0) bad++; next_o[$1] = $2 + 1
		if (seen[$3]++) dup++ }
		END { printf "%d %d %d\n", NR, bad, dup }' "$1"
}

@test "by default one client for each CPU (at most 4): every record once, each partition in order" {
	need_kafka
	local want rdk
	want=$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)
	((want > 4)) && want=4
	# from librdkafka 2.1 on, 120,000 records are below the threshold
	rdk=$(ktk-consumer --version | sed -n 's/^librdkafka \([0-9.]*\).*/\1/p')
	[ "$(printf '%s\n2.1.0\n' "$rdk" | sort -V | head -n 1)" = 2.1.0 ] && want=1
	run --separate-stderr ktk-consumer -b "$BOOTSTRAP" -t "$T" -o beginning -e -f '%p %o %s\n' -vv
	assert_success
	printf '%s\n' "${lines[@]}" >"$BATS_TEST_TMPDIR/out"
	run in_order "$BATS_TEST_TMPDIR/out"
	assert_output '120000 0 0'
	if ((want > 1)); then
		assert_regex "$stderr" "fetching over $want clients"
	else
		refute_regex "$stderr" 'fetching over'
	fi
	assert_regex "$stderr" 'ktk-consumer: 120000 records in total'
}

@test "--fetchers 3 prints what one client prints; -c stops at N exactly" {
	need_kafka
	run --separate-stderr bash -c "ktk-consumer -b '$BOOTSTRAP' -t '$T' -o beginning -e -J --fetchers 1 -vv | sort"
	assert_success
	refute_regex "$stderr" 'fetching over'
	printf '%s\n' "${lines[@]}" >"$BATS_TEST_TMPDIR/one"
	run --separate-stderr bash -c "ktk-consumer -b '$BOOTSTRAP' -t '$T' -o beginning -e -J --fetchers 3 -vv | sort"
	assert_success
	assert_regex "$stderr" 'fetching over 3 clients'
	printf '%s\n' "${lines[@]}" >"$BATS_TEST_TMPDIR/three"
	assert_equal "$(wc -l <"$BATS_TEST_TMPDIR/one")" 120000
	cmp "$BATS_TEST_TMPDIR/one" "$BATS_TEST_TMPDIR/three"
	run ktk-consumer -b "$BOOTSTRAP" -t "$T" -o beginning --fetchers 4 -c 12345
	assert_success
	assert_equal "${#lines[@]}" 12345
}

@test "one client from the end, for fewer than 100,000 records, for one partition; no more than partitions" {
	need_kafka
	run --separate-stderr ktk-consumer -b "$BOOTSTRAP" -t "$T" -o -1000 -e -vv
	assert_success
	assert_equal "${#lines[@]}" 6000
	refute_regex "$stderr" 'fetching over'
	run --separate-stderr ktk-consumer -b "$BOOTSTRAP" -t "$T" -o beginning -c 99999 -vv
	assert_success
	assert_equal "${#lines[@]}" 99999
	refute_regex "$stderr" 'fetching over'
	run --separate-stderr ktk-consumer -b "$BOOTSTRAP" -t "$T" -o -1000 -e --fetchers 2 -vv
	assert_success
	assert_equal "${#lines[@]}" 6000
	assert_regex "$stderr" 'fetching over 2 clients'
	run --separate-stderr ktk-consumer -b "$BOOTSTRAP" -t "$T" -p 0 -p 1 -o beginning -e --fetchers 8 -vv
	assert_success
	assert_regex "$stderr" 'fetching over 2 clients'
	run --separate-stderr ktk-consumer -b "$BOOTSTRAP" -t "$T" -o end -e -vv
	assert_success
	assert_output ''
	refute_regex "$stderr" 'fetching over'
	run --separate-stderr ktk-consumer -b "$BOOTSTRAP" -t "$T" -p 5 -o -3 -e -f '%p\n' -vv
	assert_success
	assert_output $'5\n5\n5'
	refute_regex "$stderr" 'fetching over'
}
