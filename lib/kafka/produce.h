/* SPDX-License-Identifier: Apache-2.0 */
/* produce.h -- hand struct ktk_record values to librdkafka.
 *
 * A struct ktk_produce_batch gathers records and hands them over together with
 * rd_kafka_produce_batch(): one topic lock, one clock reading and one poll
 * for up to KTK_BATCH_RECORDS records instead of one each, which is most
 * of what a producer spends per record outside librdkafka's own threads.
 * Key and value are copied into the batch's arena (the input buffer may
 * be reused before the batch is handed over). Records with headers or an
 * explicit timestamp (which produce_batch cannot carry), or larger than a
 * quarter of the arena, go one at a time with rd_kafka_producev() after
 * the batch, so the
 * order of the input is kept; so do records for another partition than
 * the batch's. Records refused by librdkafka are counted as failed in the
 * batch's struct ktk_delivery with their position (the message opaque).
 * The caller flushes before anything that waits (a blocking read, a rate
 * limit, a commit, the final flush): a batch never holds a record while
 * the input is idle.
 *
 * Keyed records are partitioned here (partitioner.h, the same functions as
 * librdkafka's partitioners), with the topic's partition count read from
 * the cluster at the start and again every minute; a batch is sorted by
 * partition (stably: each partition keeps the input order) and handed
 * over one partition at a time. librdkafka's own partitioning of one
 * record at a time, with a clock reading, a partition lookup and a queue
 * wake-up each, costs more than everything else the reading thread does
 * (measured: the producer's CPU time nearly halves). Records without a
 * key, and keys the partitioner spreads at random, are left to librdkafka
 * (its sticky partitioner); so is a partition librdkafka does not know
 * yet (just added to the topic).
 */
#ifndef KTK_PRODUCE_H
#define KTK_PRODUCE_H

#include <signal.h>

#include <librdkafka/rdkafka.h>

#include "lib/base/err.h"
#include "lib/kafka/delivery.h"
#include "lib/base/record.h"

/* why a record larger than the whole local queue fails */
#define KTK_PRODUCE_TOO_BIG_FOR_QUEUE \
	"larger than the producer queue (queue.buffering.max.kbytes)"

#define KTK_BATCH_RECORDS 1024
#define KTK_BATCH_BYTES (512 * 1024)
/* the batch's partition when each record has its own (keyed records) */
#define KTK_BATCH_BY_KEY (-3)
/* how often the partition count is read again by default, milliseconds */
#define KTK_BATCH_REFRESH_MS 60000

struct ktk_produce_batch {
	rd_kafka_t *rk;
	rd_kafka_topic_t *rkt;
	struct ktk_delivery *d;             /* failures are counted here */
	const volatile sig_atomic_t *stop;  /* gives up a full queue */
	rd_kafka_message_t *msgs;           /* KTK_BATCH_RECORDS */
	int n;
	int32_t partition;                  /* of every record in msgs */
	char *arena;                        /* KTK_BATCH_BYTES */
	size_t used;
	/* partitioning keyed records here (0 partitions: not) */
	const char *topic;
	int partitioner;                    /* enum ktk_partitioner */
	int32_t partitions;
	double refresh_at;                  /* monotonic seconds */
	int refresh_ms;                     /* <= 0: never again */
	/* called when a read finds another partition count than before */
	void (*on_partitions)(void *ctx, const char *topic, int32_t was,
			      int32_t now);
	void *on_partitions_ctx;
	rd_kafka_message_t *sorted;         /* KTK_BATCH_RECORDS */
	int *runs;                          /* partitions + 1 */
};

/** @brief Set @p b up for @p rkt of @p rk. @returns 0, or -1 with @p err
 *  set (out of memory). */
int ktk_produce_batch_init(struct ktk_produce_batch *b, rd_kafka_t *rk, rd_kafka_topic_t *rkt,
		   struct ktk_delivery *d, const volatile sig_atomic_t *stop,
		   struct ktk_err *err);

/** @brief Partition keyed records of @p topic here with @p partitioner
 *  (enum ktk_partitioner): read the partition count now (waiting at most
 *  @p timeout_ms) and then every @p refresh_ms milliseconds (0: every
 *  KTK_BATCH_REFRESH_MS, below 0: never), when a batch is handed over; a
 *  changed count is told to on_partitions. While the count is not known
 *  (no such topic, no answer), librdkafka partitions. */
void ktk_produce_batch_partition_keys(struct ktk_produce_batch *b, const char *topic,
			      int partitioner, int timeout_ms, int refresh_ms);

/** @brief Add @p rec for @p partition with position @p pos (the message
 *  opaque); a full batch, or one for another partition, is handed over
 *  first. */
void ktk_produce_batch_add(struct ktk_produce_batch *b, const struct ktk_record *rec,
		   int32_t partition, uint64_t pos);

/** @brief Hand every record of the batch to librdkafka (waiting while its
 *  queue is full, unless *stop or an error ended the run: the delivery's
 *  fatal_err) and serve the delivery reports waiting. Records refused
 *  then count as failed. */
void ktk_produce_batch_flush(struct ktk_produce_batch *b);

/** @brief Free the batch (flush it first). */
void ktk_produce_batch_free(struct ktk_produce_batch *b);

#endif
