/* SPDX-License-Identifier: Apache-2.0 */
/* produce.c -- records into librdkafka's queue; see produce.h. */
#include "lib/kafka/produce.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/base/clock.h"
#include "lib/kafka/meta.h"
#include "lib/base/partitioner.h"

/* whether the run is ending: a signal, or an error no retry mends */
static int stopped(const struct ktk_produce_batch *b)
{
	return (b->stop && *b->stop) || b->d->fatal_err;
}

/* One record with rd_kafka_producev() (headers, timestamp): key and value
 * copied, waiting while the queue is full unless stopped(). @returns 0 or
 * the error; RD_KAFKA_RESP_ERR__QUEUE_FULL when stopped while waiting, or
 * at once when nothing else is queued: the record is larger than the
 * queue. */
static rd_kafka_resp_err_t produce_one(struct ktk_produce_batch *b,
				       const struct ktk_record *rec,
				       int32_t partition, void *opaque)
{
	rd_kafka_t *rk = b->rk;
	rd_kafka_resp_err_t e;

	for (;;) {
		rd_kafka_headers_t *hdrs = NULL;
		size_t i;

		if (rec->nheaders > 0) {
			hdrs = rd_kafka_headers_new(rec->nheaders);
			for (i = 0; i < rec->nheaders; i++) {
				const struct ktk_header *h = &rec->headers[i];

				rd_kafka_header_add(hdrs, h->name,
						    (ssize_t)h->name_len,
						    h->value,
						    h->value
							    ? (ssize_t)h->value_len
							    : 0);
			}
		}
		e = rd_kafka_producev(
			rk, RD_KAFKA_V_RKT(b->rkt), RD_KAFKA_V_PARTITION(partition),
			RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
			RD_KAFKA_V_VALUE((void *)rec->value, rec->value_len),
			RD_KAFKA_V_KEY(rec->key, rec->key_len),
			RD_KAFKA_V_TIMESTAMP(rec->timestamp),
			RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_OPAQUE(opaque),
			RD_KAFKA_V_END);
		if (e == RD_KAFKA_RESP_ERR_NO_ERROR)
			return e;
		if (hdrs)
			rd_kafka_headers_destroy(hdrs);
		/* full with nothing queued: larger than the whole queue */
		if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL || stopped(b) ||
		    rd_kafka_outq_len(rk) == 0)
			return e;
		rd_kafka_poll(rk, 50);
	}
}

/* the reason counted for a record librdkafka refused with @p e: a full
 * queue is the error that ended the run, or, when nothing stopped the
 * wait, a record larger than the queue */
static const char *refusal(const struct ktk_produce_batch *b, rd_kafka_resp_err_t e)
{
	if (e == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
		if (b->d->fatal_err)
			return rd_kafka_err2str(b->d->fatal_err);
		if (!stopped(b))
			return KTK_PRODUCE_TOO_BIG_FOR_QUEUE;
	}
	return rd_kafka_err2str(e);
}

int ktk_produce_batch_init(struct ktk_produce_batch *b, rd_kafka_t *rk, rd_kafka_topic_t *rkt,
		   struct ktk_delivery *d, const volatile sig_atomic_t *stop,
		   struct ktk_err *err)
{
	memset(b, 0, sizeof(*b));
	b->rk = rk;
	b->rkt = rkt;
	b->d = d;
	b->stop = stop;
	b->msgs = calloc(KTK_BATCH_RECORDS, sizeof(*b->msgs));
	b->sorted = calloc(KTK_BATCH_RECORDS, sizeof(*b->sorted));
	b->arena = malloc(KTK_BATCH_BYTES);
	if (b->msgs == NULL || b->sorted == NULL || b->arena == NULL) {
		ktk_produce_batch_free(b);
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	return 0;
}

void ktk_produce_batch_free(struct ktk_produce_batch *b)
{
	free(b->msgs);
	free(b->sorted);
	free(b->arena);
	free(b->runs);
	b->msgs = b->sorted = NULL;
	b->arena = NULL;
	b->runs = NULL;
	b->n = 0;
	b->partitions = 0;
}

/* Read the topic's partition count; keep the one known when the cluster
 * does not answer. Called with the batch empty. */
/* Read the topic's partition count, within @p timeout_ms: while no answer
 * comes, asked again every half second, serving the callbacks between, so
 * that a refused login or a signal ends the wait. */
static void read_partitions(struct ktk_produce_batch *b, int timeout_ms)
{
	struct ktk_err err = {0};
	double end = ktk_clock_s() + timeout_ms / 1000.0;
	int32_t n;
	int *runs;

	b->refresh_at = ktk_clock_s() + b->refresh_ms / 1000.0;
	for (;;) {
		double left = end - ktk_clock_s();
		int slice = left > 0.5 ? 500 : (int)(left * 1000) + 1;

		if (ktk_meta_partitions(b->rk, b->topic, slice, &n, &err) == 0)
			break;
		rd_kafka_poll(b->rk, 0);
		/* only a time-out (no answer yet) is worth asking again */
		if (err.code != KTK_EXIT_UNAVAILABLE || stopped(b) ||
		    ktk_clock_s() >= end)
			return;
	}
	if (n == b->partitions)
		return;
	runs = realloc(b->runs, ((size_t)n + 1) * sizeof(*runs));
	if (runs == NULL)
		return;
	b->runs = runs;
	if (b->partitions > 0 && b->on_partitions)
		b->on_partitions(b->on_partitions_ctx, b->topic, b->partitions,
				 n);
	b->partitions = n;
}

void ktk_produce_batch_partition_keys(struct ktk_produce_batch *b, const char *topic,
			      int partitioner, int timeout_ms, int refresh_ms)
{
	ktk_produce_batch_flush(b);
	b->topic = topic;
	b->refresh_ms = refresh_ms == 0 ? KTK_BATCH_REFRESH_MS : refresh_ms;
	b->partitioner = partitioner;
	read_partitions(b, timeout_ms);
}

static void fail(struct ktk_produce_batch *b, const rd_kafka_message_t *m,
		 const char *why)
{
	ktk_delivery_fail(b->d, (uint64_t)(uintptr_t)m->_private,
			  why ? why : rd_kafka_err2str(m->err), NULL);
}

/* Hand m[0..n) to librdkafka for @p partition, waiting while its queue is
 * full. @p by_key: partitioned here, so a partition librdkafka does not
 * know yet sends the rest to its partitioner instead. */
static void hand_over(struct ktk_produce_batch *b, int32_t partition,
		      rd_kafka_message_t *m, int n, int by_key)
{
	int i = 0;

	while (i < n) {
		int j, full = -1;

		rd_kafka_produce_batch(b->rkt, partition, RD_KAFKA_MSG_F_COPY,
				       m + i, n - i);
		/* a full queue refuses that record and every later one,
		 * so the order holds when they are offered again */
		for (j = i; j < n && full < 0; j++) {
			if (m[j].err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
				full = j;
			} else if (m[j].err ==
					   RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION &&
				   by_key) {
				hand_over(b, RD_KAFKA_PARTITION_UA, m + j,
					  n - j, 0);
				return;
			} else if (m[j].err) {
				fail(b, &m[j], NULL);
			}
		}
		if (full < 0)
			break;
		if (stopped(b)) {
			for (j = full; j < n; j++)
				fail(b, &m[j], refusal(b, m[j].err));
			break;
		}
		if (rd_kafka_outq_len(b->rk) == 0) {
			/* nothing queued: this one is larger than the queue */
			fail(b, &m[full], KTK_PRODUCE_TOO_BIG_FOR_QUEUE);
			i = full + 1;
			continue;
		}
		rd_kafka_poll(b->rk, 50);
		i = full;
	}
}

/* Keyed records: sort by partition, stably, and hand over each run. */
static void hand_over_by_key(struct ktk_produce_batch *b)
{
	int32_t np = b->partitions, p;
	int k, from = 0;

	memset(b->runs, 0, ((size_t)np + 1) * sizeof(*b->runs));
	for (k = 0; k < b->n; k++)
		b->runs[b->msgs[k].partition + 1]++;
	for (p = 1; p <= np; p++) /* runs[p]: where partition p starts */
		b->runs[p] += b->runs[p - 1];
	for (k = 0; k < b->n; k++)
		b->sorted[b->runs[b->msgs[k].partition]++] = b->msgs[k];
	/* now runs[p] is where partition p ends */
	for (p = 0; p < np; p++) {
		if (b->runs[p] > from)
			hand_over(b, p, b->sorted + from, b->runs[p] - from, 1);
		from = b->runs[p];
	}
}

void ktk_produce_batch_flush(struct ktk_produce_batch *b)
{
	if (b->n > 0) {
		if (b->partition == KTK_BATCH_BY_KEY)
			hand_over_by_key(b);
		else
			hand_over(b, b->partition, b->msgs, b->n, 0);
	}
	b->n = 0;
	b->used = 0;
	rd_kafka_poll(b->rk, 0);
	if (b->partitions > 0 && b->refresh_ms > 0 &&
	    ktk_clock_s() >= b->refresh_at)
		read_partitions(b, 2000);
}

static void *copy_in(struct ktk_produce_batch *b, const void *p, size_t n)
{
	void *to = b->arena + b->used;

	if (p == NULL)
		return NULL;
	memcpy(to, p, n);
	b->used += n;
	return to;
}

void ktk_produce_batch_add(struct ktk_produce_batch *b, const struct ktk_record *rec,
		   int32_t partition, uint64_t pos)
{
	size_t size = rec->key_len + rec->value_len;
	int32_t group = partition, p = -1;
	rd_kafka_message_t *m;

	if (partition == RD_KAFKA_PARTITION_UA && b->partitions > 0 &&
	    rec->key != NULL) {
		p = ktk_partitioner_for(b->partitioner, rec->key, rec->key_len,
				      b->partitions);
		if (p >= 0)
			group = KTK_BATCH_BY_KEY;
	}
	if (b->n > 0 && (b->n == KTK_BATCH_RECORDS || group != b->partition ||
			 size > KTK_BATCH_BYTES - b->used))
		ktk_produce_batch_flush(b);
	if (rec->nheaders > 0 || rec->timestamp != 0 ||
	    size > KTK_BATCH_BYTES / 4) {
		rd_kafka_resp_err_t e;

		if (b->n > 0)
			ktk_produce_batch_flush(b);
		e = produce_one(b, rec, partition, (void *)(uintptr_t)pos);
		if (e)
			ktk_delivery_fail(b->d, pos, refusal(b, e), NULL);
		rd_kafka_poll(b->rk, 0);
		return;
	}
	b->partition = group;
	m = &b->msgs[b->n++];
	memset(m, 0, sizeof(*m));
	m->partition = p;
	m->key = copy_in(b, rec->key, rec->key_len);
	m->key_len = m->key ? rec->key_len : 0;
	m->payload = copy_in(b, rec->value, rec->value_len);
	m->len = m->payload ? rec->value_len : 0;
	m->_private = (void *)(uintptr_t)pos;
}
