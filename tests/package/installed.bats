#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# The installed Debian package, as a user meets it: run by the package stage
# of tests/run after it installed build/ktk_*.deb (and before it runs the
# offline tests with KTK_BIN_DIR=/usr/bin and removes the package).

load package

setup() {
	dpkg-query -W -f='${Status}' ktk 2>/dev/null | grep -q 'install ok installed' ||
		skip "package ktk is not installed (tests/run package installs it)"
}

@test "dpkg lists every binary, page and completion of the package" {
	dpkg -L ktk | check_paths /usr/share/zsh/vendor-completions
	local n
	while read -r n; do
		[ "$(command -v "$n")" = "/usr/bin/$n" ] || [ -x "/usr/bin/$n" ] ||
			fail "$n is not in /usr/bin"
		run "/usr/bin/$n" --version
		assert_success
		assert_line --partial "$(sed -n 's/.*KTK_VERSION "\(.*\)"/\1/p' "$KTK_TOP/lib/base/version.h")"
	done < <(ktk_names)
}

@test "man finds the installed pages, ktk(7) included" {
	command -v man >/dev/null || skip "man-db is not installed"
	run man -w ktk-mock
	assert_success
	assert_output --regexp '^/usr/share/man/man1/ktk-mock\.1(\.gz)?$'
	run man -w 7 ktk
	assert_success
	assert_output --regexp '^/usr/share/man/man7/ktk\.7(\.gz)?$'
}

@test "bash-completion loads the installed completion on demand" {
	[ -f /usr/share/bash-completion/bash_completion ] || skip "bash-completion is not installed"
	run bash -c '. /usr/share/bash-completion/bash_completion
		_completion_loader ktk-mock
		complete -p ktk-mock
		COMP_WORDS=(ktk-mock --bro); COMP_CWORD=1; _ktk_mock
		printf "%s\n" "${COMPREPLY[@]}"'
	assert_success
	assert_line --partial "-F _ktk_mock ktk-mock"
	assert_line -- "--brokers"
}

@test "zsh and fish find the installed completions in their default paths" {
	if command -v zsh >/dev/null; then
		run zsh -fc 'autoload -U compinit; compinit -u -D; print -r -- ${_comps[ktk-mock]}'
		assert_success
		assert_output "_ktk-mock"
	fi
	if command -v fish >/dev/null; then
		run fish -c 'complete -C "ktk-mock --bro"'
		assert_success
		assert_line --regexp '^--brokers'
	fi
	command -v zsh >/dev/null || command -v fish >/dev/null || skip "neither zsh nor fish"
}
