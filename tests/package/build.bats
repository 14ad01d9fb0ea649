#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# The packages build from this tree and hold what they must: the Debian
# package (lintian without errors) and the RPM (rpm -qlp). Run by the
# package stage of tests/run, which then installs the .deb and runs the
# offline tests against it.

load package

@test "make deb: dpkg-buildpackage builds ktk, lintian finds no error" {
	command -v dpkg-buildpackage >/dev/null || skip "dpkg-buildpackage missing (packaging/deps)"
	rm -f "$KTK_TOP"/build/ktk_*.deb
	run --separate-stderr "$KTK_TOP/packaging/build-deb" --no-check --lintian
	[ "$status" -eq 0 ] || fail "build-deb: status $status: $stderr"
	local deb=$KTK_TOP/${lines[-1]}
	[ -f "$deb" ] || fail "no package at $deb"
	# lintian's tags: E: lines would have failed it; say so if any slipped
	refute_line --partial "E: "
	run dpkg-deb -f "$deb" Package Architecture Depends
	assert_success
	assert_line "Package: ktk"
	assert_line "Architecture: $(dpkg --print-architecture)"
	# ${shlibs:Depends} filled in from the binaries' libraries
	assert_line --regexp '^Depends: .*libc6 \(>= [0-9.]+\).*librdkafka1 \(>= [0-9.]+\)'
}

@test "the .deb puts binaries, man pages and completions where Debian looks" {
	local deb
	deb=$(ls "$KTK_TOP"/build/ktk_*.deb 2>/dev/null | head -n 1)
	[ -n "$deb" ] || skip "no .deb built"
	dpkg-deb -c "$deb" | awk '{ print $NF }' | check_paths /usr/share/zsh/vendor-completions
	# binaries executable, the rest not
	run bash -c "dpkg-deb -c '$deb' | awk '\$NF ~ /^\\.\\/usr\\/bin\\/ktk-/ { print \$1 }' | sort -u"
	assert_output "-rwxr-xr-x"
}

@test "make rpm: rpmbuild -bb builds ktk, rpm -qlp lists every file" {
	command -v rpmbuild >/dev/null || skip "rpmbuild missing: apt-get install rpm (packaging/deps)"
	rm -f "$KTK_TOP"/build/ktk-*.rpm
	run --separate-stderr "$KTK_TOP/packaging/build-rpm" --no-check
	[ "$status" -eq 0 ] || fail "build-rpm: status $status: $stderr"
	local rpm=$KTK_TOP/${lines[-1]}
	[ -f "$rpm" ] || fail "no rpm at $rpm"
	rpm -qlp "$rpm" | check_paths /usr/share/zsh/site-functions
	# rpm's generator found the shared libraries the binaries need
	run rpm -qp --requires "$rpm"
	assert_success
	assert_line --partial "librdkafka.so.1"
	run rpm -qp --queryformat '%{NAME} %{VERSION}\n' "$rpm"
	assert_output "ktk $(sed -n 's/.*KTK_VERSION "\(.*\)"/\1/p' "$KTK_TOP/lib/base/version.h")"
}

@test "the RPM's source tarball holds the files git tracks, and no other" {
	local tgz
	tgz=$(ls "$KTK_TOP"/build/rpm/SOURCES/ktk-*.tar.gz 2>/dev/null | head -n 1)
	[ -n "$tgz" ] || skip "no RPM source tarball built"
	git -C "$KTK_TOP" rev-parse --is-inside-work-tree >/dev/null 2>&1 || skip "not a git checkout"
	diff <(tar -tzf "$tgz" | sed -n 's|^ktk-[^/]*/||p' | grep -v '/$' | grep -v '^$' | LC_ALL=C sort) \
		<(cd "$KTK_TOP" && git ls-files -c | while IFS= read -r f; do [ -e "$f" ] && echo "$f"; done | LC_ALL=C sort) ||
		fail "the tarball and git ls-files differ (< tarball only, > tracked only)"
}
