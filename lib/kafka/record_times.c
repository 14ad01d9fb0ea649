/* SPDX-License-Identifier: Apache-2.0 */
/* record_times.c -- timestamps of the records at given offsets; see
 * record_times.h. */
#include "lib/kafka/record_times.h"

#include <stdlib.h>
#include <string.h>

#include <librdkafka/rdkafka.h>

#include "lib/base/clock.h"
#include "lib/kafka/client.h"

/* a partition asked for: the asked offsets are ord[lo..hi) (sorted), the
 * first of them not answered yet ord[next] */
struct part {
	const char *topic;
	int32_t partition;
	size_t lo, hi, next;
};

struct ctx {
	const char *const *topics;
	const int32_t *parts;
	const int64_t *offsets;
};

static int cmp_tp(const char *ta, int32_t pa, const char *tb, int32_t pb)
{
	int c = strcmp(ta, tb);

	return c ? c : (pa > pb) - (pa < pb);
}

static int cmp_ord(const void *x, const void *y, void *arg)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	const struct ctx *c = arg;
	int r = cmp_tp(c->topics[a], c->parts[a], c->topics[b], c->parts[b]);

	return r ? r : (c->offsets[a] > c->offsets[b]) - (c->offsets[a] < c->offsets[b]);
}

static struct part *find(struct part *v, size_t n, const char *topic, int32_t p)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_tp(v[mid].topic, v[mid].partition, topic, p);

		if (c == 0)
			return &v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* the consumer: no commits, one small fetch per partition, partition ends
 * reported (an offset with no record after it is answered at the end).
 * queued.min.messages stays librdkafka's: a small one stops a fetcher as
 * soon as a record waits, for a second before librdkafka 2.1. */
static rd_kafka_t *consumer(const struct ktk_conf *conf, struct ktk_err *err)
{
	static const char *const set[][2] = {
		/* the high-level API needs a group; assign() never joins it */
		{"group.id", "ktk-groups"},
		{"enable.auto.commit", "false"},
		{"enable.auto.offset.store", "false"},
		{"auto.offset.reset", "earliest"},
		{"enable.partition.eof", "true"},
		{"max.partition.fetch.bytes", "65536"},
		/* the end of a partition is told by a fetch that comes back
		 * empty: do not let the broker hold it for long */
		{"fetch.wait.max.ms", "10"},
	};
	rd_kafka_conf_t *rc = ktk_client_conf(conf, 0, err);
	rd_kafka_t *rk;
	size_t i;

	if (rc == NULL)
		return NULL;
	for (i = 0; i < sizeof(set) / sizeof(set[0]); i++)
		rd_kafka_conf_set(rc, set[i][0], set[i][1], NULL, 0);
	if ((rk = ktk_client_new(RD_KAFKA_CONSUMER, rc, err)) == NULL)
		rd_kafka_conf_destroy(rc);
	return rk;
}

/* one partition, as a list for pause() and seek() */
static void one(rd_kafka_t *rk, const struct part *p, int64_t seek_to)
{
	rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
	rd_kafka_error_t *e;

	rd_kafka_topic_partition_list_add(l, p->topic, p->partition)->offset =
		seek_to;
	if (seek_to < 0) {
		rd_kafka_pause_partitions(rk, l);
	} else if ((e = rd_kafka_seek_partitions(rk, l, 0)) != NULL) {
		rd_kafka_error_destroy(e);
	}
	rd_kafka_topic_partition_list_destroy(l);
}

/* what message @p m answers of its partition; @returns the number of
 * offsets it answered (and those it ends without an answer) */
static size_t take(rd_kafka_t *rk, const rd_kafka_message_t *m,
		   struct part *v, size_t nv, const size_t *ord,
		   const int64_t *offsets, int64_t *ts)
{
	struct part *p = find(v, nv, rd_kafka_topic_name(m->rkt), m->partition);
	size_t before;
	int64_t t;

	if (p == NULL || p->next == p->hi)
		return 0;
	before = p->next;
	if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF ||
	    (m->err && m->err != RD_KAFKA_RESP_ERR__MAX_POLL_EXCEEDED)) {
		/* the end (no record at or after the rest), or a partition
		 * that cannot be read: the rest stay -1 */
		p->next = p->hi;
	} else {
		t = rd_kafka_message_timestamp(m, NULL);
		while (p->next < p->hi && offsets[ord[p->next]] <= m->offset)
			ts[ord[p->next++]] = t;
	}
	if (p->next == p->hi)
		one(rk, p, -1);
	else if (p->next > before && offsets[ord[p->next]] > m->offset + 1)
		one(rk, p, offsets[ord[p->next]]);
	return p->next - before;
}

int ktk_record_times(const struct ktk_conf *conf, const char *const *topics,
		     const int32_t *parts, const int64_t *offsets, size_t n,
		     int timeout_ms, int64_t *ts, size_t *late,
		     struct ktk_err *err)
{
	struct ctx c = {topics, parts, offsets};
	size_t *ord = malloc((n + 1) * sizeof(*ord)), i, k = 0, nv = 0, left;
	struct part *v = malloc((n + 1) * sizeof(*v));
	rd_kafka_topic_partition_list_t *l = NULL;
	rd_kafka_t *rk = NULL;
	int64_t deadline = ktk_clock_ms() + timeout_ms;
	int rc = -1;

	*late = 0;
	for (i = 0; i < n; i++)
		ts[i] = -1;
	if (ord == NULL || v == NULL) {
		ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++)
		if (offsets[i] >= 0)
			ord[k++] = i;
	left = k;
	if (k == 0) {
		rc = 0;
		goto out;
	}
	qsort_r(ord, k, sizeof(*ord), cmp_ord, &c);
	for (i = 0; i < k; i++) {
		if (nv == 0 || cmp_tp(v[nv - 1].topic, v[nv - 1].partition,
				      topics[ord[i]], parts[ord[i]]) != 0) {
			v[nv].topic = topics[ord[i]];
			v[nv].partition = parts[ord[i]];
			v[nv].lo = v[nv].next = i;
			nv++;
		}
		v[nv - 1].hi = i + 1;
	}
	if ((rk = consumer(conf, err)) == NULL)
		goto out;
	l = rd_kafka_topic_partition_list_new((int)nv);
	for (i = 0; i < nv; i++)
		rd_kafka_topic_partition_list_add(l, v[i].topic, v[i].partition)
			->offset = offsets[ord[v[i].lo]];
	if (rd_kafka_assign(rk, l) != RD_KAFKA_RESP_ERR_NO_ERROR) {
		rc = 0; /* nothing can be read: every answer stays -1 */
		goto out;
	}
	while (left > 0) {
		int64_t wait = deadline - ktk_clock_ms();
		rd_kafka_message_t *m;

		if (wait <= 0)
			break;
		if ((m = rd_kafka_consumer_poll(rk, wait > 100 ? 100 : (int)wait)) == NULL)
			continue;
		if (m->rkt)
			left -= take(rk, m, v, nv, ord, offsets, ts);
		rd_kafka_message_destroy(m);
	}
	*late = left;
	rc = 0;
out:
	if (rk) {
		rd_kafka_consumer_close(rk);
		rd_kafka_destroy(rk);
	}
	if (l)
		rd_kafka_topic_partition_list_destroy(l);
	free(ord);
	free(v);
	return rc;
}
