/* test_produce.c -- struct ktk_batch without a broker: records reach
 * librdkafka's queue in input order (batched ones, and the ones with
 * headers that go one at a time), refusals are counted with their
 * positions, and a full queue with the stop flag set fails the rest
 * instead of waiting. The producer has no bootstrap servers, so every
 * message stays queued until purged; the purge's delivery reports come
 * back in queue order. */
#include <stdio.h>
#include <string.h>

#include "lib/kafka/delivery.h"
#include "lib/kafka/produce.h"
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

static void t_order_and_refusals(void)
{
	static char big[2000];
	volatile sig_atomic_t stop = 0;
	struct ktk_record rec = {0};
	struct ktk_delivery d;
	struct ktk_batch b;
	struct ktk_err err = {0};
	rd_kafka_t *rk = producer("100");
	rd_kafka_topic_t *rkt;
	int i;

	ktk_delivery_init(&d);
	d.on_fail = on_fail;
	rkt = topic(rk, &d);
	nseen = 0;
	CHECK_INT(ktk_batch_init(&b, rk, rkt, &d, &stop, &err), 0);
	memset(big, 'x', sizeof(big));
	/* 1, 2 batched; 3 too large (refused by produce_batch); 4 has a
	 * header (one at a time, after 1-3 are handed over); 5 for
	 * partition 0 (a new batch); 6 empty and 7 null values */
	value(&rec, "one", 1);
	ktk_batch_add(&b, &rec, RD_KAFKA_PARTITION_UA, 1);
	value(&rec, "two", 2);
	ktk_batch_add(&b, &rec, RD_KAFKA_PARTITION_UA, 2);
	ktk_record_reset(&rec);
	rec.value = big;
	rec.value_len = sizeof(big);
	ktk_batch_add(&b, &rec, RD_KAFKA_PARTITION_UA, 3);
	value(&rec, "four", 4);
	CHECK_INT(ktk_record_add_header(&rec, "h", 1, "v", 1, &err), 0);
	ktk_batch_add(&b, &rec, RD_KAFKA_PARTITION_UA, 4);
	CHECK_INT(b.n, 0);
	CHECK_INT(d.failed, 1);
	CHECK_INT(nseen, 1);
	CHECK_INT(seen[0], 3);
	CHECK_STR(seen_why[0], "Broker: Message size too large");
	value(&rec, "five", 5);
	ktk_batch_add(&b, &rec, 0, 5);
	value(&rec, "", 6);
	ktk_batch_add(&b, &rec, 0, 6);
	ktk_record_reset(&rec);
	ktk_batch_add(&b, &rec, 0, 7);
	CHECK_INT(b.n, 3);
	CHECK_INT(rd_kafka_outq_len(rk), 3);
	ktk_batch_flush(&b);
	CHECK_INT(b.n, 0);
	CHECK_INT(rd_kafka_outq_len(rk), 6);
	d.read = 7;
	purge_all(rk);
	CHECK_INT(d.failed, 7);
	CHECK_INT(nseen, 7);
	/* the unassigned partition's queue keeps the input order */
	for (i = 1; i < 4 && i < nseen; i++)
		CHECK_INT(seen[i], i == 3 ? 4 : i);
	ktk_batch_free(&b);
	ktk_record_free(&rec);
	rd_kafka_topic_destroy(rkt);
	rd_kafka_destroy(rk);
}

static void t_full_queue_when_stopped(void)
{
	volatile sig_atomic_t stop = 1;
	struct ktk_record rec = {0};
	struct ktk_delivery d;
	struct ktk_batch b;
	struct ktk_err err = {0};
	rd_kafka_t *rk = producer("4");
	rd_kafka_topic_t *rkt;
	uint64_t i;

	ktk_delivery_init(&d);
	d.on_fail = on_fail;
	rkt = topic(rk, &d);
	nseen = 0;
	CHECK_INT(ktk_batch_init(&b, rk, rkt, &d, &stop, &err), 0);
	for (i = 1; i <= 10; i++) {
		value(&rec, "v", i);
		ktk_batch_add(&b, &rec, RD_KAFKA_PARTITION_UA, i);
	}
	ktk_batch_flush(&b);
	/* four queued; five to ten refused, each counted with its place */
	CHECK_INT(rd_kafka_outq_len(rk), 4);
	CHECK_INT(d.failed, 6);
	CHECK_INT(nseen, 6);
	CHECK_INT(seen[0], 5);
	CHECK_INT(seen[5], 10);
	CHECK_STR(seen_why[5], "Local: Queue full");
	d.read = 10;
	purge_all(rk);
	CHECK_INT(d.failed, 10);
	CHECK_INT(ktk_delivery_inflight(&d), 0);
	ktk_batch_free(&b);
	ktk_record_free(&rec);
	rd_kafka_topic_destroy(rkt);
	rd_kafka_destroy(rk);
}

int main(void)
{
	RUN(t_order_and_refusals);
	RUN(t_full_queue_when_stopped);
	return unit_done();
}
