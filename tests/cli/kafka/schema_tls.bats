#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# TLS to the schema registry, against the real one: Apicurio over HTTPS
# (tests/registry/registry-up --tls: its own test CA and a 127.0.0.1
# certificate). ktk-producer and ktk-consumer with -r https://... and
# Confluent's schema.registry.ssl.ca.location (-X or a properties file)
# encode and decode; without the CA, with a wrong one, or with plain http
# to the HTTPS port they fail at once with one line naming the registry URL
# and the TLS reason.
#
# The TLS registry is started here, once for the file, and stopped after
# (KTK_REGISTRY_NAME=tls-CLUSTER); KTK_TEST_REGISTRY_TLS with
# KTK_TEST_REGISTRY_CA names one that is up already instead.
load ../helpers

setup_file() {
	[ -n "${KTK_TEST_BOOTSTRAP:-}" ] || return 0
	if [ -z "${KTK_TEST_REGISTRY_TLS:-}" ]; then
		export TLS_NAME=tls-${KTK_KAFKA_CLUSTER:-default}
		KTK_TEST_REGISTRY_TLS=$(KTK_REGISTRY_NAME=$TLS_NAME "$KTK_TOP/tests/registry/registry-up" --tls | tail -n 1) ||
			KTK_TEST_REGISTRY_TLS=
		KTK_TEST_REGISTRY_CA=$(cat "$KTK_TOP/build/registry/server-$TLS_NAME/ca" 2>/dev/null) || true
	fi
	export KTK_TEST_REGISTRY_TLS KTK_TEST_REGISTRY_CA
	# a CA that signed nothing of the registry's
	(cd "$BATS_FILE_TMPDIR" && openssl req -x509 -newkey rsa:2048 -nodes -days 1 \
		-subj "/CN=ktk wrong CA" -keyout wrong.key -out wrong-ca.pem) >/dev/null 2>&1
	printf '{"type":"record","name":"Evo","namespace":"ktk.test","fields":[{"name":"a","type":"int"},{"name":"s","type":"string"}]}\n' \
		>"$BATS_FILE_TMPDIR/evo.avsc"
}

teardown_file() {
	[ -z "${TLS_NAME:-}" ] || KTK_REGISTRY_NAME=$TLS_NAME "$KTK_TOP/tests/registry/registry-down" >/dev/null 2>&1 || true
}

setup() {
	need_kafka
	[[ ${KTK_TEST_REGISTRY_TLS:-} == https://* ]] || fail "registry-up --tls did not start (see build/registry/server-${TLS_NAME:-tls}/log)"
	R=$KTK_TEST_REGISTRY_TLS CA=$KTK_TEST_REGISTRY_CA WRONG=$BATS_FILE_TMPDIR/wrong-ca.pem
	S=$BATS_FILE_TMPDIR/evo.avsc
	T=$(unique_topic schematls)
	ktk-topics -b "$BOOTSTRAP" --create --topic "$T" --partitions 1 >/dev/null
}

consume() { # consume ARGS...: every record of $T, then exit (bounded)
	timeout 60 ktk-consumer -b "$BOOTSTRAP" -t "$T" -o beginning -e "$@"
}

@test "https with the CA (-X, or a properties file with Confluent's names): the producer registers and encodes, the consumer decodes" {
	printf '{"a":1,"s":"one"}\n{"a":2,"s":"zwei ü"}\n' |
		timeout 60 ktk-producer -b "$BOOTSTRAP" -t "$T" -r "$R" -X "schema.registry.ssl.ca.location=$CA" --value-schema "$S"
	run --separate-stderr consume -s avro -r "$R" -X "schema.registry.ssl.ca.location=$CA" -f '%s\n'
	assert_success
	assert_output $'{"a":1,"s":"one"}\n{"a":2,"s":"zwei ü"}'
	printf 'schema.registry.url=%s\nschema.registry.ssl.ca.location=%s\n' "$R" "$CA" >"$BATS_TEST_TMPDIR/c.properties"
	echo '{"a":3,"s":"drei"}' | timeout 60 ktk-producer -b "$BOOTSTRAP" -t "$T" \
		--producer.config "$BATS_TEST_TMPDIR/c.properties" --value-schema latest
	run --separate-stderr consume -s value=avro --consumer.config "$BATS_TEST_TMPDIR/c.properties" -J
	assert_success
	[ "${#lines[@]}" -eq 3 ] || fail "$output"
	id=$(curl -s --cacert "$CA" "$R/subjects/$T-value/versions/latest" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	python3 - "$id" <<EOF || fail "$output"
import json, sys
rows = [json.loads(l) for l in '''$output'''.splitlines()]
assert [r["value"] for r in rows] == [{"a":1,"s":"one"},{"a":2,"s":"zwei ü"},{"a":3,"s":"drei"}], rows
assert all(r["value_schema_id"] == int(sys.argv[1]) for r in rows), rows
EOF
}

@test "the registry's test certificate passes strict X.509 verification (Python 3.13's default, as Debian 13 ships it)" {
	run openssl verify -x509_strict -CAfile "$CA" "${CA%/*}/server.pem"
	assert_success
	assert_output "${CA%/*}/server.pem: OK"
}

@test "interop over https: Confluent's AvroSerializer writes through the same registry (its ssl.ca.location), ktk decodes what Confluent's AvroDeserializer reads, and back" {
	PY=$("$KTK_TOP/tests/registry/pyenv" 2>"$BATS_TEST_TMPDIR/pyenv.log" | tail -n 1) ||
		skip "no Python environment with Confluent's client: $(tail -n 1 "$BATS_TEST_TMPDIR/pyenv.log")"
	printf '{"a":1,"s":"one"}\n{"a":-2,"s":"zwei ü"}\n' >"$BATS_TEST_TMPDIR/in"
	KTK_REGISTRY_CA=$CA "$PY" "$KTK_TOP/tests/registry/confluent.py" produce avro "$BOOTSTRAP" "$R" "$T" "$S" <"$BATS_TEST_TMPDIR/in"
	ktk-producer -b "$BOOTSTRAP" -t "$T" -r "$R" -X "schema.registry.ssl.ca.location=$CA" --value-schema "$S" <"$BATS_TEST_TMPDIR/in"
	run --separate-stderr consume -s avro -r "$R" -X "schema.registry.ssl.ca.location=$CA" -f '%s\n'
	assert_success
	assert_output $'{"a":1,"s":"one"}\n{"a":-2,"s":"zwei ü"}\n{"a":1,"s":"one"}\n{"a":-2,"s":"zwei ü"}'
	run --separate-stderr env KTK_REGISTRY_CA="$CA" timeout 120 "$PY" "$KTK_TOP/tests/registry/confluent.py" consume avro "$BOOTSTRAP" "$R" "$T" 4
	assert_success
	python3 -c 'import json,sys; rows=[json.loads(l) for l in sys.argv[1].splitlines()]; assert rows == [{"a":1,"s":"one"},{"a":-2,"s":"zwei ü"}]*2, rows' "$output" || fail "$output"
	# and Confluent's client without the CA fails on the certificate too
	run --separate-stderr timeout 120 "$PY" "$KTK_TOP/tests/registry/confluent.py" consume avro "$BOOTSTRAP" "$R" "$T" 1
	assert_failure
	[[ $stderr == *CERTIFICATE_VERIFY_FAILED* || $stderr == *"certificate verify failed"* ]] || fail "$stderr"
}

@test "https without the CA, or with a wrong one: one line naming the URL and the TLS reason; producer 69, consumer 1 per record; no hang" {
	echo '{"a":1,"s":"x"}' | ktk-producer -b "$BOOTSTRAP" -t "$T" -r "$R" -X "schema.registry.ssl.ca.location=$CA" --value-schema "$S"
	for ca in none "$WRONG"; do
		opt=()
		[ "$ca" = none ] || opt=(-X "schema.registry.ssl.ca.location=$ca")
		SECONDS=0
		run --separate-stderr timeout 30 ktk-producer -b "$BOOTSTRAP" -t "$T" -r "$R" "${opt[@]}" --value-schema "$S" </dev/null
		assert_failure 69
		[ "${#stderr_lines[@]}" -eq 1 ] || fail "$stderr"
		[[ $stderr == "ktk-producer: --value-schema $S: schema registry $R: TLS: SSL certificate problem: "*" (check schema.registry.ssl.ca.location)" ]] || fail "$stderr"
		run --separate-stderr consume -s avro -r "$R" "${opt[@]}" -f '%s\n'
		assert_failure 1
		[[ ${stderr_lines[0]} == "ktk-consumer: $T [0] offset 0: value: schema registry $R: TLS: SSL certificate problem: "* ]] || fail "$stderr"
		[[ $stderr == *"1 record did not decode"* ]] || fail "$stderr"
		((SECONDS < 20)) || fail "took $SECONDS s"
	done
}

@test "a CA file that is not there is exit 66 naming the property and the file, before any request" {
	run --separate-stderr ktk-producer -b "$BOOTSTRAP" -t "$T" -r "$R" -X "schema.registry.ssl.ca.location=$BATS_TEST_TMPDIR/none.pem" --value-schema "$S" </dev/null
	assert_failure 66
	[ "$stderr" = "ktk-producer: schema.registry.ssl.ca.location '$BATS_TEST_TMPDIR/none.pem': No such file or directory" ] || fail "$stderr"
	run --separate-stderr consume -s avro -r "$R" -X "schema.registry.ssl.ca.location=$BATS_TEST_TMPDIR/none.pem"
	assert_failure 66
	[ "$stderr" = "ktk-consumer: schema.registry.ssl.ca.location '$BATS_TEST_TMPDIR/none.pem': No such file or directory" ] || fail "$stderr"
}

@test "plain http to the HTTPS port fails at once with one line naming the URL (the registry refuses plain HTTP)" {
	echo '{"a":1,"s":"x"}' | ktk-producer -b "$BOOTSTRAP" -t "$T" -r "$R" -X "schema.registry.ssl.ca.location=$CA" --value-schema "$S"
	plain=${R/https:/http:}
	run --separate-stderr timeout 30 ktk-producer -b "$BOOTSTRAP" -t "$T" -r "$plain" --value-schema latest </dev/null
	assert_failure 69
	[[ $stderr == "ktk-producer: --value-schema latest: schema registry $plain unreachable: "* ]] || fail "$stderr"
	run --separate-stderr consume -s avro -r "$plain"
	assert_failure 1
	[[ ${stderr_lines[0]} == "ktk-consumer: $T [0] offset 0: value: schema registry $plain unreachable: "* ]] || fail "$stderr"
}

@test "a certificate that does not verify is not asked again: 200 records, 200 one-line reports, at once" {
	for i in $(seq 200); do echo "{\"a\":$i,\"s\":\"r$i\"}"; done |
		ktk-producer -b "$BOOTSTRAP" -t "$T" -r "$R" -X "schema.registry.ssl.ca.location=$CA" --value-schema "$S"
	SECONDS=0
	run --separate-stderr consume -s avro -r "$R" -X "schema.registry.ssl.ca.location=$WRONG" -f '%s\n'
	assert_failure 1
	[ "$(grep -c ': TLS: SSL certificate problem: ' <<<"$stderr")" -eq 200 ] || fail "$stderr"
	[[ $stderr == *"200 records did not decode"* ]] || fail "$stderr"
	((SECONDS < 20)) || fail "took $SECONDS s"
	# and with the right CA they decode
	run --separate-stderr consume -s avro -r "$R" -X "schema.registry.ssl.ca.location=$CA" -c 1 -f '%s\n'
	assert_success
	assert_output '{"a":1,"s":"r1"}'
}
