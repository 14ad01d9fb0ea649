/* produce.c -- one record into librdkafka's queue; see produce.h. */
#include "lib/kafka/produce.h"

#include <stdlib.h>
#include <string.h>

rd_kafka_resp_err_t ktk_produce(rd_kafka_t *rk, rd_kafka_topic_t *rkt,
				const struct ktk_record *rec,
				int32_t partition, void *opaque,
				const volatile sig_atomic_t *stop)
{
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
			rk, RD_KAFKA_V_RKT(rkt), RD_KAFKA_V_PARTITION(partition),
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
		if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL || (stop && *stop) ||
		    rd_kafka_outq_len(rk) == 0)
			return e;
		rd_kafka_poll(rk, 50);
	}
}

int ktk_batch_init(struct ktk_batch *b, rd_kafka_t *rk, rd_kafka_topic_t *rkt,
		   struct ktk_delivery *d, const volatile sig_atomic_t *stop,
		   struct ktk_err *err)
{
	memset(b, 0, sizeof(*b));
	b->rk = rk;
	b->rkt = rkt;
	b->d = d;
	b->stop = stop;
	b->msgs = calloc(KTK_BATCH_RECORDS, sizeof(*b->msgs));
	b->arena = malloc(KTK_BATCH_BYTES);
	if (b->msgs == NULL || b->arena == NULL) {
		ktk_batch_free(b);
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	}
	return 0;
}

void ktk_batch_free(struct ktk_batch *b)
{
	free(b->msgs);
	free(b->arena);
	b->msgs = NULL;
	b->arena = NULL;
	b->n = 0;
}

static void fail(struct ktk_batch *b, const rd_kafka_message_t *m)
{
	ktk_delivery_fail(b->d, (uint64_t)(uintptr_t)m->_private,
			  rd_kafka_err2str(m->err), NULL);
}

void ktk_batch_flush(struct ktk_batch *b)
{
	int i = 0;

	while (i < b->n) {
		int j, full = -1;

		rd_kafka_produce_batch(b->rkt, b->partition,
				       RD_KAFKA_MSG_F_COPY, b->msgs + i,
				       b->n - i);
		/* a full queue refuses that record and every later one,
		 * so the order holds when they are offered again */
		for (j = i; j < b->n && full < 0; j++) {
			if (b->msgs[j].err == RD_KAFKA_RESP_ERR__QUEUE_FULL)
				full = j;
			else if (b->msgs[j].err)
				fail(b, &b->msgs[j]);
		}
		if (full < 0)
			break;
		if (b->stop && *b->stop) {
			for (j = full; j < b->n; j++)
				fail(b, &b->msgs[j]);
			break;
		}
		if (rd_kafka_outq_len(b->rk) == 0) {
			/* nothing queued: this one is larger than the queue */
			ktk_delivery_fail(b->d,
					  (uint64_t)(uintptr_t)b->msgs[full]._private,
					  KTK_PRODUCE_TOO_BIG_FOR_QUEUE, NULL);
			i = full + 1;
			continue;
		}
		rd_kafka_poll(b->rk, 50);
		i = full;
	}
	b->n = 0;
	b->used = 0;
	rd_kafka_poll(b->rk, 0);
}

static void *copy_in(struct ktk_batch *b, const void *p, size_t n)
{
	void *to = b->arena + b->used;

	if (p == NULL)
		return NULL;
	memcpy(to, p, n);
	b->used += n;
	return to;
}

void ktk_batch_add(struct ktk_batch *b, const struct ktk_record *rec,
		   int32_t partition, uint64_t pos)
{
	size_t size = rec->key_len + rec->value_len;
	rd_kafka_message_t *m;

	if (b->n > 0 && (b->n == KTK_BATCH_RECORDS || partition != b->partition ||
			 size > KTK_BATCH_BYTES - b->used))
		ktk_batch_flush(b);
	if (rec->nheaders > 0 || rec->timestamp != 0 ||
	    size > KTK_BATCH_BYTES / 4) {
		rd_kafka_resp_err_t e;

		if (b->n > 0)
			ktk_batch_flush(b);
		e = ktk_produce(b->rk, b->rkt, rec, partition,
				(void *)(uintptr_t)pos, b->stop);
		if (e)
			ktk_delivery_fail(b->d, pos, ktk_produce_errstr(e, b->stop),
					  NULL);
		rd_kafka_poll(b->rk, 0);
		return;
	}
	b->partition = partition;
	m = &b->msgs[b->n++];
	memset(m, 0, sizeof(*m));
	m->key = copy_in(b, rec->key, rec->key_len);
	m->key_len = m->key ? rec->key_len : 0;
	m->payload = copy_in(b, rec->value, rec->value_len);
	m->len = m->payload ? rec->value_len : 0;
	m->_private = (void *)(uintptr_t)pos;
}

const char *ktk_produce_errstr(rd_kafka_resp_err_t e,
			       const volatile sig_atomic_t *stop)
{
	if (e == RD_KAFKA_RESP_ERR__QUEUE_FULL && !(stop && *stop))
		return KTK_PRODUCE_TOO_BIG_FOR_QUEUE;
	return rd_kafka_err2str(e);
}
