#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# The build tree under test ($KTK_BUILD_DIR: build/ for make check,
# build/rdk28 for make check-matrix) runs against the librdkafka it was
# compiled for, and reports the features lib/kafka/features.h gave it.

load helpers

# the binaries that link librdkafka (ktk-dump-log reads files only)
rdk_binaries() {
	local b
	for b in "$KTK_BIN_DIR"/ktk-*; do
		[ "$(basename "$b")" = ktk-dump-log ] || echo "$b"
	done
}

# "2.8.0" from the RD_KAFKA_VERSION of an rdkafka.h
header_version() {
	local v
	v=$(sed -n 's/^#define RD_KAFKA_VERSION  *0x\([0-9a-fA-F]*\).*/\1/p' "$1")
	[ ${#v} -eq 8 ] || return 1
	printf '%d.%d.%d\n' "0x${v:0:2}" "0x${v:2:2}" "0x${v:4:2}"
}

# the rdkafka.h this tree was compiled with: the one the compiler takes for
# <librdkafka/rdkafka.h> given the flags recorded in $KTK_BUILD_DIR/rdkafka.flags
# (a LIBRDKAFKA prefix's -isystem, or pkg-config's --cflags, whose first -I
# need not be librdkafka's: /usr/include/mit-krb5 on Debian 13)
built_header() {
	local flags
	flags=$(cat "$KTK_BUILD_DIR/rdkafka.flags") || return 1
	# shellcheck disable=SC2086 # the recorded flags, split as make split them
	printf '#include <librdkafka/rdkafka.h>\n' |
		${CC:-cc} $flags -E -H -x c - -o /dev/null 2>&1 | sed -n 's/^\. //p' | head -n 1
}

@test "every binary runs against the librdkafka its headers came from" {
	local b want v hv n=0
	want=$(header_version "$(built_header)")
	[ -n "$want" ] || fail "no RD_KAFKA_VERSION in $(built_header)"
	if [ -n "${KTK_EXPECT_RDKAFKA:-}" ]; then
		assert_equal "$want" "$KTK_EXPECT_RDKAFKA"
	fi
	for b in $(rdk_binaries); do
		run --separate-stderr "$b" --version
		assert_success
		v=$(sed -n 's/^librdkafka \([0-9.]*\) (builtin.features: .*)$/\1/p' <<<"$output")
		hv=$(sed -n 's/^ktk features (librdkafka \([0-9.]*\) headers):.*/\1/p' <<<"$output")
		[ "$v" = "$want" ] || fail "$b runs librdkafka '$v', built for $want"
		[ "$hv" = "$want" ] || fail "$b reports headers '$hv', built with $want"
		n=$((n + 1))
	done
	[ "$n" -gt 0 ] || fail "no binary in $KTK_BIN_DIR"
}

@test "the features line matches the librdkafka versions that brought each API" {
	local line v feat min sign have
	line=$(ktk-mock --version | sed -n 's/^ktk features (librdkafka \([0-9.]*\) headers): /\1 /p')
	v=${line%% *}
	[ -n "$v" ] || fail "no features line in ktk-mock --version"
	# feature and the first librdkafka release with it (CHANGELOG.md)
	while read -r feat min; do
		if [ "$(printf '%s\n%s\n' "$min" "$v" | sort -V | head -n 1)" = "$min" ]; then
			sign=+
		else
			sign=-
		fi
		have=$(tr ' ' '\n' <<<"$line" | grep -xE "[+-]$feat") ||
			fail "feature $feat missing from: $line"
		assert_equal "$have" "$sign$feat"
	done <<-'EOF'
		incremental-alter-configs 2.2.0
		describe-topics 2.3.0
		describe-cluster 2.3.0
		topic-id 2.3.0
		admin-list-offsets 2.3.0
		leader-epoch 2.1.0
		fetch-queue-backoff 2.1.0
		elect-leaders 2.6.0
		group-type 2.6.0
	EOF
}

@test "the bats files reach binaries through KTK_BIN_DIR and KTK_BUILD_DIR, so the matrix tests its own tree" {
	run grep -nE '(KTK_TOP[}"]*|\.\.)/build/(bin|test-bin|unit)\b' \
		"$KTK_TOP"/tests/cli/*.bats "$KTK_TOP"/tests/cli/*/*.bats "$KTK_TOP"/tests/cli/helpers.bash
	assert_failure 1
	assert_output ''
}
