/* SPDX-License-Identifier: Apache-2.0 */
/* delivery.c -- per-record delivery accounting; see delivery.h. */
#include "lib/kafka/delivery.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/base/clock.h"
#include "lib/base/units.h"
#include "lib/kafka/client.h"

void ktk_delivery_init(struct ktk_delivery *d)
{
	memset(d, 0, sizeof(*d));
	d->start = ktk_clock_s();
}

double ktk_delivery_elapsed(const struct ktk_delivery *d)
{
	return ktk_clock_s() - d->start;
}

static void count_reason(struct ktk_delivery *d, const char *why, uint64_t n)
{
	int i;

	for (i = 0; i < d->nreasons; i++)
		if (strcmp(d->reasons[i].why, why) == 0)
			break;
	if (i == d->nreasons) {
		if (d->nreasons == KTK_DELIVERY_REASONS)
			i = KTK_DELIVERY_REASONS - 1, why = "other errors";
		else
			d->nreasons++;
		snprintf(d->reasons[i].why, sizeof(d->reasons[i].why), "%s",
			 why);
	}
	d->reasons[i].n += n;
}

void ktk_delivery_fail(struct ktk_delivery *d, uint64_t pos,
		       const char *reason, const char *detail)
{
	d->failed++;
	count_reason(d, reason, 1);
	if (d->on_fail)
		d->on_fail(d->ctx, pos, detail ? detail : reason);
}

void ktk_delivery_dr_cb(rd_kafka_t *rk, const rd_kafka_message_t *m,
			void *opaque)
{
	struct ktk_delivery *d = rd_kafka_topic_opaque(m->rkt);
	uint64_t pos = (uint64_t)(uintptr_t)m->_private;

	(void)rk;
	(void)opaque;
	if (d == NULL)
		return;
	if (m->err && d->giving_up &&
	    (m->err == RD_KAFKA_RESP_ERR__PURGE_QUEUE ||
	     m->err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT)) {
		/* purged because the wait after a signal ran out: one reason,
		 * whether its report comes before the summary or not */
		ktk_delivery_fail(d, pos, "not delivered before exit", NULL);
		return;
	}
	if (m->err) {
		/* purged because the run ended on an error: counted under it */
		rd_kafka_resp_err_t e =
			d->fatal_err && (m->err == RD_KAFKA_RESP_ERR__PURGE_QUEUE ||
					 m->err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT)
				? d->fatal_err
				: m->err;

		ktk_delivery_fail(d, pos, rd_kafka_err2str(e), NULL);
		return;
	}
	d->delivered++;
	d->bytes += m->len + m->key_len;
	{
		rd_kafka_headers_t *h = NULL;

		if (rd_kafka_message_headers(m, &h) == 0 && h) {
			size_t i = 0, vs;
			const char *name;
			const void *val;

			while (rd_kafka_header_get_all(h, i++, &name, &val,
						       &vs) == 0)
				d->bytes += strlen(name) + vs;
		}
	}
	if (d->on_ok)
		d->on_ok(d->ctx, m);
}

void ktk_delivery_error_cb(rd_kafka_t *rk, int err, const char *reason,
			   void *opaque)
{
	struct ktk_delivery *d = opaque;

	if (d == NULL)
		return;
	/* the first error that ends the run is kept; later ones only shown */
	if (!d->fatal_err && err == RD_KAFKA_RESP_ERR__FATAL) {
		d->fatal_err = rd_kafka_fatal_error(rk, d->fatal,
						    sizeof(d->fatal));
		if (!d->fatal_err)
			d->fatal_err = RD_KAFKA_RESP_ERR__FATAL;
	} else if (!d->fatal_err && ktk_client_refused(err, reason)) {
		d->fatal_err = err;
		snprintf(d->fatal, sizeof(d->fatal), "%s", reason);
	} else if (d->on_error) {
		d->on_error(d->ctx, reason);
	}
}

uint64_t ktk_delivery_inflight(const struct ktk_delivery *d)
{
	return d->read - d->delivered - d->failed;
}

int ktk_delivery_wait_ms(struct ktk_delivery *d, int timeout_ms)
{
	double left;

	if (d->stop == NULL || !*d->stop)
		return timeout_ms;
	if (d->stop_seen == 0)
		d->stop_seen = ktk_clock_s();
	left = d->stop_seen + d->stop_wait_ms / 1000.0 - ktk_clock_s();
	if (left <= 0)
		return 0;
	return left * 1000 < timeout_ms ? (int)(left * 1000) + 1 : timeout_ms;
}

int ktk_delivery_flush(rd_kafka_t *rk, struct ktk_delivery *d, int timeout_ms,
		       const volatile sig_atomic_t *hard_stop)
{
	double end = ktk_clock_s() + timeout_ms / 1000.0;
	uint64_t left;

	/* rd_kafka_flush() serves the reports and, while it runs, sends
	 * what is queued at once instead of after linger.ms; in slices,
	 * to notice a second signal (and by polling when librdkafka holds
	 * none of them, not to spin) */
	while (ktk_delivery_inflight(d) > 0 && ktk_clock_s() < end &&
	       !(hard_stop && *hard_stop) && !d->fatal_err &&
	       ktk_delivery_wait_ms(d, 1) > 0) {
		if (rd_kafka_outq_len(rk) > 0)
			rd_kafka_flush(rk, 100);
		else
			rd_kafka_poll(rk, 100);
	}
	left = ktk_delivery_inflight(d);
	if (left == 0)
		return 0;
	/* give up on the rest: purge, serve their reports, and count any
	 * whose report still has not come */
	d->giving_up = 1;
	rd_kafka_purge(rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT |
				   RD_KAFKA_PURGE_F_NON_BLOCKING);
	rd_kafka_poll(rk, 0);
	left = ktk_delivery_inflight(d);
	if (left > 0) {
		d->failed += left;
		count_reason(d, "not delivered before exit", left);
	}
	return -1;
}

void ktk_delivery_txn_begin(struct ktk_delivery *d)
{
	d->txn_base = d->delivered;
}

void ktk_delivery_txn_aborted(struct ktk_delivery *d)
{
	uint64_t n = d->delivered - d->txn_base;

	if (n == 0)
		return;
	d->delivered -= n;
	d->failed += n;
	count_reason(d, "transaction aborted", n);
	d->txn_base = d->delivered;
}

void ktk_delivery_summary(const struct ktk_delivery *d, char *buf,
			  size_t size)
{
	double secs = ktk_delivery_elapsed(d);
	char sz[32], rate[32];
	size_t o;
	int i;

	o = (size_t)snprintf(buf, size,
			     "%llu %s read, %llu delivered, %llu failed",
			     (unsigned long long)d->read,
			     ktk_units_plural(d->read, "record", "records"),
			     (unsigned long long)d->delivered,
			     (unsigned long long)d->failed);
	for (i = 0; i < d->nreasons && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%llu %s",
				      i ? ", " : " (",
				      (unsigned long long)d->reasons[i].n,
				      d->reasons[i].why);
	if (d->nreasons && o < size)
		o += (size_t)snprintf(buf + o, size - o, ")");
	if (o < size)
		snprintf(buf + o, size - o, ", %s in %.2f s (%.0f records/s, %s)",
			 ktk_units_bytes(d->bytes, sz, sizeof(sz)), secs,
			 secs > 0 ? (double)d->delivered / secs : 0.0,
			 ktk_units_rate(secs > 0 ? (double)d->bytes / secs : 0.0,
					rate, sizeof(rate)));
}

int ktk_delivery_exit(const struct ktk_delivery *d)
{
	return d->delivered == d->read && d->failed == 0 && !d->fatal_err
		       ? KTK_EXIT_OK
		       : KTK_EXIT_FAIL;
}
