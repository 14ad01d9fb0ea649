/* SPDX-License-Identifier: Apache-2.0 */
/* meta.h -- cluster metadata: brokers, topics, partitions, watermarks. */
#ifndef KTK_META_H
#define KTK_META_H

#include <librdkafka/rdkafka.h>

#include "lib/base/err.h"

/** @brief rd_kafka_offsets_for_times() over @p l (each element's offset
 *  the question: a time, or BEGINNING/END), asked again every 100 ms while
 *  a partition's leader does not have it yet (just created or moved:
 *  NOT_LEADER_FOR_PARTITION, LEADER_NOT_AVAILABLE, ...) for at most 3 s
 *  (or @p timeout_ms when shorter), the whole within @p timeout_ms.
 *  @returns the last call's error; per-partition errors in @p l. */
rd_kafka_resp_err_t ktk_meta_list_offsets(rd_kafka_t *rk,
					  rd_kafka_topic_partition_list_t *l,
					  int64_t timeout_ms);

/** @brief The low and high watermarks of every partition of @p l into
 *  wm[2 i] and wm[2 i + 1] (-1 for a partition whose answer is an error):
 *  one ktk_meta_list_offsets() for the earliest offsets and one for the
 *  latest, each a request a leader. *@p bad is the index of the first
 *  partition whose answer is an error, with that error in *@p bad_err
 *  (-1 and 0: none; also after a call's own error). @returns a call's
 *  own error (then what @p wm holds is -1), or 0. */
rd_kafka_resp_err_t ktk_meta_watermarks(rd_kafka_t *rk,
					const rd_kafka_topic_partition_list_t *l,
					int64_t timeout_ms, int64_t *wm,
					int *bad, rd_kafka_resp_err_t *bad_err);

/** @brief Fetch metadata for @p topic (NULL: every topic) within
 *  @p timeout_ms. The caller frees *@p md with rd_kafka_metadata_destroy().
 *  A topic the cluster does not have is an error (KTK_EXIT_FAIL); brokers
 *  that do not answer are KTK_EXIT_UNAVAILABLE. @returns 0 or -1. */
int ktk_meta_fetch(rd_kafka_t *rk, const char *topic, int timeout_ms,
		   const struct rd_kafka_metadata **md, struct ktk_err *err);

/** @brief The number of partitions of @p topic into *@p n (at least 1).
 *  @returns 0, or -1 with @p err set as ktk_meta_fetch() does ("no
 *  partitions": KTK_EXIT_FAIL). */
int ktk_meta_partitions(rd_kafka_t *rk, const char *topic, int timeout_ms,
			int32_t *n, struct ktk_err *err);

/** @brief The partition count of @p topic into *@p count (0: the
 *  cluster did not tell within @p timeout_ms, or has no such topic yet),
 *  and whether @p partition (-1: none) is one of them: "topic T has no
 *  partition P (it has N)", the consumer's words, @p hint appended.
 *  @returns 0 (also when unknown), or -1 with @p err set (KTK_EXIT_FAIL)
 *  for a partition the topic does not have. */
int ktk_meta_partition_check(rd_kafka_t *rk, const char *topic,
			     int32_t partition, int timeout_ms,
			     const char *hint, int32_t *count,
			     struct ktk_err *err);

#endif
