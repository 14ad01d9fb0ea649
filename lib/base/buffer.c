/* SPDX-License-Identifier: Apache-2.0 */
/* buffer.c -- growable output buffer; see buffer.h. */
#include "lib/base/buffer.h"

#include <stdlib.h>

void ktk_buffer_init(struct ktk_buffer *b, size_t cap)
{
	b->len = 0;
	b->oom = 0;
	b->cap = cap ? cap : 4096;
	b->p = malloc(b->cap);
	if (b->p == NULL) {
		b->cap = 0;
		b->oom = 1;
	}
}

void ktk_buffer_free(struct ktk_buffer *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

int ktk_buffer_grow(struct ktk_buffer *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 4096;
	char *p;

	if (b->oom)
		return -1;
	while (cap - b->len < n) {
		if (cap > SIZE_MAX / 2) {
			b->oom = 1;
			return -1;
		}
		cap *= 2;
	}
	p = realloc(b->p, cap);
	if (p == NULL) {
		b->oom = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

void ktk_buffer_put_i64(struct ktk_buffer *b, int64_t v)
{
	char tmp[24], *e = tmp + sizeof(tmp), *s = e;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	do {
		*--s = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--s = '-';
	ktk_buffer_put(b, s, (size_t)(e - s));
}
