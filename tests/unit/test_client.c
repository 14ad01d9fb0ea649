/* SPDX-License-Identifier: Apache-2.0 */
/* test_client.c -- how ktk reads librdkafka's errors: which ones are the
 * cluster refusing the credentials (the consumer stops with status 1) and
 * which only look like it (a connection broken during the SASL handshake,
 * which librdkafka also reports as an authentication error and retries),
 * and the exit status each error code maps to. The reasons are the texts
 * librdkafka 2.0.2 and 2.8.0 put in their error events. And whether any
 * bootstrap broker accepts a connection (ktk_client_reachable), against
 * loopback ports of this test's own: one listening, one closed. */
#include "lib/kafka/client.h"
#include "tests/unit/unit.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/base/clock.h"

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

/* a socket bound to a free loopback port, listening or not; its port */
static int loopback(int listening, int *port)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0 ||
	    (listening && listen(fd, 4) != 0))
		return -1;
	*port = ntohs(a.sin_port);
	return fd;
}

/* ktk_client_reachable() with bootstrap.servers @p list: its result,
 * the message into @p msg and the milliseconds it took into *@p ms */
static int reach(const char *list, int timeout_ms, char *msg, int64_t *ms)
{
	struct ktk_conf c;
	struct ktk_err err = {0};
	int64_t t0 = ktk_clock_ms();
	int rc;

	ktk_conf_init(&c);
	if (list)
		ktk_conf_set(&c, "bootstrap.servers", list, KTK_SRC_FLAG, "-b");
	rc = ktk_client_reachable(&c, timeout_ms, &err);
	*ms = ktk_clock_ms() - t0;
	snprintf(msg, 512, "%s", rc == 0 ? "" : err.msg);
	if (rc != 0)
		CHECK(err.code == KTK_EXIT_UNAVAILABLE);
	ktk_conf_free(&c);
	return rc;
}

static void t_reachable(void)
{
	int up_port, down_port, up = loopback(1, &up_port),
				 down = loopback(0, &down_port);
	char list[256], want[512], msg[512];
	int64_t ms;

	CHECK(up >= 0 && down >= 0);
	/* bound but not listening: refused at once */
	snprintf(list, sizeof(list), "127.0.0.1:%d", down_port);
	CHECK(reach(list, 0, msg, &ms) == -1);
	snprintf(want, sizeof(want),
		 "cannot reach any broker at 127.0.0.1:%d (1/1 brokers are "
		 "down)",
		 down_port);
	CHECK_STR(msg, want);
	CHECK(ms < 1000);
	/* two down, with a scheme and as [v4 literal] */
	snprintf(list, sizeof(list), "PLAINTEXT://127.0.0.1:%d, [127.0.0.1]:%d",
		 down_port, down_port);
	CHECK(reach(list, 0, msg, &ms) == -1);
	snprintf(want, sizeof(want),
		 "cannot reach any broker at %s (2/2 brokers are down)", list);
	CHECK_STR(msg, want);
	/* one of them listening is enough, wherever it is in the list */
	snprintf(list, sizeof(list), "127.0.0.1:%d,localhost:%d", down_port,
		 up_port);
	CHECK(reach(list, 0, msg, &ms) == 0);
	snprintf(list, sizeof(list), "127.0.0.1:%d", up_port);
	CHECK(reach(list, 50, msg, &ms) == 0);
	/* nothing to decide: no list, an empty one */
	CHECK(reach(NULL, 0, msg, &ms) == 0);
	CHECK(reach(" , ", 0, msg, &ms) == 0);
	close(up);
	close(down);
}

int main(void)
{
	RUN(t_refused);
	RUN(t_not_refused);
	RUN(t_exit_code);
	RUN(t_reachable);
	return unit_done();
}
