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
	echo 'not a PEM file, read only by libcurl' >"$BATS_TEST_TMPDIR/ca.pem"
	run ktk-consumer -b 127.0.0.1:1 -t t -X schema.registry.url=http://127.0.0.1:1 \
		-X basic.auth.user.info=a:b -X "schema.registry.ssl.ca.location=$BATS_TEST_TMPDIR/ca.pem" -e
	refute_output --partial "schema.registry"
	refute_output --partial "basic.auth"
}

@test "a TLS file of the registry that cannot be read is exit 66 naming the property and the file, before any connection" {
	for k in ssl.ca.location ssl.certificate.location ssl.key.location; do
		run --separate-stderr ktk-consumer -b 127.0.0.1:1 -t t -r http://127.0.0.1:1 -X "schema.registry.$k=$BATS_TEST_TMPDIR/none.pem" -e
		assert_failure 66
		[ "$stderr" = "ktk-consumer: schema.registry.$k '$BATS_TEST_TMPDIR/none.pem': No such file or directory" ] || fail "$stderr"
	done
	run --separate-stderr ktk-producer -b 127.0.0.1:1 -t t -r http://127.0.0.1:1 -X "schema.registry.ssl.ca.location=$BATS_TEST_TMPDIR/none.pem" --value-schema latest </dev/null
	assert_failure 66
	[ "$stderr" = "ktk-producer: schema.registry.ssl.ca.location '$BATS_TEST_TMPDIR/none.pem': No such file or directory" ] || fail "$stderr"
}

