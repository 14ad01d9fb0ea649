#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# Documentation drift: the committed man pages and completions must be what
# the option tables generate (build-aux/gendocs, `make docs`), and they must
# be well-formed.

load helpers

@test "committed man pages and completions match the option tables" {
	local out="$BATS_TEST_TMPDIR/gen"
	"$KTK_TOP/build-aux/gendocs" "$KTK_BIN_DIR" "$out"
	local f rel n=0
	for f in "$out"/man/* "$out"/completions/*/*; do
		rel=${f#"$out"/}
		[ -f "$KTK_TOP/$rel" ] || fail "$rel is not committed; run make docs"
		diff -u "$KTK_TOP/$rel" "$f" || fail "$rel differs from the option table; run make docs"
		n=$((n + 1))
	done
	# every binary has its man page and three completions
	local b
	for b in "$KTK_BIN_DIR"/ktk-*; do
		b=$(basename "$b")
		[ -f "$out/man/$b.1" ] || fail "no man/$b.1.in for $b"
	done
	[ "$n" -ge 4 ]
}

@test "man pages pass mandoc -Tlint without warnings" {
	local m
	for m in "$KTK_TOP"/man/*.[1-8]; do
		run mandoc -Tlint -W warning "$m"
		assert_success
		assert_output ""
	done
}

@test "--help lists exactly the options the man page documents" {
	local b name
	for b in "$KTK_BIN_DIR"/ktk-*; do
		name=$(basename "$b")
		diff <("$b" --help | grep -oE -- '--[a-z][a-z0-9.-]*' | sort -u) \
			<(sed -n 's/^\(\\fB\\-.\\fR, \)\{0,1\}\\fB\\-\\-\([a-z0-9.\\-]*\)\\fR.*/--\2/p' "$KTK_TOP/man/$name.1" | sed 's/\\-/-/g' | sort -u) ||
			fail "$name: --help and man page disagree"
	done
}

@test "bash completions load and complete flags and enumerated values" {
	local b name
	for b in "$KTK_TOP"/completions/bash/ktk-*; do
		name=$(basename "$b")
		run bash -c "source '$b' && complete -p $name"
		assert_success
		assert_output --partial "$name"
	done
	run bash -c "source '$KTK_TOP/completions/bash/ktk-mock'
		COMP_WORDS=(ktk-mock --bro); COMP_CWORD=1; _ktk_mock; printf '%s\n' \"\${COMPREPLY[@]}\""
	assert_success
	assert_output "--brokers"
}

# issue 17 §5: README says each thing once, to users; its kcat column is
# what Debian's kcat takes
@test "README: one install section, no release process, every kcat flag in the cheat sheet is kcat's (or said not to be)" {
	local readme=$KTK_TOP/README.md
	run grep -c -i -E '^#+ .*install' "$readme"
	assert_output 1
	run grep -n -i -E 'before (a|each|every|the) release|release (checklist|process|manager)|who (checks|signs off)' "$readme"
	assert_failure
	command -v kcat >/dev/null || skip "kcat is not installed (packaging/deps installs it)"
	local help row flags f n=0
	help=$(kcat -h 2>&1 || true)
	while IFS= read -r row; do
		# the first cell's kcat command, its flags (-X KEY and -s are
		# kcat's own word forms)
		flags=$(sed -E 's/^\| `kcat ([^`]*)`.*/\1/' <<<"$row" | grep -oE '(^| )-[A-Za-z]' | tr -d ' ' | sort -u)
		for f in $flags; do
			n=$((n + 1))
			grep -qE "^  $f |^  $f\$| \\| $f( |$)|^  -C \\| -P \\| -L \\| -Q" <<<"$help" || {
				[[ $f == -[CPLQ] ]] && continue
				[[ $row == *"Debian's kcat 1.7.1 has no"* ]] && continue
				fail "README's kcat row uses $f, which Debian's kcat does not have: $row"
			}
		done
	done < <(grep -E '^\| `kcat ' "$readme")
	[ "$n" -ge 20 ] || fail "only $n kcat flags found in README's cheat sheet"
}
