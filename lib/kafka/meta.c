/* SPDX-License-Identifier: Apache-2.0 */
/* meta.c -- cluster metadata through librdkafka; see meta.h. */
#include "lib/kafka/meta.h"

#include <stdlib.h>
#include <time.h>

#include "lib/base/clock.h"
#include "lib/kafka/client.h"

int ktk_meta_fetch(rd_kafka_t *rk, const char *topic, int timeout_ms,
		   const struct rd_kafka_metadata **md, struct ktk_err *err)
{
	rd_kafka_topic_t *rkt = NULL;
	rd_kafka_resp_err_t e;

	*md = NULL;
	if (topic != NULL)
		rkt = rd_kafka_topic_new(rk, topic, NULL);
	e = rd_kafka_metadata(rk, topic == NULL, rkt, md, timeout_ms);
	if (rkt != NULL)
		rd_kafka_topic_destroy(rkt);
	if (e != RD_KAFKA_RESP_ERR_NO_ERROR)
		return ktk_err_set(err, ktk_client_exit_code(e),
				   "metadata request failed: %s",
				   rd_kafka_err2str(e));
	if (topic != NULL && (*md)->topic_cnt == 1 && (*md)->topics[0].err) {
		e = (*md)->topics[0].err;
		rd_kafka_metadata_destroy(*md);
		*md = NULL;
		if (e == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
			return ktk_client_no_topic(err, topic);
		return ktk_err_set(err, KTK_EXIT_FAIL, "topic %s: %s", topic,
				   rd_kafka_err2str(e));
	}
	return 0;
}

int ktk_meta_partitions(rd_kafka_t *rk, const char *topic, int timeout_ms,
			int32_t *n, struct ktk_err *err)
{
	const struct rd_kafka_metadata *md;

	if (ktk_meta_fetch(rk, topic, timeout_ms, &md, err) == -1)
		return -1;
	*n = md->topic_cnt == 1 ? md->topics[0].partition_cnt : 0;
	rd_kafka_metadata_destroy(md);
	if (*n <= 0)
		return ktk_err_set(err, KTK_EXIT_FAIL, "topic %s: no partitions",
				   topic);
	return 0;
}

int ktk_meta_partition_check(rd_kafka_t *rk, const char *topic,
			     int32_t partition, int timeout_ms,
			     const char *hint, int32_t *count,
			     struct ktk_err *err)
{
	struct ktk_err ignored = {0};

	*count = 0;
	if (ktk_meta_partitions(rk, topic, timeout_ms, count, &ignored) == -1) {
		*count = 0; /* a missing topic may be created on produce */
		return 0;
	}
	if (partition < *count)
		return 0;
	return ktk_err_set(err, KTK_EXIT_FAIL,
			   "topic %s has no partition %d (it has %d)%s", topic,
			   (int)partition, (int)*count, hint ? hint : "");
}

/* errors of a ListOffsets that a partition just created or just moved
 * gives until its leader has it: tried again within the timeout */
static int leader_pending(rd_kafka_resp_err_t e)
{
	switch (e) {
	case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
	case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
	case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
	case RD_KAFKA_RESP_ERR_REPLICA_NOT_AVAILABLE:
	case RD_KAFKA_RESP_ERR_OFFSET_NOT_AVAILABLE:
	case RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH:
	case RD_KAFKA_RESP_ERR_UNKNOWN_LEADER_EPOCH:
		return 1;
	default:
		return 0;
	}
}

rd_kafka_resp_err_t ktk_meta_list_offsets(rd_kafka_t *rk,
					  rd_kafka_topic_partition_list_t *l,
					  int64_t timeout_ms)
{
	/* a new partition's leader has it within a second; a partition with
	 * no leader (its broker down) is not waited for longer than this */
	int64_t wait = timeout_ms < 3000 ? timeout_ms : 3000;
	int64_t deadline = ktk_clock_ms() + wait, *want, left;
	struct timespec pause = {0, 100 * 1000000};
	rd_kafka_resp_err_t e;
	int i, again;

	want = malloc(((size_t)l->cnt + 1) * sizeof(*want));
	if (want == NULL)
		return RD_KAFKA_RESP_ERR__FAIL; /* out of memory */
	for (i = 0; i < l->cnt; i++)
		want[i] = l->elems[i].offset;
	for (;;) {
		/* the whole stays within the timeout: what the wait left */
		left = deadline - ktk_clock_ms() + timeout_ms - wait;
		e = rd_kafka_offsets_for_times(rk, l, left > 0 ? (int)left : 1);
		again = leader_pending(e);
		for (i = 0; !again && e == RD_KAFKA_RESP_ERR_NO_ERROR &&
			    i < l->cnt; i++)
			again = leader_pending(l->elems[i].err);
		if (!again || ktk_clock_ms() + 100 >= deadline)
			break;
		nanosleep(&pause, NULL);
		for (i = 0; i < l->cnt; i++) { /* answers replace the question */
			l->elems[i].offset = want[i];
			l->elems[i].err = RD_KAFKA_RESP_ERR_NO_ERROR;
		}
	}
	free(want);
	return e;
}

rd_kafka_resp_err_t ktk_meta_watermarks(rd_kafka_t *rk,
					const rd_kafka_topic_partition_list_t *l,
					int64_t timeout_ms, int64_t *wm,
					int *bad, rd_kafka_resp_err_t *bad_err)
{
	rd_kafka_resp_err_t e = RD_KAFKA_RESP_ERR_NO_ERROR;
	int k, i;

	*bad = -1;
	*bad_err = RD_KAFKA_RESP_ERR_NO_ERROR;
	for (k = 0; k < 2 && e == RD_KAFKA_RESP_ERR_NO_ERROR; k++) {
		rd_kafka_topic_partition_list_t *q =
			rd_kafka_topic_partition_list_copy(l);

		for (i = 0; i < q->cnt; i++)
			q->elems[i].offset = k ? RD_KAFKA_OFFSET_END
					       : RD_KAFKA_OFFSET_BEGINNING;
		e = ktk_meta_list_offsets(rk, q, timeout_ms);
		for (i = 0; i < q->cnt; i++) {
			const rd_kafka_topic_partition_t *r = &q->elems[i];

			wm[2 * i + k] = r->err || e ? -1 : r->offset;
			if (r->err && (*bad == -1 || i < *bad)) {
				*bad = i;
				*bad_err = r->err;
			}
		}
		rd_kafka_topic_partition_list_destroy(q);
	}
	return e;
}
