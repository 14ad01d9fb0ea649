/* SPDX-License-Identifier: Apache-2.0 */
/* meta.c -- cluster metadata through librdkafka; see meta.h. */
#include "lib/kafka/meta.h"

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
