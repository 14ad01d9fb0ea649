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

/* "00" to "99" */
static const char digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233"
	"34353637383940414243444546474849505152535455565758596061626364656667"
	"6869707172737475767778798081828384858687888990919293949596979899";

char *ktk_buffer_write_i64(char *d, int64_t v)
{
	/* the digits end at tmp + 20; 20 bytes are copied from the first,
	 * whatever their count (the room is there), then d moves past them */
	char tmp[40], *e = tmp + 20, *s = e;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	if (v < 0)
		*d++ = '-';
	while (u >= 100) {
		s -= 2;
		memcpy(s, digit_pairs + 2 * (u % 100), 2);
		u /= 100;
	}
	if (u >= 10) {
		s -= 2;
		memcpy(s, digit_pairs + 2 * u, 2);
	} else {
		*--s = (char)('0' + u);
	}
	memcpy(d, s, 20);
	return d + (e - s);
}

void ktk_buffer_put_i64(struct ktk_buffer *b, int64_t v)
{
	char *d = ktk_buffer_room(b, KTK_BUFFER_I64_MAX);

	if (d != NULL)
		b->len = (size_t)(ktk_buffer_write_i64(d, v) - b->p);
}
