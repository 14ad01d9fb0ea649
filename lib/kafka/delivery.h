/* SPDX-License-Identifier: Apache-2.0 */
/* delivery.h -- per-record delivery accounting for a producer.
 *
 * Every record read is accounted for exactly once: delivered (its delivery
 * report said so) or failed (it could not be parsed, was too large, was
 * refused by produce(), failed delivery, or belonged to an aborted
 * transaction), with the reason counted. Records in flight are
 * read - delivered - failed. The accounting is the topic handle's opaque,
 * so librdkafka's delivery report callback (ktk_delivery_dr_cb, set with
 * rd_kafka_conf_set_dr_msg_cb) finds it; each message's opaque is the
 * record's position (ktk_delivery_pos()). Nothing here prints: failures and
 * deliveries go to callbacks the binary gives.
 */
#ifndef KTK_DELIVERY_H
#define KTK_DELIVERY_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include <librdkafka/rdkafka.h>

#include "lib/base/err.h"

#define KTK_DELIVERY_REASONS 16

struct ktk_delivery {
	int log_max;        /* first: the log bridge's level (client.h) */
	uint64_t read, delivered, failed;
	uint64_t bytes;     /* key + value + header bytes delivered */
	uint64_t txn_base;  /* delivered when the transaction began */
	struct {
		char why[96];
		uint64_t n;
	} reasons[KTK_DELIVERY_REASONS];
	int nreasons;
	double start;       /* monotonic seconds */
	/* called for each failed record: position, reason */
	void (*on_fail)(void *ctx, uint64_t pos, const char *why);
	/* called for each delivered record (for --tee) */
	void (*on_ok)(void *ctx, const rd_kafka_message_t *m);
	/* called for librdkafka's other errors, which it retries */
	void (*on_error)(void *ctx, const char *reason);
	void *ctx;
	/* after *stop (a signal), waits end stop_wait_ms after it was seen
	 * (ktk_delivery_wait_ms()) */
	const volatile sig_atomic_t *stop;
	int stop_wait_ms;
	double stop_seen;   /* monotonic seconds, 0: not yet */
	/* an error that ends the run (ktk_delivery_error_cb): the cluster
	 * refused the credentials, or librdkafka's fatal error */
	rd_kafka_resp_err_t fatal_err;
	char fatal[512];
};

/** @brief A message opaque for record @p number of input @p input. */
static inline void *ktk_delivery_pos(unsigned input, uint64_t number)
{
	return (void *)(uintptr_t)(((uint64_t)input << 48) |
				   (number & 0xffffffffffffULL));
}

/** @brief The input index of a position. */
static inline unsigned ktk_delivery_pos_input(uint64_t pos)
{
	return (unsigned)(pos >> 48);
}

/** @brief The record number of a position. */
static inline uint64_t ktk_delivery_pos_number(uint64_t pos)
{
	return pos & 0xffffffffffffULL;
}

/** @brief Start counting now. */
void ktk_delivery_init(struct ktk_delivery *d);

/** @brief Count a record that failed before it reached librdkafka (or
 *  that produce() refused) at position @p pos: @p reason is counted in
 *  the summary, @p detail (NULL: the reason) goes to on_fail. */
void ktk_delivery_fail(struct ktk_delivery *d, uint64_t pos,
		       const char *reason, const char *detail);

/** @brief librdkafka's delivery report callback. */
void ktk_delivery_dr_cb(rd_kafka_t *rk, const rd_kafka_message_t *m,
			void *opaque);

/** @brief librdkafka's error callback, with the accounting as the handle's
 *  opaque (rd_kafka_conf_set_opaque(), after setting log_max with
 *  ktk_client_log_max()). The first error no retry mends, a refused login
 *  or a fatal error, is kept in fatal_err and fatal: the producer stops
 *  reading, ktk_delivery_flush() gives up at once, and the records it
 *  purges count under that error. Other errors go to on_error: librdkafka
 *  retries them. */
void ktk_delivery_error_cb(rd_kafka_t *rk, int err, const char *reason,
			   void *opaque);

/** @brief Records handed to librdkafka and not yet reported. */
uint64_t ktk_delivery_inflight(const struct ktk_delivery *d);

/** @brief @p timeout_ms, or, once *stop is set, at most what is left of
 *  stop_wait_ms after the first call that saw it (0 when none is left). */
int ktk_delivery_wait_ms(struct ktk_delivery *d, int timeout_ms);

/** @brief Serve delivery reports until none is in flight, at most
 *  @p timeout_ms (bounded by ktk_delivery_wait_ms() after a signal),
 *  until *@p hard_stop is set, or until an error ends the
 *  run (ktk_delivery_error_cb()). Records still in flight
 *  then are purged and counted as failed ("not delivered before exit").
 *  @returns 0 when nothing is left in flight. */
int ktk_delivery_flush(rd_kafka_t *rk, struct ktk_delivery *d, int timeout_ms,
		       const volatile sig_atomic_t *hard_stop);

/** @brief A transaction begins: remember what was delivered before it. */
void ktk_delivery_txn_begin(struct ktk_delivery *d);

/** @brief The transaction was aborted: its delivered records count as
 *  failed, reason "transaction aborted". */
void ktk_delivery_txn_aborted(struct ktk_delivery *d);

/** @brief One line: "N records read, N delivered, N failed (N reason, ...),
 *  N bytes in S.SS s (N records/s)". */
void ktk_delivery_summary(const struct ktk_delivery *d, char *buf,
			  size_t size);

/** @brief 0 when every record read was delivered and no error ended the
 *  run, else KTK_EXIT_FAIL. */
int ktk_delivery_exit(const struct ktk_delivery *d);

/** @brief Seconds since ktk_delivery_init(). */
double ktk_delivery_elapsed(const struct ktk_delivery *d);

#endif
