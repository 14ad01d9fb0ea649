#!/usr/bin/env bats
# SPDX-License-Identifier: Apache-2.0
# The schema-registry options without a broker or a registry: usage errors,
# a missing or unreachable registry, credentials kept out of messages. The
# round trips against a real Kafka and registry are tests/cli/kafka/schema.bats.
load helpers

dead_url() { # a loopback port nothing listens on
	echo "http://127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
}

@test "ktk-consumer -s: a format it does not know is a usage error naming the flag" {
	run ktk-consumer -t t -s value=protobuf
	assert_failure 64
	assert_output --partial "--deserializer 'value=protobuf': expected [key=|value=]FORMAT"
}

@test "ktk-consumer -s avro without a registry says how to give one (78)" {
	run ktk-consumer -b 127.0.0.1:1 -t t -s avro
	assert_failure 78
	assert_output "ktk-consumer: no schema registry: give -r URL or schema.registry.url"
}

@test "ktk-producer: a registry that does not answer stops the run before any record (69)" {
	url=$(dead_url)
	run ktk-producer -b 127.0.0.1:1 -t t -r "$url" --value-schema-id 1 </dev/null
	assert_failure 69
	assert_output --partial "ktk-producer: --value-schema: schema registry $url unreachable"
}

@test "a URL's user info and basic.auth.user.info never show in messages" {
	url=$(dead_url)
	run ktk-producer -b 127.0.0.1:1 -t t -r "${url/http:\/\//http://ann:s3cret@}" --value-schema-id 1 </dev/null
	assert_failure 69
	refute_output --partial s3cret
	assert_output --partial "$url unreachable"
	run ktk-producer -b 127.0.0.1:1 -t t -r "ftp://ann:s3cret@host" --value-schema-id 1 </dev/null
	assert_failure 78
	refute_output --partial s3cret
	run ktk-producer -b 127.0.0.1:1 -t t -r "$url" -X basic.auth.user.info=nocolon --value-schema-id 1 </dev/null
	assert_failure 78
	assert_output --partial "basic.auth.user.info: expected USER:PASSWORD"
}

@test "ktk-producer --value-schema: an unreadable file is 66, a schema that does not parse 65, before any connection" {
	run ktk-producer -b 127.0.0.1:1 -t t -r http://127.0.0.1:1 --value-schema "$BATS_TEST_TMPDIR/none.avsc" </dev/null
	assert_failure 66
	echo '{"type":"record","name":"R","fields":[{"name":"a","type":"nope"}]}' >"$BATS_TEST_TMPDIR/bad.avsc"
	run ktk-producer -b 127.0.0.1:1 -t t -r http://127.0.0.1:1 --value-schema "$BATS_TEST_TMPDIR/bad.avsc" </dev/null
	assert_failure 65
	assert_output --partial 'bad.avsc: Avro schema: unknown type "nope"'
}

@test "the registry's properties are never handed to librdkafka" {
	# librdkafka would refuse an unknown property at once; the run gets as far as the brokers
	run ktk-consumer -b 127.0.0.1:1 -t t -X schema.registry.url=http://127.0.0.1:1 \
		-X basic.auth.user.info=a:b -X schema.registry.ssl.ca.location=/nonexistent -e
	refute_output --partial "schema.registry"
	refute_output --partial "basic.auth"
}

# A stand-in registry over https on loopback: a CA and a certificate for
# 127.0.0.1 made now, a Python server answering /schemas/ids/1 with an Avro
# schema; its pid is kept and stopped in teardown.
tls_registry() {
	local d=$BATS_TEST_TMPDIR/tls i
	mkdir -p "$d"
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=ktk test CA" \
		-keyout "$d/ca.key" -out "$d/ca.pem" 2>/dev/null
	openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
		-keyout "$d/srv.key" -out "$d/srv.csr" 2>/dev/null
	printf 'subjectAltName=IP:127.0.0.1\n' >"$d/san.ext"
	openssl x509 -req -in "$d/srv.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
		-days 1 -extfile "$d/san.ext" -out "$d/srv.pem" 2>/dev/null
	python3 - "$d" >"$d/port" 2>"$d/log" <<'PY' &
import http.server, json, ssl, sys
d = sys.argv[1]
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"schema": "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}"}).encode() \
            if self.path == "/schemas/ids/1" else b'{"error_code":40403,"message":"not found"}'
        self.send_response(200 if self.path == "/schemas/ids/1" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(d + "/srv.pem", d + "/srv.key")
s.socket = ctx.wrap_socket(s.socket, server_side=True)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
	TLS_PID=$!
	for ((i = 0; i < 100; i++)); do
		[ -s "$d/port" ] && break
		sleep 0.1
	done
	[ -s "$d/port" ] || fail "the https stand-in did not start: $(cat "$d/log")"
	TLS_URL=https://127.0.0.1:$(<"$d/port")
	TLS_CA=$d/ca.pem
}

teardown() {
	if [ -n "${TLS_PID:-}" ]; then kill "$TLS_PID" 2>/dev/null || true; fi
}

@test "https: schema.registry.ssl.ca.location names the CA; without it the certificate is refused (69)" {
	tls_registry
	run ktk-producer -b 127.0.0.1:1 -t t -p 0 --dry-run -r "$TLS_URL" --value-schema-id 1 </dev/null
	assert_failure 69
	assert_output --partial "$TLS_URL unreachable"
	echo '{"a":1}' >"$BATS_TEST_TMPDIR/in"
	run ktk-producer -b 127.0.0.1:1 -t t -p 0 --dry-run -r "$TLS_URL" \
		-X "schema.registry.ssl.ca.location=$TLS_CA" --value-schema-id 1 "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_output --regexp 'in:1	0$'
	echo '{"a":"x"}' >"$BATS_TEST_TMPDIR/in"
	run ktk-producer -b 127.0.0.1:1 -t t -p 0 --dry-run -r "$TLS_URL" \
		-X "schema.registry.ssl.ca.location=$TLS_CA" --value-schema-id 1 "$BATS_TEST_TMPDIR/in"
	assert_failure 65
	assert_output --partial "in:1: value: field a: expected an int, got a string"
}
