/* SPDX-License-Identifier: Apache-2.0 */
/* txn.c -- producer transactions; see txn.h. */
#include "lib/kafka/txn.h"

#include <time.h>

#include "lib/base/clock.h"
#include "lib/kafka/client.h"

static int fail(rd_kafka_error_t *e, const char *what, struct ktk_err *err)
{
	int code = rd_kafka_error_is_fatal(e)
			   ? KTK_EXIT_FAIL
			   : ktk_client_exit_code(rd_kafka_error_code(e));

	if (code == KTK_EXIT_OK)
		code = KTK_EXIT_FAIL;
	ktk_err_set(err, code, "%s: %s", what, rd_kafka_error_string(e));
	rd_kafka_error_destroy(e);
	return -1;
}

int ktk_txn_init(rd_kafka_t *rk, int timeout_ms, struct ktk_err *err)
{
	rd_kafka_error_t *e = rd_kafka_init_transactions(rk, timeout_ms);

	return e ? fail(e, "initialising transactions", err) : 0;
}

int ktk_txn_begin(rd_kafka_t *rk, struct ktk_err *err)
{
	rd_kafka_error_t *e = rd_kafka_begin_transaction(rk);

	return e ? fail(e, "beginning a transaction", err) : 0;
}

/* Call @p fn until it succeeds, fails for good, or the time is up. */
static rd_kafka_error_t *retry(rd_kafka_error_t *(*fn)(rd_kafka_t *, int),
			       rd_kafka_t *rk, int timeout_ms)
{
	long long end = ktk_clock_ms() + timeout_ms;
	rd_kafka_error_t *e = NULL;
	int tries;

	for (tries = 0; tries < 100; tries++) {
		long long left = end - ktk_clock_ms();

		e = fn(rk, left > 0 ? (int)left : 1);
		if (e == NULL || !rd_kafka_error_is_retriable(e) ||
		    ktk_clock_ms() >= end)
			return e;
		rd_kafka_error_destroy(e);
		e = NULL;
	}
	return rd_kafka_error_new(RD_KAFKA_RESP_ERR__TIMED_OUT,
				  "still retriable after %d tries", tries);
}

int ktk_txn_abort(rd_kafka_t *rk, int timeout_ms, struct ktk_err *err)
{
	rd_kafka_error_t *e = retry(rd_kafka_abort_transaction, rk, timeout_ms);

	return e ? fail(e, "aborting the transaction", err) : 0;
}

int ktk_txn_commit(rd_kafka_t *rk, int timeout_ms, int *aborted,
		   struct ktk_err *err)
{
	rd_kafka_error_t *e;

	*aborted = 0;
	e = retry(rd_kafka_commit_transaction, rk, timeout_ms);
	if (e == NULL)
		return 0;
	if (rd_kafka_error_txn_requires_abort(e)) {
		struct ktk_err ignored;

		ktk_err_set(err, KTK_EXIT_FAIL,
			    "committing the transaction: %s (aborted)",
			    rd_kafka_error_string(e));
		rd_kafka_error_destroy(e);
		ktk_txn_abort(rk, timeout_ms, &ignored);
		*aborted = 1;
		return -1;
	}
	return fail(e, "committing the transaction", err);
}
