/* SPDX-License-Identifier: Apache-2.0 */
/* buffer.c -- the growable byte buffer; see buffer.h. */
#include "lib/base/buffer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/bytes.h"

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
	b->oom = 0;
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

int ktk_buffer_grow_array(void *arrp, size_t n, size_t *cap, size_t size,
			  size_t first)
{
	size_t ncap = *cap ? *cap * 2 : first;
	void *p, *np;

	if (n < *cap)
		return 0;
	if (ncap < *cap || ncap > SIZE_MAX / size)
		return -1;
	/* the caller's pointer is of its own element type: copied, not cast */
	memcpy(&p, arrp, sizeof(p));
	if ((np = realloc(p, ncap * size)) == NULL)
		return -1;
	memcpy(arrp, &np, sizeof(np));
	*cap = ncap;
	return 0;
}

static const char digit_pairs[] =
	"00010203040506070809101112131415161718192021222324"
	"25262728293031323334353637383940414243444546474849"
	"50515253545556575859606162636465666768697071727374"
	"75767778798081828384858687888990919293949596979899";

/* the 8 digits of @p u (< 10^8, leading zeros kept) at s[0..8): two
 * halves of four digits, each two pairs, in 32-bit arithmetic with no
 * dependence between the halves */
static inline void put8(char *s, uint32_t u)
{
	uint32_t hi = u / 10000, lo = u % 10000;

	memcpy(s, digit_pairs + (hi / 100) * 2, 2);
	memcpy(s + 2, digit_pairs + (hi % 100) * 2, 2);
	memcpy(s + 4, digit_pairs + (lo / 100) * 2, 2);
	memcpy(s + 6, digit_pairs + (lo % 100) * 2, 2);
}

char *ktk_buffer_fmt_i64(char *q, int64_t v)
{
	static const uint64_t pow10[] = {
		1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
		100000000, 1000000000, 10000000000ull, 100000000000ull,
		1000000000000ull, 10000000000000ull, 100000000000000ull,
		1000000000000000ull, 10000000000000000ull,
		100000000000000000ull, 1000000000000000000ull,
		10000000000000000000ull};
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint32_t w;
	char *e, *s;
	int n = 1;

	if (v < 0)
		*q++ = '-';
	if (u >= 10) { /* the digits: about log10 from the bit length, then
			* one comparison */
		n = ((64 - __builtin_clzll(u)) * 1233) >> 12;
		n += u >= pow10[n];
	}
	e = s = q + n; /* written in place from the last digit back */
	/* the low eight digits at a time (a millisecond timestamp: once),
	 * the rest in 32-bit arithmetic */
	while (u >= 100000000) {
		s -= 8;
		put8(s, (uint32_t)(u % 100000000));
		u /= 100000000;
	}
	w = (uint32_t)u;
	while (w >= 100) {
		s -= 2;
		memcpy(s, digit_pairs + (w % 100) * 2, 2);
		w /= 100;
	}
	if (w >= 10) {
		s -= 2;
		memcpy(s, digit_pairs + w * 2, 2);
	} else
		*--s = (char)('0' + w);
	return e;
}

#define CONT(b) (((b)&0xc0) == 0x80)

/* Bytes the decoder consumes at s (n left) and whether they are one
 * character (1) or replaced by U+FFFD (0), following JDK 17's
 * String(byte[], UTF_8): the length of a malformed sequence is what Java
 * skips, and an incomplete sequence at the very end becomes one U+FFFD. */
static size_t java_utf8_step(const uint8_t *s, size_t n, int *ok)
{
	unsigned b1 = s[0], b2, b3;

	*ok = 0;
	if (b1 < 0x80) {
		*ok = 1;
		return 1;
	}
	if ((b1 & 0xe0) == 0xc0 && (b1 & 0x1e) != 0) {
		if (n < 2)
			return n;
		if (!CONT(s[1]))
			return 1;
		*ok = 1;
		return 2;
	}
	if ((b1 & 0xf0) == 0xe0) {
		if (n >= 3) {
			b2 = s[1];
			b3 = s[2];
			if ((b1 == 0xe0 && (b2 & 0xe0) == 0x80) || !CONT(b2) ||
			    !CONT(b3))
				return (b1 == 0xe0 && (b2 & 0xe0) == 0x80) ||
						       !CONT(b2)
					       ? 1
					       : 2;
			/* surrogates: replaced, 3 bytes consumed */
			*ok = !(b1 == 0xed && b2 >= 0xa0);
			return 3;
		}
		if (n >= 2 && ((b1 == 0xe0 && (s[1] & 0xe0) == 0x80) ||
			       !CONT(s[1])))
			return 1;
		return n;
	}
	if ((b1 & 0xf8) == 0xf0) {
		if (n >= 4) {
			unsigned uc;

			b2 = s[1];
			uc = (b1 & 7u) << 18 | (b2 & 0x3fu) << 12 |
			     (s[2] & 0x3fu) << 6 | (s[3] & 0x3fu);
			if (!CONT(b2) || !CONT(s[2]) || !CONT(s[3]) ||
			    uc < 0x10000 || uc > 0x10ffff) {
				if (b1 > 0xf4 ||
				    (b1 == 0xf0 && (b2 < 0x90 || b2 > 0xbf)) ||
				    (b1 == 0xf4 && (b2 & 0xf0) != 0x80) ||
				    !CONT(b2))
					return 1;
				return CONT(s[2]) ? 3 : 2;
			}
			*ok = 1;
			return 4;
		}
		if (b1 > 0xf4 ||
		    (n >= 2 && ((b1 == 0xf0 && (s[1] < 0x90 || s[1] > 0xbf)) ||
				(b1 == 0xf4 && (s[1] & 0xf0) != 0x80) ||
				!CONT(s[1]))))
			return 1;
		if (n >= 3 && !CONT(s[2]))
			return 2;
		return n;
	}
	return 1;
}

/* Whether s[0..n) is all ASCII, 8 bytes at a time. */
static int all_ascii(const uint8_t *s, size_t n)
{
	uint64_t acc = 0, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		acc |= w;
	}
	for (; i < n; i++)
		acc |= s[i];
	return !(acc & 0x8080808080808080ull);
}

void ktk_buffer_put_utf8(struct ktk_buffer *b, const void *sv, size_t n)
{
	const uint8_t *s = sv;
	size_t i = 0, run = 0;

	if (all_ascii(s, n) || ktk_bytes_utf8_valid(s, n)) {
		ktk_buffer_put(b, s, n);
		return;
	}
	while (i < n) {
		int ok;
		size_t k = java_utf8_step(s + i, n - i, &ok);

		if (ok) {
			i += k;
			run += k;
			continue;
		}
		ktk_buffer_put(b, s + i - run, run);
		ktk_buffer_put(b, "\xef\xbf\xbd", 3);
		run = 0;
		i += k;
	}
	ktk_buffer_put(b, s + n - run, run);
}

const char *ktk_buffer_cstr(struct ktk_buffer *b)
{
	if (ktk_buffer_room(b, 1) == NULL)
		return "";
	b->p[b->len] = '\0';
	return b->p;
}
