/* produce.h -- hand one struct ktk_record to librdkafka.
 *
 * Builds the header list, picks the partition (an explicit one, or
 * RD_KAFKA_PARTITION_UA for the configured partitioner), copies key and
 * value (RD_KAFKA_MSG_F_COPY: the input buffer is reused at once), and
 * waits while the local queue is full, serving delivery reports.
 */
#ifndef KTK_PRODUCE_H
#define KTK_PRODUCE_H

#include <signal.h>

#include <librdkafka/rdkafka.h>

#include "lib/err.h"
#include "lib/record.h"

/** @brief Produce @p rec to @p partition (RD_KAFKA_PARTITION_UA: by the
 *  partitioner) of @p rkt with message opaque @p opaque. While the queue is
 *  full it polls, and gives up when *@p stop becomes nonzero.
 *  @returns 0, or the librdkafka error for a record produce() refused
 *  (too large, unknown partition, ...; RD_KAFKA_RESP_ERR__QUEUE_FULL when
 *  stopped while waiting). */
rd_kafka_resp_err_t ktk_produce(rd_kafka_t *rk, rd_kafka_topic_t *rkt,
				const struct ktk_record *rec,
				int32_t partition, void *opaque,
				const volatile sig_atomic_t *stop);

#endif
