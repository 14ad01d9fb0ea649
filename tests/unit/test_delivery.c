/* SPDX-License-Identifier: Apache-2.0 */
/* test_delivery.c -- delivery accounting without a broker: failures by
 * reason, transactions aborted, the summary line and the exit status, and
 * how long waits last after a signal. */
#include <stdio.h>
#include <string.h>

#include "lib/kafka/delivery.h"
#include "tests/unit/unit.h"

static uint64_t last_pos;
static char last_why[128];

static void on_fail(void *ctx, uint64_t pos, const char *why)
{
	(*(int *)ctx)++;
	last_pos = pos;
	snprintf(last_why, sizeof(last_why), "%s", why);
}

static void t_positions(void)
{
	uint64_t p = (uint64_t)(uintptr_t)ktk_delivery_pos(3, 12345);

	CHECK_INT(ktk_delivery_pos_input(p), 3);
	CHECK_INT(ktk_delivery_pos_number(p), 12345);
}

static void t_failures_and_summary(void)
{
	struct ktk_delivery d;
	char buf[512];
	int calls = 0;

	ktk_delivery_init(&d);
	d.on_fail = on_fail;
	d.ctx = &calls;
	d.read = 5;
	d.delivered = 2;
	ktk_delivery_fail(&d, 7, "not parsable", "No key separator ...");
	ktk_delivery_fail(&d, 8, "not parsable", NULL);
	ktk_delivery_fail(&d, 9, "Broker: Message size too large", NULL);
	CHECK_INT(calls, 3);
	CHECK_INT(last_pos, 9);
	CHECK_STR(last_why, "Broker: Message size too large");
	CHECK_INT(ktk_delivery_inflight(&d), 0);
	CHECK_INT(ktk_delivery_exit(&d), KTK_EXIT_FAIL);
	ktk_delivery_summary(&d, buf, sizeof(buf));
	CHECK(strncmp(buf,
		      "5 records read, 2 delivered, 3 failed (2 not parsable, 1 "
		      "Broker: Message size too large), 0 bytes in ",
		      100) == 0);
}

static void t_all_delivered(void)
{
	struct ktk_delivery d;

	ktk_delivery_init(&d);
	CHECK_INT(ktk_delivery_exit(&d), KTK_EXIT_OK);
	d.read = 3;
	d.delivered = 2;
	CHECK_INT(ktk_delivery_inflight(&d), 1);
	CHECK_INT(ktk_delivery_exit(&d), KTK_EXIT_FAIL);
	d.delivered = 3;
	CHECK_INT(ktk_delivery_exit(&d), KTK_EXIT_OK);
}

static void t_transaction_aborted(void)
{
	struct ktk_delivery d;
	char buf[512];

	ktk_delivery_init(&d);
	d.read = d.delivered = 10; /* a committed transaction */
	ktk_delivery_txn_begin(&d);
	d.read += 4;
	d.delivered += 4;
	ktk_delivery_txn_aborted(&d);
	CHECK_INT(d.delivered, 10);
	CHECK_INT(d.failed, 4);
	ktk_delivery_summary(&d, buf, sizeof(buf));
	CHECK(strstr(buf, "4 failed (4 transaction aborted)") != NULL);
	/* nothing delivered since: nothing more to move */
	ktk_delivery_txn_aborted(&d);
	CHECK_INT(d.failed, 4);
}

static void t_many_reasons(void)
{
	struct ktk_delivery d;
	char why[32];
	int i;

	ktk_delivery_init(&d);
	for (i = 0; i < 40; i++) {
		snprintf(why, sizeof(why), "reason %d", i);
		ktk_delivery_fail(&d, (uint64_t)i, why, NULL);
	}
	CHECK_INT(d.failed, 40);
	CHECK_INT(d.nreasons, KTK_DELIVERY_REASONS);
	CHECK_STR(d.reasons[KTK_DELIVERY_REASONS - 1].why, "other errors");
	CHECK_INT(d.reasons[KTK_DELIVERY_REASONS - 1].n,
		  40 - (KTK_DELIVERY_REASONS - 1));
}

static void t_wait_after_signal(void)
{
	static volatile sig_atomic_t stop;
	struct ktk_delivery d;
	int ms;

	ktk_delivery_init(&d);
	CHECK_INT(ktk_delivery_wait_ms(&d, 300000), 300000); /* no flag */
	d.stop = &stop;
	d.stop_wait_ms = 5000;
	CHECK_INT(ktk_delivery_wait_ms(&d, 300000), 300000); /* not set */
	stop = 1;
	ms = ktk_delivery_wait_ms(&d, 300000); /* the stop is seen now */
	CHECK(ms > 4000 && ms <= 5001);
	CHECK_INT(ktk_delivery_wait_ms(&d, 1000), 1000); /* shorter wins */
	d.stop_seen -= 5.0; /* as if seen five seconds ago: nothing left */
	CHECK_INT(ktk_delivery_wait_ms(&d, 300000), 0);
	d.stop_wait_ms = 0;
	d.stop_seen = 0;
	CHECK_INT(ktk_delivery_wait_ms(&d, 300000), 0);
}

int main(void)
{
	RUN(t_positions);
	RUN(t_failures_and_summary);
	RUN(t_all_delivered);
	RUN(t_transaction_aborted);
	RUN(t_wait_after_signal);
	RUN(t_many_reasons);
	return unit_done();
}
