# SPDX-License-Identifier: Apache-2.0
# helpers.bash -- shared by every bats file: `load helpers` (tests/cli/*.bats)
# or `load ../helpers` (tests/cli/kafka/*.bats, tests/cli/kafka3/*.bats).
#
# Gives: bats-support and bats-assert; $KTK_TOP (the repository);
# $KTK_BUILD_DIR (the build tree under test: build/, or the one tests/run
# names, e.g. build/rdk28 for make check-matrix; test tools are in its
# test-bin/); $KTK_BIN_DIR (the binaries under test: $KTK_BUILD_DIR/bin, or
# /usr/bin when the package stage of tests/run tests the installed package)
# first on PATH. Never "$KTK_TOP/build/...". $BOOTSTRAP (the real Kafka of
# tests/run, for the Kafka stages); unique_topic; wait_for; kafka_tool;
# fixture paths.

bats_require_minimum_version 1.5.0

KTK_TOP=${KTK_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
export KTK_TOP
KTK_BUILD_DIR=${KTK_BUILD_DIR:-$KTK_TOP/build}
export KTK_BUILD_DIR
KTK_BIN_DIR=${KTK_BIN_DIR:-$KTK_BUILD_DIR/bin}
export KTK_BIN_DIR
PATH="$KTK_BIN_DIR:$PATH"

for d in /usr/lib/bats /usr/local/lib/bats /usr/lib/node_modules; do
	if [ -f "$d/bats-support/load.bash" ]; then
		load "$d/bats-support/load.bash"
		load "$d/bats-assert/load.bash"
		break
	fi
done

BOOTSTRAP=${KTK_TEST_BOOTSTRAP:-}
# Keep tests away from any user configuration.
export KTK_CONFIG=/dev/null
unset KTK_CLUSTER KTK_BOOTSTRAP_SERVER

# skip unless a real Kafka is up (tests/run kafka brings it up)
need_kafka() {
	[ -n "$BOOTSTRAP" ] || skip "no real Kafka (run through tests/run kafka)"
}

# a topic name no other test uses: t-<test number>-<random>
unique_topic() {
	printf 't-%s-%s-%s' "${1:-x}" "$$" "$RANDOM$RANDOM"
}

# wait_for SECONDS COMMAND...: poll COMMAND every 0.2 s until it succeeds
# or SECONDS pass; fails with the command's last output.
wait_for() {
	local secs=$1 i
	shift
	for ((i = 0; i < secs * 5; i++)); do
		if "$@" >/dev/null 2>&1; then
			return 0
		fi
		sleep 0.2
	done
	echo "wait_for: timed out after ${secs}s: $*" >&2
	"$@" >&2 || true
	return 1
}

# Kafka's own Java tools, on the test cluster's classpath
kafka_tool() {
	"$KTK_TOP/tests/kafka/kafka-tool" "$@"
}
