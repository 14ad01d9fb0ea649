# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
# lib.sh: shell functions shared by kafka-up, kafka-down, kafka-broker and
# kafka-tool. Sourced, never run. Nothing here prints to stdout.
#
# Layout under the repo's build/kafka/ (the repo root is found from this
# file's own location, never from the current directory):
#   lib/                 the Kafka jars, copied there by Maven from tests/kafka/pom.xml
#   lib/.ktk-stamp       hash of pom.xml when lib/ was filled; lib/ is reused while it matches
#   cluster/             one cluster's state (cluster-NAME/ when KTK_KAFKA_CLUSTER=NAME)
#     brokers            how many nodes it has (written before any node starts)
#     bootstrap          host:port,... (written once every node answered)
#     cluster.id         the KRaft cluster id
#     node-ID/           server.properties, pid, port, controller.port, data/, logs/

set -euo pipefail

KTK_KAFKA_VERSION=4.3.1
KTK_HARNESS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
KTK_REPO_ROOT=$(cd "$KTK_HARNESS_DIR/../.." && pwd -P)
KTK_KAFKA_DIR=$KTK_REPO_ROOT/build/kafka
KTK_KAFKA_LIB=$KTK_KAFKA_DIR/lib

case ${KTK_KAFKA_CLUSTER:-} in
'') KTK_CLUSTER_DIR=$KTK_KAFKA_DIR/cluster ;;
*[!A-Za-z0-9_-]*)
	echo "kafka-harness: KTK_KAFKA_CLUSTER must be letters, digits, '-' or '_'" >&2
	exit 2
	;;
*) KTK_CLUSTER_DIR=$KTK_KAFKA_DIR/cluster-$KTK_KAFKA_CLUSTER ;;
esac

# Seconds to wait for brokers to answer, and for them to exit.
KTK_START_TIMEOUT=${KTK_KAFKA_START_TIMEOUT:-90}
KTK_STOP_TIMEOUT=${KTK_KAFKA_STOP_TIMEOUT:-20}
# JVM heaps: one broker, one tool run.
KTK_BROKER_HEAP=${KTK_KAFKA_HEAP:--Xmx512m -Xms256m}
# shellcheck disable=SC2034 # used by kafka-tool
KTK_TOOL_HEAP=${KTK_KAFKA_TOOL_HEAP:--Xmx256m}
# The JVM options Kafka's own kafka-run-class.sh uses.
KTK_JVM_PERF=(-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20
	-XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent
	-Djava.awt.headless=true)

ktk_log() { printf '%s: %s\n' "${KTK_PROG:-kafka-harness}" "$*" >&2; }
ktk_die() {
	ktk_log "$*"
	exit 1
}

ktk_need() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || ktk_die "'$c' is not on PATH; install it (packaging/ has the list of build and test dependencies)"
	done
}

# Runs "$@" holding an exclusive lock on file $1 (waiting at most 600 s).
ktk_locked() {
	local lockfile=$1
	shift
	mkdir -p "$(dirname "$lockfile")"
	(
		exec 8>"$lockfile"
		flock -w 600 8 || ktk_die "could not lock $lockfile within 600 s"
		"$@"
	)
}

ktk_pom_hash() { sha256sum "$KTK_HARNESS_DIR/pom.xml" | cut -d' ' -f1; }

ktk_jars_ok() {
	[[ -f $KTK_KAFKA_LIB/.ktk-stamp && $(<"$KTK_KAFKA_LIB/.ktk-stamp") == "$(ktk_pom_hash)" ]]
}

ktk__fetch_jars_locked() {
	ktk_jars_ok && return 0
	ktk_need mvn
	local tmp=$KTK_KAFKA_DIR/lib.tmp.$$ start=$SECONDS
	rm -rf "$tmp"
	ktk_log "fetching Apache Kafka $KTK_KAFKA_VERSION jars with Maven into $KTK_KAFKA_LIB"
	# Maven's own output goes to stderr (stdout belongs to the caller), less
	# the bare colour resets Debian's Maven 3.8 prints even in batch mode.
	if ! mvn -B -q -Dstyle.color=never -f "$KTK_HARNESS_DIR/pom.xml" \
		org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
		-DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 |
		sed -u 's/\x1b\[0m//g' >&2; then
		rm -rf "$tmp"
		ktk_die "Maven could not fetch the Kafka jars (see its messages above)"
	fi
	[[ -f $tmp/kafka_2.13-$KTK_KAFKA_VERSION.jar && -f $tmp/kafka-tools-$KTK_KAFKA_VERSION.jar ]] ||
		ktk_die "Maven ran but $tmp lacks the Kafka jars"
	ktk_pom_hash >"$tmp/.ktk-stamp"
	rm -rf "$KTK_KAFKA_LIB"
	mv "$tmp" "$KTK_KAFKA_LIB"
	ktk_log "fetched $(find "$KTK_KAFKA_LIB" -name '*.jar' | wc -l) jars in $((SECONDS - start)) s"
}

# Makes sure build/kafka/lib holds the jars pom.xml names; fetches them once.
ktk_fetch_jars() {
	ktk_jars_ok && return 0
	ktk_locked "$KTK_KAFKA_DIR/.fetch.lock" ktk__fetch_jars_locked
}

# Prints one free TCP port on 127.0.0.1, below the kernel's ephemeral range
# so that no outgoing connection can take it while a broker is down. Other
# copies of the repo may be starting clusters at the same moment; kafka-up
# retries with new ports if a broker still loses the race.
ktk_free_port() {
	local lo=32768 lo_eph p i
	if [[ -r /proc/sys/net/ipv4/ip_local_port_range ]]; then
		read -r lo_eph _ </proc/sys/net/ipv4/ip_local_port_range && lo=$lo_eph
	fi
	((lo > 12000)) || lo=32768
	for ((i = 0; i < 200; i++)); do
		p=$((10000 + (RANDOM * 32768 + RANDOM) % (lo - 10000)))
		if command -v python3 >/dev/null 2>&1; then
			python3 - "$p" <<'EOF' 2>/dev/null || continue
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.close()
EOF
		else
			# Something answers there: taken.
			if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then continue; fi
		fi
		echo "$p"
		return 0
	done
	ktk_die "found no free port on 127.0.0.1 after 200 tries"
}

ktk_node_dir() { echo "$KTK_CLUSTER_DIR/node-$1"; }

# True when node $1 has a recorded pid that is still our broker (the
# command line names this node's config, so a reused pid is not mistaken).
ktk_node_alive() {
	local d pid cmd
	d=$(ktk_node_dir "$1")
	[[ -f $d/pid ]] || return 1
	pid=$(<"$d/pid")
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
	[[ $cmd == *"$d/server.properties"* ]]
}

ktk_node_addr() { echo "127.0.0.1:$(<"$(ktk_node_dir "$1")/port")"; }

ktk_cluster_nodes() { seq 1 "$(<"$KTK_CLUSTER_DIR/brokers")"; }

# Last lines of node $1's logs, to stderr.
ktk_node_log_tail() {
	local d f
	d=$(ktk_node_dir "$1")
	for f in "$d/logs/stdout.log" "$d/logs/server.log"; do
		[[ -s $f ]] || continue
		echo "----- last lines of $f -----" >&2
		tail -n 40 "$f" >&2
	done
}

# Starts node $1 in its own session with stdin, stdout, stderr and every
# other descriptor detached (bats, make and $(...) wait for whoever holds
# their pipes open), and records its pid: the JVM's own, as the inner bash
# execs java.
ktk_node_start() {
	local id=$1 d
	d=$(ktk_node_dir "$id")
	mkdir -p "$d/logs"
	rm -f "$d/pid"
	# shellcheck disable=SC2016,SC2086 # $$ and $@ are the inner bash's; the heap variable holds several options
	setsid bash -c '
		for f in /proc/$$/fd/*; do
			fd=${f##*/}
			if ((fd > 2)); then eval "exec $fd>&-"; fi
		done
		echo $$ >"$0"
		exec "$@"' "$d/pid" \
		java $KTK_BROKER_HEAP "${KTK_JVM_PERF[@]}" \
		-Dkafka.logs.dir="$d/logs" \
		-Dlog4j2.configurationFile="$KTK_HARNESS_DIR/log4j2-broker.xml" \
		-cp "$KTK_KAFKA_LIB/*" kafka.Kafka "$d/server.properties" \
		</dev/null >>"$d/logs/stdout.log" 2>&1 &
	local i
	for ((i = 0; i < 100; i++)); do
		[[ -s $d/pid ]] && return 0
		sleep 0.05
	done
	ktk_die "node $id did not record its pid"
}

# True when the broker at node $1 answers a metadata request and lists
# itself (KRaft brokers list only unfenced brokers) and, if $2 is given,
# lists exactly $2 brokers.
ktk_node_answers() {
	local id=$1 want=${2:-} addr md
	addr=$(ktk_node_addr "$id")
	if command -v kcat >/dev/null 2>&1; then
		md=$(kcat -L -b "$addr" -m 2 2>/dev/null) || return 1
		grep -q "^ *broker $id at $addr" <<<"$md" || return 1
		[[ -z $want ]] || grep -q "^ *$want brokers:" <<<"$md"
	else
		# Without kcat: the log says the server started and the port accepts.
		grep -q 'Kafka Server started' "$(ktk_node_dir "$id")/logs/server.log" 2>/dev/null &&
			(exec 3<>"/dev/tcp/${addr%:*}/${addr##*:}") 2>/dev/null
	fi
}

# Waits (at most KTK_START_TIMEOUT s) until every node named answers and
# lists $1 brokers ("" for no count check). Returns 1 if one dies or time
# runs out, 2 if a node could not bind its port (another cluster took it).
ktk_wait_ready() {
	local want=$1 deadline id pending
	shift
	deadline=$((SECONDS + KTK_START_TIMEOUT))
	command -v kcat >/dev/null 2>&1 || ktk_log "kcat is not installed: judging readiness from the broker logs"
	while :; do
		pending=0
		for id in "$@"; do
			if ! ktk_node_alive "$id"; then
				if grep -qs 'Address already in use' "$(ktk_node_dir "$id")"/logs/*.log; then
					return 2
				fi
				ktk_log "node $id exited while starting"
				ktk_node_log_tail "$id"
				return 1
			fi
			ktk_node_answers "$id" "$want" || pending=1
		done
		((pending)) || return 0
		if ((SECONDS >= deadline)); then
			pending=0
			for id in "$@"; do
				if ! ktk_node_answers "$id" "$want"; then
					pending=1
					ktk_log "node $id ($(ktk_node_addr "$id")) did not answer${want:+ listing $want brokers} within $KTK_START_TIMEOUT s"
					ktk_node_log_tail "$id"
				fi
			done
			return "$pending"
		fi
		sleep 0.2
	done
}

# Sends signal $2 to node $1 and waits at most $3 s for it to exit.
# Returns 1 if it is still alive then.
ktk_node_signal_wait() {
	local id=$1 sig=$2 secs=$3 pid i
	ktk_node_alive "$id" || return 0
	pid=$(<"$(ktk_node_dir "$id")/pid")
	kill "-$sig" "$pid" 2>/dev/null || true
	for ((i = 0; i < secs * 10; i++)); do
		ktk_node_alive "$id" || return 0
		sleep 0.1
	done
	! ktk_node_alive "$id"
}

# Stops every listed node: SIGTERM to all, up to KTK_STOP_TIMEOUT s for all
# to exit, then SIGKILL. Never signals a pid that is not our broker.
ktk_nodes_stop() {
	local id pid deadline alive
	for id in "$@"; do
		if ktk_node_alive "$id"; then
			pid=$(<"$(ktk_node_dir "$id")/pid")
			kill -TERM "$pid" 2>/dev/null || true
		fi
	done
	deadline=$((SECONDS + KTK_STOP_TIMEOUT))
	while :; do
		alive=()
		for id in "$@"; do
			ktk_node_alive "$id" && alive+=("$id")
		done
		((${#alive[@]})) || break
		if ((SECONDS >= deadline)); then
			ktk_log "node(s) ${alive[*]} still running after $KTK_STOP_TIMEOUT s: sending SIGKILL"
			for id in "${alive[@]}"; do
				ktk_node_signal_wait "$id" KILL 10 || ktk_log "node $id survived SIGKILL"
			done
			break
		fi
		sleep 0.1
	done
	for id in "$@"; do
		ktk_node_alive "$id" || rm -f "$(ktk_node_dir "$id")/pid"
	done
}

# Stops the recorded cluster (if any) and removes its data. Logs are kept
# until the next kafka-up, for post-mortems.
ktk_cluster_down() {
	local ids=() id dd
	[[ -d $KTK_CLUSTER_DIR ]] || return 0
	for id in "$KTK_CLUSTER_DIR"/node-*; do
		[[ -d $id ]] && ids+=("${id##*/node-}")
	done
	if ((${#ids[@]})); then
		ktk_nodes_stop "${ids[@]}"
		for id in "${ids[@]}"; do
			ktk_node_alive "$id" && ktk_die "node $id is still running; not removing its data"
			dd=$(ktk_node_dir "$id")/data
			# KTK_KAFKA_DATA (kafka-up): a link to the data elsewhere
			[[ -L $dd ]] && rm -rf "$(readlink -f "$dd")"
			rm -rf "$dd"
		done
	fi
	rm -f "$KTK_CLUSTER_DIR/brokers" "$KTK_CLUSTER_DIR/bootstrap" "$KTK_CLUSTER_DIR/cluster.id"
}
