#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# The test and packaging harness, offline: tests/run leaves alone a Kafka
# cluster it did not start, and the packages are built from tracked files
# only (packaging/export-tree). Each runs on a copy of the scripts in a
# scratch tree, never on this work tree's own cluster or files.

load helpers

setup() {
	T=$(cd "$BATS_TEST_TMPDIR" && pwd -P)/tree
	mkdir -p "$T"
	dummy=
}

teardown() {
	if [ -n "$dummy" ]; then kill "$dummy" 2>/dev/null || true; fi
}

@test "tests/run unit offline kafka: a cluster it did not start keeps running, with its data" {
	local node
	mkdir -p "$T/tests"
	cp "$KTK_TOP/tests/run" "$T/tests/"
	cp -r "$KTK_TOP/tests/kafka" "$T/tests/"
	# a "broker" of the tree's default cluster, as kafka-up records one:
	# its command line names the node's server.properties
	node=$T/build/kafka/cluster/node-1
	mkdir -p "$node/data/topic-0"
	echo 1 >"$T/build/kafka/cluster/brokers"
	echo 127.0.0.1:1 >"$T/build/kafka/cluster/bootstrap"
	: >"$node/server.properties"
	sh -c 'while :; do sleep 1; done' "$node/server.properties" </dev/null >/dev/null 2>&1 3>&- &
	dummy=$!
	echo "$dummy" >"$node/pid"
	run env KTK_BUILD_DIR="$T/build" "$T/tests/run" unit offline kafka kafka3
	assert_success
	assert_line "0 passed, 0 failed"
	kill -0 "$dummy" || fail "tests/run stopped a broker it had not started"
	[ -f "$node/pid" ] || fail "tests/run removed the node's pid file"
	[ -d "$node/data/topic-0" ] || fail "tests/run removed the node's data"
	[ -f "$T/build/kafka/cluster/bootstrap" ] || fail "tests/run removed the cluster's state"
}

@test "packaging/export-tree copies tracked files as they are, never untracked ones" {
	mkdir -p "$T/packaging" "$T/src"
	cp "$KTK_TOP/packaging/export-tree" "$T/packaging/"
	echo 'int main(void) { return 0; }' >"$T/src/main.c"
	echo gone >"$T/src/deleted.c"
	git -C "$T" init -q
	git -C "$T" add packaging src
	git -C "$T" -c user.name=t -c user.email=t@example.invalid commit -q -m t
	# what a developer may leave lying around: untracked, some not ignored
	echo 'sasl.jaas.config=... password="s3cret";' >"$T/client.properties"
	echo key >"$T/src/private.pem"
	echo changed >>"$T/src/main.c"
	rm "$T/src/deleted.c"
	run "$T/packaging/export-tree" "$BATS_TEST_TMPDIR/out"
	assert_success
	run bash -c "cd '$BATS_TEST_TMPDIR/out' && find . -type f | sort"
	assert_output $'./packaging/export-tree\n./src/main.c'
	# the work tree's edit, not the committed text
	run tail -n 1 "$BATS_TEST_TMPDIR/out/src/main.c"
	assert_output changed
}

@test "packaging/deps build: what make demo needs (compiler, make, pkg-config, -dev libraries), no test tools" {
	run "$KTK_TOP/packaging/deps" build --list
	assert_success
	assert_line build-essential
	assert_line make
	assert_line pkg-config
	assert_line librdkafka-dev
	assert_line libjansson-dev
	local p
	for p in default-jdk-headless maven valgrind clang lintian rpm zsh fish bats debootstrap; do
		refute_line "$p"
	done
	# and make demo asks for that group only; make check for the tests' too
	run make -C "$KTK_TOP" -n demo
	assert_line --partial "packaging/deps build --check"
	refute_line --partial "packaging/deps build test"
	run make -C "$KTK_TOP" -n deps
	assert_line --partial "packaging/deps build test --check"
}

@test "packaging/deps test: clang's runtime is libclang-rt-N-dev for the installed clang's N, a name this release has" {
	command -v clang >/dev/null || skip "no clang"
	local n
	n=$(clang --version | sed -n 's/.*clang version \([0-9]*\)\..*/\1/p' | head -n 1)
	run "$KTK_TOP/packaging/deps" test --list
	assert_success
	assert_line "libclang-rt-$n-dev"
	[ "$(grep -c '^libclang-rt-' <<<"$output")" -eq 1 ] || fail "more than one clang runtime: $output"
	run apt-cache show --no-all-versions "libclang-rt-$n-dev"
	assert_success
	# no versioned name is written in the script itself
	run grep -nE '(clang|llvm)[a-z-]*-[0-9]' "$KTK_TOP/packaging/deps"
	assert_failure
}
