# package.bash -- shared by tests/package/*.bats: what the packages must hold.

bats_require_minimum_version 1.5.0
KTK_TOP=${KTK_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
export KTK_TOP
for d in /usr/lib/bats /usr/local/lib/bats /usr/lib/node_modules; do
	if [ -f "$d/bats-support/load.bash" ]; then
		load "$d/bats-support/load.bash"
		load "$d/bats-assert/load.bash"
		break
	fi
done

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
