/* SPDX-License-Identifier: Apache-2.0 */
/* rdk-quirks -- test tool: show, against an in-process librdkafka mock
 * cluster, the behaviour of the librdkafka ktk runs on in the cases where
 * the releases ktk supports differ (docs/readme/librdkafka.md). Used by
 * tests/cli/librdkafka-bugs.bats; not installed.
 *
 *   rdk-quirks coop-close-early
 *       A cooperative-sticky group consumer is closed and destroyed after
 *       its JoinGroup response and before its first assignment (the
 *       SyncGroup reply is held back 5 s). librdkafka before 2.3.0 fails
 *       an assertion there (#4312) and the process aborts; prints
 *       "closed before the first assignment" when it survives.
 *   rdk-quirks watermark-timeout
 *       rd_kafka_query_watermark_offsets with a 1500 ms timeout while the
 *       broker answers ListOffsets after 4000 ms. Before 2.3.0 the call
 *       waits for the answer (#4460). Prints "ERRNAME ELAPSED_MS".
 *
 * Exit status: 0 when the scenario ran to its end, 70 when it could not be
 * set up (mock cluster, no JoinGroup in 10 s), 64 on a bad command line. */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define API_LISTOFFSETS 2
#define API_SYNCGROUP 14

static atomic_int joined;

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int fail(const char *msg)
{
	fprintf(stderr, "rdk-quirks: %s\n", msg);
	return 70;
}

/* Debug lines of the "cgrp" context tell when JoinGroup answered; the rest
 * of librdkafka's logging is dropped. */
static void log_cb(const rd_kafka_t *rk, int level, const char *fac,
		   const char *buf)
{
	(void)rk;
	(void)level;
	if (strcmp(fac, "JOINGROUP") == 0 &&
	    strstr(buf, "JoinGroup response:") != NULL &&
	    strstr(buf, "(no error)") != NULL)
		atomic_store(&joined, 1);
}

static rd_kafka_t *client(rd_kafka_type_t type, const char *const *kv)
{
	rd_kafka_conf_t *c = rd_kafka_conf_new();
	char errstr[256];
	rd_kafka_t *rk;

	for (; kv[0] != NULL; kv += 2)
		if (rd_kafka_conf_set(c, kv[0], kv[1], errstr,
				      sizeof(errstr)) != RD_KAFKA_CONF_OK) {
			fprintf(stderr, "rdk-quirks: %s\n", errstr);
			rd_kafka_conf_destroy(c);
			return NULL;
		}
	rd_kafka_conf_set_log_cb(c, log_cb);
	rk = rd_kafka_new(type, c, errstr, sizeof(errstr));
	if (rk == NULL) {
		fprintf(stderr, "rdk-quirks: %s\n", errstr);
		rd_kafka_conf_destroy(c);
	}
	return rk;
}

static int coop_close_early(rd_kafka_mock_cluster_t *mc)
{
	const char *kv[] = {"bootstrap.servers",
			    rd_kafka_mock_cluster_bootstraps(mc),
			    "group.id",
			    "rdk-quirks",
			    "partition.assignment.strategy",
			    "cooperative-sticky",
			    "debug",
			    "cgrp",
			    NULL};
	rd_kafka_topic_partition_list_t *sub;
	rd_kafka_message_t *m;
	rd_kafka_t *rk;
	long long end;

	if (rd_kafka_mock_topic_create(mc, "quirks", 2, 1) ||
	    rd_kafka_mock_broker_push_request_error_rtts(
		mc, 1, API_SYNCGROUP, 1, RD_KAFKA_RESP_ERR_NO_ERROR, 5000))
		return fail("mock cluster setup failed");
	rk = client(RD_KAFKA_CONSUMER, kv);
	if (rk == NULL)
		return 70;
	rd_kafka_poll_set_consumer(rk);
	sub = rd_kafka_topic_partition_list_new(1);
	rd_kafka_topic_partition_list_add(sub, "quirks", RD_KAFKA_PARTITION_UA);
	if (rd_kafka_subscribe(rk, sub)) {
		rd_kafka_topic_partition_list_destroy(sub);
		rd_kafka_destroy(rk);
		return fail("subscribe failed");
	}
	rd_kafka_topic_partition_list_destroy(sub);
	end = now_ms() + 10000;
	while (!atomic_load(&joined) && now_ms() < end) {
		m = rd_kafka_consumer_poll(rk, 100);
		if (m != NULL)
			rd_kafka_message_destroy(m);
	}
	if (!atomic_load(&joined)) {
		rd_kafka_destroy(rk);
		return fail("no JoinGroup response in 10 s");
	}
	/* SyncGroup is in flight for 5 s more: no assignment yet */
	rd_kafka_consumer_close(rk);
	rd_kafka_destroy(rk);
	printf("closed before the first assignment\n");
	return 0;
}

static int watermark_timeout(rd_kafka_mock_cluster_t *mc)
{
	const char *kv[] = {"bootstrap.servers",
			    rd_kafka_mock_cluster_bootstraps(mc), NULL};
	const struct rd_kafka_metadata *md;
	rd_kafka_resp_err_t e;
	int64_t lo = -1, hi = -1;
	long long t0;
	rd_kafka_t *rk;

	if (rd_kafka_mock_topic_create(mc, "quirks", 1, 1))
		return fail("mock cluster setup failed");
	rk = client(RD_KAFKA_PRODUCER, kv);
	if (rk == NULL)
		return 70;
	/* leader known first, so only ListOffsets is slow */
	if (rd_kafka_metadata(rk, 1, NULL, &md, 5000)) {
		rd_kafka_destroy(rk);
		return fail("no metadata from the mock cluster in 5 s");
	}
	rd_kafka_metadata_destroy(md);
	if (rd_kafka_mock_broker_push_request_error_rtts(
		mc, 1, API_LISTOFFSETS, 2, RD_KAFKA_RESP_ERR_NO_ERROR, 4000,
		RD_KAFKA_RESP_ERR_NO_ERROR, 4000)) {
		rd_kafka_destroy(rk);
		return fail("mock cluster setup failed");
	}
	t0 = now_ms();
	e = rd_kafka_query_watermark_offsets(rk, "quirks", 0, &lo, &hi, 1500);
	printf("%s %lld\n", rd_kafka_err2name(e), now_ms() - t0);
	rd_kafka_destroy(rk);
	return 0;
}

int main(int argc, char **argv)
{
	const char *kv[] = {NULL};
	rd_kafka_mock_cluster_t *mc;
	rd_kafka_t *mrk;
	int rc;

	if (argc != 2 || (strcmp(argv[1], "coop-close-early") != 0 &&
			  strcmp(argv[1], "watermark-timeout") != 0)) {
		fprintf(stderr, "usage: rdk-quirks "
				"coop-close-early|watermark-timeout\n");
		return 64;
	}
	mrk = client(RD_KAFKA_PRODUCER, kv);
	if (mrk == NULL)
		return 70;
	mc = rd_kafka_mock_cluster_new(mrk, 1);
	if (mc == NULL) {
		rd_kafka_destroy(mrk);
		return fail("cannot start a mock cluster");
	}
	if (strcmp(argv[1], "coop-close-early") == 0)
		rc = coop_close_early(mc);
	else
		rc = watermark_timeout(mc);
	fflush(stdout);
	rd_kafka_mock_cluster_destroy(mc);
	rd_kafka_destroy(mrk);
	return rc;
}
