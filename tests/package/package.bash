# SPDX-License-Identifier: Apache-2.0
# package.bash -- shared by tests/package/*.bats: what the packages must hold.

# bats-support, bats-assert and $KTK_TOP, as every bats file has them
load ../cli/helpers

# the binaries the tree builds: cmd/X.c is ktk-X
ktk_names() {
	local c
	for c in "$KTK_TOP"/cmd/*.c; do
		c=$(basename "$c" .c)
		printf 'ktk-%s\n' "$c"
	done
}

# expected_paths ZSHDIR: every path a package must install (man pages
# without their compression suffix), one a line
expected_paths() {
	local zshdir=$1 n
	while read -r n; do
		printf '%s\n' "/usr/bin/$n" "/usr/share/man/man1/$n.1" \
			"/usr/share/bash-completion/completions/$n" \
			"$zshdir/_$n" "/usr/share/fish/vendor_completions.d/$n.fish"
	done < <(ktk_names)
	echo /usr/share/man/man7/ktk.7
}

# check_paths ZSHDIR < listing: fail naming each expected path not listed
check_paths() {
	local listing missing
	listing=$(sed -e 's|^\./|/|' -e 's|\.gz$||')
	missing=$(comm -23 <(expected_paths "$1" | sort) <(printf '%s\n' "$listing" | sort))
	[ -z "$missing" ] || fail "missing from the package: $missing"
}
