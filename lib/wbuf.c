/* wbuf.c -- growable output buffer; see wbuf.h. */
#include "lib/wbuf.h"

#include <stdlib.h>

void ktk_wbuf_init(struct ktk_wbuf *b, size_t cap)
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

void ktk_wbuf_free(struct ktk_wbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

int ktk_wbuf_grow(struct ktk_wbuf *b, size_t n)
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

void ktk_wbuf_put_i64(struct ktk_wbuf *b, int64_t v)
{
	char tmp[24], *e = tmp + sizeof(tmp), *s = e;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	do {
		*--s = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--s = '-';
	ktk_wbuf_put(b, s, (size_t)(e - s));
}
