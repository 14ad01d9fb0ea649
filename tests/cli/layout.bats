#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# The layout of lib/ (lib/README.md): two layers, and folders that include
# only the folders below them. A lower-layer file that reached for
# librdkafka or for lib/kafka/ would make ktk-dump-log, the unit tests and
# the fuzz targets need a broker library; these tests fail first.

load helpers

# folder -> the lib/ folders its files may include (besides its own)
declare -gA allowed=(
	[base]=""
	[logformat]="base"
	[dump]="base logformat"
	[input]="base"
	[output]="base"
	[config]="base"
	[serdes]="base output"
	[registry]="base input output config serdes"
	[groups]="base"
	[kafka]="base logformat input output config groups"
)

@test "no lower-layer file includes rdkafka.h or a header of lib/kafka/" {
	local f bad=()
	for f in "$KTK_TOP"/lib/*/*.[ch]; do
		case $f in */lib/kafka/*) continue ;; esac
		if grep -nE '#[[:space:]]*include[[:space:]]*[<"](librdkafka/)?rdkafka\.h[>"]|#[[:space:]]*include[[:space:]]*"lib/kafka/' "$f"; then
			bad+=("${f#"$KTK_TOP"/}")
		fi
	done
	[ ${#bad[@]} -eq 0 ] || fail "lower layer reaches up: ${bad[*]}"
}

@test "every lib/ folder includes only the folders below it" {
	local f d t bad=()
	for f in "$KTK_TOP"/lib/*/*.[ch]; do
		d=${f#"$KTK_TOP"/lib/}
		d=${d%%/*}
		[[ -v allowed[$d] ]] || fail "lib/$d/ is not in this test's table (and lib/README.md)"
		while read -r t; do
			[ "$t" = "$d" ] && continue
			[[ " ${allowed[$d]} " == *" $t "* ]] || bad+=("${f#"$KTK_TOP"/} includes lib/$t/")
		done < <(sed -nE 's|^#[[:space:]]*include[[:space:]]*"lib/([a-z_]+)/.*|\1|p' "$f")
	done
	[ ${#bad[@]} -eq 0 ] || fail "$(printf '%s\n' "${bad[@]}")"
}

@test "the lower-layer library needs no librdkafka symbol" {
	local lib=$KTK_BUILD_DIR/libktk-core.a
	[ -f "$lib" ] || skip "no $lib (built by make)"
	run nm -u "$lib"
	assert_success
	refute_output --partial rd_kafka_
}

@test "every lib/ folder has its main header, whose comment says what the folder is for" {
	local d n
	for d in "$KTK_TOP"/lib/*/; do
		n=$(basename "$d")
		[ -f "$d/$n.h" ] || fail "lib/$n/ has no main header lib/$n/$n.h"
		# the comment right after the SPDX line names the file and says what it holds
		sed -n 2p "$d/$n.h" | grep -qE "^/\* $n\.h -- .{20,}" ||
			fail "lib/$n/$n.h does not open with its folder's description"
		grep -qF "\`$n/\`" "$KTK_TOP/lib/README.md" || fail "lib/README.md does not map lib/$n/"
	done
}
