/* SPDX-License-Identifier: Apache-2.0 */
/* test_produce.c -- struct ktk_produce_batch without a broker: records reach
 * librdkafka's queue in input order (batched ones, and the ones with
 * headers that go one at a time), refusals are counted with their
 * positions, and a full queue with the stop flag set fails the rest
 * instead of waiting. The producer has no bootstrap servers, so every
 * message stays queued until purged; the purge's delivery reports come
 * back in queue order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/kafka/delivery.h"
#include "lib/kafka/produce.h"
#include "lib/base/partitioner.h"
#include "tests/unit/unit.h"

#define MAXSEEN 64

static uint64_t seen[MAXSEEN];
static char seen_why[MAXSEEN][64];
static int nseen;

static void on_fail(void *ctx, uint64_t pos, const char *why)
{
	(void)ctx;
	if (nseen < MAXSEEN) {
		seen[nseen] = pos;
		snprintf(seen_why[nseen], sizeof(seen_why[nseen]), "%s", why);
	}
	nseen++;
}

static void quiet(const rd_kafka_t *rk, int level, const char *fac,
		  const char *buf)
{
	(void)rk, (void)level, (void)fac, (void)buf;
}

static rd_kafka_t *producer(const char *max_messages)
{
	rd_kafka_conf_t *conf = rd_kafka_conf_new();
	char errstr[256];
	rd_kafka_t *rk;

	CHECK(rd_kafka_conf_set(conf, "message.max.bytes", "1000", errstr,
				sizeof(errstr)) == RD_KAFKA_CONF_OK);
	CHECK(rd_kafka_conf_set(conf, "queue.buffering.max.messages",
				max_messages, errstr,
				sizeof(errstr)) == RD_KAFKA_CONF_OK);
	rd_kafka_conf_set_log_cb(conf, quiet);
	rd_kafka_conf_set_dr_msg_cb(conf, ktk_delivery_dr_cb);
	rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
	CHECK(rk != NULL);
	return rk;
}

static rd_kafka_topic_t *topic(rd_kafka_t *rk, struct ktk_delivery *d)
{
	rd_kafka_topic_conf_t *tc = rd_kafka_topic_conf_new();

	rd_kafka_topic_conf_set_opaque(tc, d);
	return rd_kafka_topic_new(rk, "t", tc);
}

static void value(struct ktk_record *rec, const char *v, uint64_t n)
{
	ktk_record_reset(rec);
	rec->value = v;
	rec->value_len = strlen(v);
	rec->number = n;
}

/* purge what is queued and collect the reports, in queue order */
static void purge_all(rd_kafka_t *rk)
{
	int i;

	rd_kafka_purge(rk, RD_KAFKA_PURGE_F_QUEUE);
	for (i = 0; i < 50 && rd_kafka_outq_len(rk) > 0; i++)
		rd_kafka_poll(rk, 100);
}

/* a batch on a producer without brokers, failures collected in seen[] */
struct fix {
	volatile sig_atomic_t stop;
	struct ktk_record rec;
	struct ktk_delivery d;
	struct ktk_produce_batch b;
	rd_kafka_t *rk;
	rd_kafka_topic_t *rkt;
};

static void setup(struct fix *f, const char *max_messages, int stop)
{
	struct ktk_err err = {0};

	memset(f, 0, sizeof(*f));
	f->stop = stop;
	f->rk = producer(max_messages);
	ktk_delivery_init(&f->d);
	f->d.on_fail = on_fail;
	f->rkt = topic(f->rk, &f->d);
	nseen = 0;
	CHECK_INT(ktk_produce_batch_init(&f->b, f->rk, f->rkt, &f->d, &f->stop, &err),
		  0);
}

static void teardown(struct fix *f)
{
	ktk_produce_batch_free(&f->b);
	ktk_record_free(&f->rec);
	rd_kafka_topic_destroy(f->rkt);
	rd_kafka_destroy(f->rk);
}

static void t_order_and_refusals(void)
{
	static char big[2000];
	struct ktk_err err = {0};
	struct fix f;
	int i;

	setup(&f, "100", 0);
	memset(big, 'x', sizeof(big));
	/* 1, 2 batched; 3 too large (refused by produce_batch); 4 has a
	 * header (one at a time, after 1-3 are handed over); 5 for
	 * partition 0 (a new batch); 6 empty and 7 null values */
	value(&f.rec, "one", 1);
	ktk_produce_batch_add(&f.b, &f.rec, RD_KAFKA_PARTITION_UA, 1);
	value(&f.rec, "two", 2);
	ktk_produce_batch_add(&f.b, &f.rec, RD_KAFKA_PARTITION_UA, 2);
	ktk_record_reset(&f.rec);
	f.rec.value = big;
	f.rec.value_len = sizeof(big);
	ktk_produce_batch_add(&f.b, &f.rec, RD_KAFKA_PARTITION_UA, 3);
	value(&f.rec, "four", 4);
	CHECK_INT(ktk_record_add_header(&f.rec, "h", 1, "v", 1, &err), 0);
	ktk_produce_batch_add(&f.b, &f.rec, RD_KAFKA_PARTITION_UA, 4);
	CHECK_INT(f.b.n, 0);
	CHECK_INT(f.d.failed, 1);
	CHECK_INT(nseen, 1);
	CHECK_INT(seen[0], 3);
	CHECK_STR(seen_why[0], "Broker: Message size too large");
	value(&f.rec, "five", 5);
	ktk_produce_batch_add(&f.b, &f.rec, 0, 5);
	value(&f.rec, "", 6);
	ktk_produce_batch_add(&f.b, &f.rec, 0, 6);
	ktk_record_reset(&f.rec);
	ktk_produce_batch_add(&f.b, &f.rec, 0, 7);
	CHECK_INT(f.b.n, 3);
	CHECK_INT(rd_kafka_outq_len(f.rk), 3);
	ktk_produce_batch_flush(&f.b);
	CHECK_INT(f.b.n, 0);
	CHECK_INT(rd_kafka_outq_len(f.rk), 6);
	f.d.read = 7;
	purge_all(f.rk);
	CHECK_INT(f.d.failed, 7);
	CHECK_INT(nseen, 7);
	/* the unassigned partition's queue keeps the input order */
	for (i = 1; i < 4 && i < nseen; i++)
		CHECK_INT(seen[i], i == 3 ? 4 : i);
	teardown(&f);
}

static void t_full_queue_when_stopped(void)
{
	struct fix f;
	uint64_t i;

	setup(&f, "4", 1);
	for (i = 1; i <= 10; i++) {
		value(&f.rec, "v", i);
		ktk_produce_batch_add(&f.b, &f.rec, RD_KAFKA_PARTITION_UA, i);
	}
	ktk_produce_batch_flush(&f.b);
	/* four queued; five to ten refused, each counted with its place */
	CHECK_INT(rd_kafka_outq_len(f.rk), 4);
	CHECK_INT(f.d.failed, 6);
	CHECK_INT(nseen, 6);
	CHECK_INT(seen[0], 5);
	CHECK_INT(seen[5], 10);
	CHECK_STR(seen_why[5], "Local: Queue full");
	f.d.read = 10;
	purge_all(f.rk);
	CHECK_INT(f.d.failed, 10);
	CHECK_INT(ktk_delivery_inflight(&f.d), 0);
	teardown(&f);
}

/* the cluster refused the login (ktk_delivery_error_cb): a full queue is
 * not waited on, a record with headers is refused too, and what is purged
 * afterwards counts under the refusal, not as "Purged in queue" */
static void t_refused_login(void)
{
	struct ktk_err err = {0};
	struct fix f;
	uint64_t i;

	setup(&f, "4", 0);
	/* a connection lost mid-handshake is not a refusal */
	ktk_delivery_error_cb(f.rk, RD_KAFKA_RESP_ERR__AUTHENTICATION,
			      "GroupCoordinator: SASL PLAIN mechanism handshake "
			      "failed: Local: Broker transport failure: ...",
			      &f.d);
	CHECK_INT(f.d.fatal_err, 0);
	ktk_delivery_error_cb(f.rk, RD_KAFKA_RESP_ERR__AUTHENTICATION,
			      "sasl_ssl://127.0.0.1:9093/bootstrap: SASL "
			      "authentication error: Authentication failed "
			      "during authentication due to invalid credentials",
			      &f.d);
	CHECK_INT(f.d.fatal_err, RD_KAFKA_RESP_ERR__AUTHENTICATION);
	CHECK(strstr(f.d.fatal, "invalid credentials") != NULL);
	/* the first one stays */
	ktk_delivery_error_cb(f.rk, RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
			      "Broker: Topic authorization failed", &f.d);
	CHECK_INT(f.d.fatal_err, RD_KAFKA_RESP_ERR__AUTHENTICATION);
	for (i = 1; i <= 6; i++) {
		value(&f.rec, "v", i);
		ktk_produce_batch_add(&f.b, &f.rec, RD_KAFKA_PARTITION_UA, i);
	}
	ktk_produce_batch_flush(&f.b);
	value(&f.rec, "seven", 7);
	CHECK_INT(ktk_record_add_header(&f.rec, "h", 1, "v", 1, &err), 0);
	ktk_produce_batch_add(&f.b, &f.rec, RD_KAFKA_PARTITION_UA, 7);
	CHECK_INT(rd_kafka_outq_len(f.rk), 4);
	CHECK_INT(nseen, 3);
	CHECK_INT(seen[0], 5);
	CHECK_INT(seen[2], 7);
	CHECK_STR(seen_why[1], "Local: Authentication failure");
	CHECK_STR(seen_why[2], "Local: Authentication failure");
	f.d.read = 7;
	purge_all(f.rk);
	CHECK_INT(f.d.failed, 7);
	CHECK_INT(nseen, 7);
	CHECK_STR(seen_why[6], "Local: Authentication failure");
	teardown(&f);
}

/* keyed records partitioned in the batch: handed over grouped by
 * partition (ascending), each partition in input order; keyless ones in
 * their own batch, left to librdkafka */
static void t_keyed_sorted_by_partition(void)
{
	struct fix f;
	char keys[40][8];
	uint64_t want[41];
	int i, p, w = 0, np = 3;

	setup(&f, "1000", 0);
	/* what ktk_produce_batch_partition_keys sets from the cluster's answer */
	f.b.partitioner = KTK_PART_MURMUR2_RANDOM;
	f.b.partitions = np;
	f.b.runs = calloc((size_t)np + 1, sizeof(*f.b.runs));
	f.b.refresh_at = 1e18;
	for (i = 0; i < 40; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%d", i);
		value(&f.rec, "v", (uint64_t)i + 1);
		f.rec.key = keys[i];
		f.rec.key_len = strlen(keys[i]);
		ktk_produce_batch_add(&f.b, &f.rec, RD_KAFKA_PARTITION_UA, (uint64_t)i + 1);
	}
	CHECK_INT(f.b.partition, KTK_BATCH_BY_KEY);
	value(&f.rec, "keyless", 41);
	ktk_produce_batch_add(&f.b, &f.rec, RD_KAFKA_PARTITION_UA, 41);
	CHECK_INT(f.b.partition, RD_KAFKA_PARTITION_UA);
	CHECK_INT(f.b.n, 1);
	ktk_produce_batch_flush(&f.b);
	CHECK_INT(rd_kafka_outq_len(f.rk), 41);
	for (p = 0; p < np; p++)
		for (i = 0; i < 40; i++)
			if (ktk_partitioner_for(KTK_PART_MURMUR2_RANDOM, keys[i],
					      strlen(keys[i]), np) == p)
				want[w++] = (uint64_t)i + 1;
	want[w++] = 41;
	f.d.read = 41;
	purge_all(f.rk);
	CHECK_INT(nseen, 41);
	for (i = 0; i < 41 && i < nseen; i++)
		CHECK_INT(seen[i], want[i]);
	teardown(&f);
}

int main(void)
{
	RUN(t_order_and_refusals);
	RUN(t_full_queue_when_stopped);
	RUN(t_refused_login);
	RUN(t_keyed_sorted_by_partition);
	return unit_done();
}
