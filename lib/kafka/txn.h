/* SPDX-License-Identifier: Apache-2.0 */
/* txn.h -- producer transactions: init, begin, commit and abort with
 * librdkafka's error classes handled (retriable calls are retried within
 * the timeout, an abortable commit is aborted, fatal errors are reported).
 */
#ifndef KTK_TXN_H
#define KTK_TXN_H

#include <librdkafka/rdkafka.h>

#include "lib/base/err.h"

/** @brief rd_kafka_init_transactions. @returns 0, or -1 with @p err set
 *  (KTK_EXIT_UNAVAILABLE when the coordinator cannot be reached). */
int ktk_txn_init(rd_kafka_t *rk, int timeout_ms, struct ktk_err *err);

/** @brief rd_kafka_begin_transaction. @returns 0 or -1. */
int ktk_txn_begin(rd_kafka_t *rk, struct ktk_err *err);

/** @brief Commit (flushing first). When the commit fails and the
 *  transaction must be aborted, it is aborted here and *@p aborted set.
 *  @returns 0, or -1 with @p err set (KTK_EXIT_FAIL). */
int ktk_txn_commit(rd_kafka_t *rk, int timeout_ms, int *aborted,
		   struct ktk_err *err);

/** @brief Abort the current transaction. @returns 0 or -1. */
int ktk_txn_abort(rd_kafka_t *rk, int timeout_ms, struct ktk_err *err);

#endif
