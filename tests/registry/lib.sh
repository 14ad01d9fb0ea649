# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
# lib.sh: shell functions of registry-up and registry-down. Sourced, never
# run. Nothing here prints to stdout. Port picking and logging come from
# tests/kafka/lib.sh.
#
# Layout under the repo's build/registry/:
#   dist/      the distribution tarball Maven fetched
#   app/       it unpacked: apicurio-registry-app-VERSION-runner.jar, lib/
#   server/    the running registry: pid, port, url, auth (0/1), user,
#              password, tls (0/1), ca, certs/ (--tls: ca.pem, server.pem,
#              server.key), log (KTK_REGISTRY_NAME=NAME:
#              server-NAME/, a second registry beside the first)

# shellcheck source=../kafka/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../kafka/lib.sh"

KTK_REG_VERSION=3.0.9
KTK_REG_DIR=$KTK_REPO_ROOT/build/registry
KTK_REG_APP=$KTK_REG_DIR/app
case ${KTK_REGISTRY_NAME:-} in
'') KTK_REG_SRV=$KTK_REG_DIR/server ;;
*[!A-Za-z0-9_-]*)
	echo "registry: KTK_REGISTRY_NAME must be letters, digits, '-' or '_'" >&2
	exit 2
	;;
*) KTK_REG_SRV=$KTK_REG_DIR/server-$KTK_REGISTRY_NAME ;;
esac
KTK_REG_HEAP=${KTK_REGISTRY_HEAP:--Xmx256m}
KTK_REG_START_TIMEOUT=${KTK_REGISTRY_START_TIMEOUT:-90}
KTK_REG_STOP_TIMEOUT=${KTK_REGISTRY_STOP_TIMEOUT:-15}

# Fetch and unpack the distribution once.
ktk_reg_fetch() {
	local jar=$KTK_REG_APP/apicurio-registry-app-$KTK_REG_VERSION-runner.jar
	local tgz=$KTK_REG_DIR/dist/apicurio-registry-app-$KTK_REG_VERSION-all.tar.gz t=$SECONDS
	[[ -f $jar && -f $KTK_REG_APP/.ktk-stamp ]] && return 0
	if [[ ! -f $tgz ]]; then
		ktk_need mvn
		ktk_log "fetching Apicurio Registry $KTK_REG_VERSION with Maven into $KTK_REG_DIR/dist"
		rm -rf "$KTK_REG_DIR/dist.tmp"
		if ! mvn -B -q -Dstyle.color=never \
			org.apache.maven.plugins:maven-dependency-plugin:2.8:copy \
			-Dartifact="io.apicurio:apicurio-registry-app:$KTK_REG_VERSION:tar.gz:all" \
			-DoutputDirectory="$KTK_REG_DIR/dist.tmp" 2>&1 | sed -u 's/\x1b\[0m//g' >&2 ||
			[[ ! -f $KTK_REG_DIR/dist.tmp/${tgz##*/} ]]; then
			rm -rf "$KTK_REG_DIR/dist.tmp"
			ktk_die "Maven could not fetch Apicurio Registry (see its messages above)"
		fi
		rm -rf "$KTK_REG_DIR/dist"
		mv "$KTK_REG_DIR/dist.tmp" "$KTK_REG_DIR/dist"
	fi
	rm -rf "$KTK_REG_APP"
	mkdir -p "$KTK_REG_APP"
	tar xzf "$tgz" -C "$KTK_REG_APP" || ktk_die "could not unpack $tgz"
	[[ -f $jar ]] || ktk_die "$tgz holds no ${jar##*/}"
	echo "$KTK_REG_VERSION" >"$KTK_REG_APP/.ktk-stamp"
	ktk_log "fetched and unpacked in $((SECONDS - t)) s"
}

# Makes a test CA and a server certificate for 127.0.0.1 signed by it in
# DIR (PEM; keys unencrypted, test-only). The extensions are those strict
# X.509 verification requires (key usages, key identifiers): Python 3.13's
# ssl, as Debian 13 ships it, turns VERIFY_X509_STRICT on by default.
ktk_reg_make_certs() {
	local d=$1
	rm -rf "$d"
	mkdir -p "$d"
	(
		cd "$d" || exit 1
		umask 077
		openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=ktk test registry CA" \
			-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
			-keyout ca.key -out ca.pem &&
			openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
				-keyout server.key -out server.csr &&
			printf '%s\n' subjectAltName=IP:127.0.0.1,DNS:localhost basicConstraints=CA:FALSE keyUsage=critical,digitalSignature,keyEncipherment extendedKeyUsage=serverAuth subjectKeyIdentifier=hash authorityKeyIdentifier=keyid,issuer >ext.cnf &&
			openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
				-days 30 -extfile ext.cnf -out server.pem &&
			chmod 644 ca.pem server.pem
	) >"$d/openssl.log" 2>&1 || {
		cat "$d/openssl.log" >&2
		ktk_die "openssl could not make the test certificates in $d"
	}
}

# True when the recorded pid is still our registry's JVM.
ktk_reg_alive() {
	local pid cmd
	[[ -f $KTK_REG_SRV/pid ]] || return 1
	pid=$(<"$KTK_REG_SRV/pid")
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
	[[ $cmd == *"-Dktk.registry.dir=$KTK_REG_SRV "* ]]
}

# Waits (bounded) until GET .../subjects answers (200, or 401 with basic auth).
ktk_reg_wait() {
	local deadline=$((SECONDS + KTK_REG_START_TIMEOUT)) url code ca=
	url=$(<"$KTK_REG_SRV/url")
	[[ ! -f $KTK_REG_SRV/ca ]] || ca=$(<"$KTK_REG_SRV/ca")
	while :; do
		if ! ktk_reg_alive; then
			ktk_log "the registry exited while starting; last lines of $KTK_REG_SRV/log:"
			tail -n 30 "$KTK_REG_SRV/log" >&2 || true
			return 1
		fi
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
			${ca:+--cacert "$ca"} "$url/subjects" || true)
		[[ $code == 200 || $code == 401 ]] && return 0
		if ((SECONDS >= deadline)); then
			ktk_log "the registry did not answer at $url within $KTK_REG_START_TIMEOUT s; last lines of $KTK_REG_SRV/log:"
			tail -n 30 "$KTK_REG_SRV/log" >&2 || true
			return 1
		fi
		sleep 0.2
	done
}

# Stops our registry: SIGTERM, then SIGKILL after the stop timeout.
ktk_reg_stop() {
	local pid i
	if ktk_reg_alive; then
		pid=$(<"$KTK_REG_SRV/pid")
		kill -TERM "$pid" 2>/dev/null || true
		for ((i = 0; i < KTK_REG_STOP_TIMEOUT * 10; i++)); do
			ktk_reg_alive || break
			sleep 0.1
		done
		if ktk_reg_alive; then
			ktk_log "still running after $KTK_REG_STOP_TIMEOUT s: SIGKILL"
			kill -KILL "$pid" 2>/dev/null || true
			for ((i = 0; i < 50; i++)); do
				ktk_reg_alive || break
				sleep 0.1
			done
		fi
		ktk_reg_alive && ktk_die "the registry (pid $pid) would not die"
	fi
	rm -f "$KTK_REG_SRV/pid" "$KTK_REG_SRV/url"
}
