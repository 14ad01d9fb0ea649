# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
# helpers.bash: for a bats file that must bring up a real Kafka of its own
# when tests/run has not (tests/run's kafka and kafka3 stages do it for
# tests/cli/kafka/ and tests/cli/kafka3/). Load it after tests/cli/helpers.bash
# (which gives kafka_tool, wait_for, unique_topic):
#   load "$KTK_TOP/tests/kafka/helpers"
#   setup_file()    { kafka_setup_file [--brokers N]; }
#   teardown_file() { kafka_teardown_file; }
# The tests then find the address list in $KAFKA_BOOTSTRAP.
#
# If tests/run already exported KTK_TEST_BOOTSTRAP for a cluster of the same
# size (KTK_TEST_BROKERS, default 1), that cluster is used and never torn
# down. Otherwise kafka-up starts one and teardown_file stops it, unless it
# was already running before setup_file. A multi-broker cluster of our own
# lives apart from the 1-broker one (KTK_KAFKA_CLUSTER=brokersN), so both
# can run at once.

KTK_KAFKA_HARNESS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)

# kafka_setup_file [--brokers N]
kafka_setup_file() {
	local n=1 out state
	if [[ ${1:-} == --brokers ]]; then n=$2; fi
	if [[ -n ${KTK_TEST_BOOTSTRAP:-} && ${KTK_TEST_BROKERS:-1} == "$n" ]]; then
		export KAFKA_BOOTSTRAP=$KTK_TEST_BOOTSTRAP KAFKA_OWNED=0
		return 0
	fi
	if ((n > 1)); then export KTK_KAFKA_CLUSTER=brokers$n; fi
	state=$KTK_KAFKA_HARNESS/../../build/kafka/cluster${KTK_KAFKA_CLUSTER:+-$KTK_KAFKA_CLUSTER}
	if [[ -f $state/bootstrap ]]; then KAFKA_OWNED=0; else KAFKA_OWNED=1; fi
	if ! out=$("$KTK_KAFKA_HARNESS/kafka-up" --brokers "$n"); then
		echo "kafka_setup_file: tests/kafka/kafka-up --brokers $n failed" >&2
		return 1
	fi
	KAFKA_BOOTSTRAP=${out##*$'\n'}
	export KAFKA_BOOTSTRAP KAFKA_OWNED
}

kafka_teardown_file() {
	if [[ ${KAFKA_OWNED:-0} == 1 ]]; then
		"$KTK_KAFKA_HARNESS/kafka-down"
	fi
}
