/* SPDX-License-Identifier: Apache-2.0 */
/* test_client.c -- how ktk reads librdkafka's errors: which ones are the
 * cluster refusing the credentials (the consumer stops with status 1) and
 * which only look like it (a connection broken during the SASL handshake,
 * which librdkafka also reports as an authentication error and retries),
 * and the exit status each error code maps to. The reasons are the texts
 * librdkafka 2.0.2 and 2.8.0 put in their error events. */
#include "lib/kafka/client.h"
#include "tests/unit/unit.h"

static void t_refused(void)
{
	CHECK(ktk_client_refused(
		RD_KAFKA_RESP_ERR__AUTHENTICATION,
		"sasl_ssl://127.0.0.1:9093/bootstrap: SASL authentication error: "
		"Authentication failed during authentication due to invalid "
		"credentials with SASL mechanism SCRAM-SHA-512 (after 12ms in "
		"state AUTH_REQ)"));
	CHECK(ktk_client_refused(
		RD_KAFKA_RESP_ERR__AUTHENTICATION,
		"sasl_ssl://127.0.0.1:9093/bootstrap: SASL PLAIN mechanism "
		"handshake failed: Broker: Unsupported SASL mechanism: broker's "
		"supported mechanisms: SCRAM-SHA-512 (after 3ms in state "
		"AUTH_HANDSHAKE)"));
	CHECK(ktk_client_refused(RD_KAFKA_RESP_ERR__AUTHENTICATION, NULL));
	CHECK(ktk_client_refused(RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED,
				 "Broker: SASL Authentication failed"));
	CHECK(ktk_client_refused(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
				 "Broker: Topic authorization failed"));
	CHECK(ktk_client_refused(RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED,
				 "Broker: Group authorization failed"));
}

static void t_not_refused(void)
{
	/* the coordinator's connection closed mid-handshake (a node name
	 * change, or the consumer closing): librdkafka reconnects */
	CHECK(!ktk_client_refused(
		RD_KAFKA_RESP_ERR__AUTHENTICATION,
		"GroupCoordinator: SASL PLAIN mechanism handshake failed: "
		"Local: Broker transport failure: broker's supported "
		"mechanisms: (n/a) (after 0ms in state DOWN)"));
	CHECK(!ktk_client_refused(
		RD_KAFKA_RESP_ERR__AUTHENTICATION,
		"sasl_ssl://127.0.0.1:9093/1: SASL SCRAM-SHA-512 mechanism "
		"handshake failed: Local: Timed out: broker's supported "
		"mechanisms: (n/a) (after 60001ms in state AUTH_HANDSHAKE)"));
	CHECK(!ktk_client_refused(RD_KAFKA_RESP_ERR__TRANSPORT,
				  "127.0.0.1:9092/1: Disconnected"));
	CHECK(!ktk_client_refused(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN,
				  "1/1 brokers are down"));
	CHECK(!ktk_client_refused(RD_KAFKA_RESP_ERR_NO_ERROR, NULL));
}

static void t_exit_code(void)
{
	CHECK_INT(ktk_client_exit_code(RD_KAFKA_RESP_ERR_NO_ERROR), KTK_EXIT_OK);
	CHECK_INT(ktk_client_exit_code(RD_KAFKA_RESP_ERR__TRANSPORT),
		  KTK_EXIT_UNAVAILABLE);
	CHECK_INT(ktk_client_exit_code(RD_KAFKA_RESP_ERR__TIMED_OUT),
		  KTK_EXIT_UNAVAILABLE);
	CHECK_INT(ktk_client_exit_code(RD_KAFKA_RESP_ERR__INVALID_ARG),
		  KTK_EXIT_CONFIG);
	CHECK_INT(ktk_client_exit_code(RD_KAFKA_RESP_ERR__BAD_MSG),
		  KTK_EXIT_DATAERR);
	CHECK_INT(ktk_client_exit_code(RD_KAFKA_RESP_ERR__AUTHENTICATION),
		  KTK_EXIT_FAIL);
}

int main(void)
{
	RUN(t_refused);
	RUN(t_not_refused);
	RUN(t_exit_code);
	return unit_done();
}
