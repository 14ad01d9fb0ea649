/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for lib/base/buffer.c: growth from zero, decimal numbers,
 * Java's UTF-8 replacement, C strings, out-of-memory stickiness. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/buffer.h"
#include "tests/unit/unit.h"

static void t_numbers(void)
{
	static const int64_t v[] = {0, 1, 9, 10, 99, 100, 101, 999, 1000,
				    -1, -10, 1700000000000, 12345678901234567,
				    INT64_MAX, INT64_MIN, INT64_MIN + 1};
	struct ktk_buffer b = {0};
	char want[32];
	size_t i;
	int64_t p;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		b.len = 0;
		ktk_buffer_put_i64(&b, v[i]);
		snprintf(want, sizeof(want), "%" PRId64, v[i]);
		CHECK_INT(b.len, strlen(want));
		CHECK_STR(ktk_buffer_cstr(&b), want);
	}
	for (p = 1; p > 0 && p <= INT64_MAX / 10; p *= 10) {
		int64_t w[] = {p - 1, p, p + 1, -p};

		for (i = 0; i < 4; i++) {
			b.len = 0;
			ktk_buffer_put_i64(&b, w[i]);
			snprintf(want, sizeof(want), "%" PRId64, w[i]);
			CHECK_STR(ktk_buffer_cstr(&b), want);
		}
	}
	ktk_buffer_free(&b);
}

static void t_growth_and_text(void)
{
	struct ktk_buffer b = {0};
	static char big[1 << 20];
	size_t i;

	CHECK(ktk_buffer_reserve(&b, 0) == 0 && b.p != NULL);
	memset(big, 'x', sizeof(big));
	for (i = 0; i < 10; i++)
		ktk_buffer_put(&b, big, 10000);
	CHECK_INT(b.len, 100000);
	CHECK(b.cap >= b.len && !b.oom);
	ktk_buffer_clear(&b);
	KTK_BUFFER_PUTL(&b, "a");
	ktk_buffer_putc(&b, 'b');
	ktk_buffer_puts(&b, "c");
	ktk_buffer_put_utf8(&b, "x\x80y\xed\xa4", 5);
	CHECK_STR(ktk_buffer_cstr(&b), "abcx\xef\xbf\xbdy\xef\xbf\xbd");
	/* a failed growth drops that append and is sticky until cleared */
	b.len = 3;
	CHECK(ktk_buffer_grow(&b, SIZE_MAX - 1) == -1 && b.oom);
	ktk_buffer_put(&b, big, b.cap);
	CHECK_INT(b.len, 3);
	CHECK(ktk_buffer_reserve(&b, b.cap) == -1);
	ktk_buffer_clear(&b);
	CHECK(ktk_buffer_reserve(&b, b.cap) == 0);
	ktk_buffer_clear(&b);
	ktk_buffer_puts(&b, "ok");
	CHECK_STR(ktk_buffer_cstr(&b), "ok");
	ktk_buffer_free(&b);
	CHECK(b.p == NULL && b.len == 0 && b.cap == 0);
}

/* ktk_buffer_grow_array: room only when full, first size, then doubling */
static void t_grow_array(void)
{
	long *v = NULL;
	size_t n, cap = 0;

	for (n = 0; n < 20; n++) {
		CHECK(ktk_buffer_grow_array(&v, n, &cap, sizeof(*v), 4) == 0);
		CHECK(cap > n);
		v[n] = (long)n;
	}
	CHECK_INT(cap, 32);
	CHECK(v[19] == 19 && v[0] == 0);
	CHECK(ktk_buffer_grow_array(&v, 20, &cap, sizeof(*v), 4) == 0);
	CHECK_INT(cap, 32); /* not full: unchanged */
	CHECK(ktk_buffer_grow_array(&v, 32, &cap, SIZE_MAX / 16, 4) == -1);
	CHECK_INT(cap, 32); /* too large: the array is as it was */
	free(v);
}

int main(void)
{
	RUN(t_numbers);
	RUN(t_growth_and_text);
	RUN(t_grow_array);
	return unit_done();
}
