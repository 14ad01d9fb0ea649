# SPDX-License-Identifier: Apache-2.0
# completion-helpers.bash -- drive the generated completions from bats
# (tests/cli/completions.bats, tests/cli/kafka/completions.bats); load after
# helpers.

# the completion file of NAME for SHELL (bash, zsh, fish)
comp_file() {
	local shell=$1 n=$2 tree inst
	case $shell in
	bash) tree=completions/bash/$n inst=/usr/share/bash-completion/completions/$n ;;
	zsh) tree=completions/zsh/_$n inst=/usr/share/zsh/vendor-completions/_$n ;;
	fish) tree=completions/fish/$n.fish inst=/usr/share/fish/vendor_completions.d/$n.fish ;;
	esac
	if [ "$KTK_BIN_DIR" = /usr/bin ] && [ -f "$inst" ]; then
		echo "$inst"
	else
		echo "$KTK_TOP/$tree"
	fi
}

# complete_bash NAME WORD...: the bash completion of the last WORD, sorted
complete_bash() {
	local n=$1
	shift
	bash -c '
		f=$1 n=$2; shift 2
		. "$f" || exit 99
		fn=$(complete -p "$n" | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
		[ -n "$fn" ] || exit 98
		COMP_WORDS=("$n" "$@"); COMP_CWORD=$#
		COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
		"$fn" "$n" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' bash "$(comp_file bash "$n")" "$n" "$@" | sort
}

# a stand-in LISTER (ktk-topics or ktk-groups) that records its arguments,
# one a line, in $BATS_TEST_TMPDIR/args, and lists two names
fake_lister() {
	mkdir -p "$BATS_TEST_TMPDIR/fake"
	cat >"$BATS_TEST_TMPDIR/fake/$1" <<FAKE
#!/bin/sh
printf '%s\n' "\$@" > "$BATS_TEST_TMPDIR/args"
printf 'orders\npayments\n'
FAKE
	chmod +x "$BATS_TEST_TMPDIR/fake/$1"
}

# complete_bash_line NAME LINE: bash's completion at the end of LINE, with
# COMP_WORDS split as bash splits them (at blanks, and around = and :)
complete_bash_line() {
	local n=$1 line=$2
	bash -c '
		f=$1 n=$2 line=$3
		. "$f" || exit 99
		fn=$(complete -p "$n" | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
		read -ra COMP_WORDS <<<"$(sed "s/[=:]/ & /g" <<<"$line")"
		[[ $line == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$line COMP_POINT=${#line}
		"$fn" "$n" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' bash "$(comp_file bash "$n")" "$n" "$line" | sort
}
