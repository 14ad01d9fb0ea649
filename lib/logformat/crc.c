/* SPDX-License-Identifier: Apache-2.0 */
/* crc.c -- CRC-32C and CRC-32 (see crc.h).
 *
 * CRC-32C: on x86-64 with SSE4.2 the crc32 instruction (8 bytes a step),
 * chosen at run time with __builtin_cpu_supports; elsewhere slicing-by-8
 * with tables built once. CRC-32 is zlib's crc32().
 */
#include "lib/logformat/crc.h"

#include <string.h>
#include <zlib.h>

#define POLY 0x82F63B78u

static uint32_t tab[8][256];
static int tab_ready;

static void tab_init(void)
{
	uint32_t c;
	int i, j, k;

	for (i = 0; i < 256; i++) {
		c = (uint32_t)i;
		for (j = 0; j < 8; j++)
			c = c & 1 ? (c >> 1) ^ POLY : c >> 1;
		tab[0][i] = c;
	}
	for (i = 0; i < 256; i++)
		for (k = 1; k < 8; k++)
			tab[k][i] = (tab[k - 1][i] >> 8) ^
				    tab[0][tab[k - 1][i] & 0xff];
	tab_ready = 1;
}

uint32_t ktk_crc32c_sw(uint32_t crc, const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t w;

	if (!tab_ready)
		tab_init();
	crc = ~crc;
	while (n && ((uintptr_t)b & 7)) {
		crc = (crc >> 8) ^ tab[0][(crc ^ *b++) & 0xff];
		n--;
	}
	while (n >= 8) {
		memcpy(&w, b, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		w = __builtin_bswap64(w);
#endif
		w ^= crc;
		crc = tab[7][w & 0xff] ^ tab[6][(w >> 8) & 0xff] ^
		      tab[5][(w >> 16) & 0xff] ^ tab[4][(w >> 24) & 0xff] ^
		      tab[3][(w >> 32) & 0xff] ^ tab[2][(w >> 40) & 0xff] ^
		      tab[1][(w >> 48) & 0xff] ^ tab[0][w >> 56];
		b += 8;
		n -= 8;
	}
	while (n--)
		crc = (crc >> 8) ^ tab[0][(crc ^ *b++) & 0xff];
	return ~crc;
}

/* GF(2) product of a and b modulo the polynomial (reflected), as zlib's
 * multmodp: used to shift a CRC state over a run of zero bytes. */
static uint32_t multmodp(uint32_t a, uint32_t b)
{
	uint32_t m = 1u << 31, p = 0;

	for (;;) {
		if (a & m) {
			p ^= b;
			if ((a & (m - 1)) == 0)
				break;
		}
		m >>= 1;
		b = b & 1 ? (b >> 1) ^ POLY : b >> 1;
	}
	return p;
}

/* x^(8n) mod P: the factor that moves a state past n bytes */
static uint32_t x8nmodp(uint64_t n)
{
	uint32_t sq = 1u << 30, r = 1u << 31; /* x^1 and x^0 */

	n *= 8;
	while (n) {
		if (n & 1)
			r = multmodp(sq, r);
		sq = multmodp(sq, sq);
		n >>= 1;
	}
	return r;
}

#if defined(__x86_64__)
/* Three streams of `stride` bytes run side by side, so that the crc32
 * instruction's 3-cycle latency is hidden; their states are then joined by
 * shifting (multiplying by x^(8 * stride) mod P, through byte tables).
 * Strides of 4096 bytes, then 256 for the rest, then one stream. */
static const size_t strides[2] = {4096, 256};
static uint32_t shift1[2][4][256], shift2[2][4][256];
static int shift_ready;

static void shift_init(void)
{
	int s, i, j;

	for (s = 0; s < 2; s++) {
		uint32_t k1 = x8nmodp(strides[s]), k2 = x8nmodp(2 * strides[s]);

		for (j = 0; j < 4; j++)
			for (i = 0; i < 256; i++) {
				shift1[s][j][i] =
					multmodp(k1, (uint32_t)i << (8 * j));
				shift2[s][j][i] =
					multmodp(k2, (uint32_t)i << (8 * j));
			}
	}
	shift_ready = 1;
}

static uint32_t shift(uint32_t t[4][256], uint32_t c)
{
	return t[0][c & 0xff] ^ t[1][(c >> 8) & 0xff] ^
	       t[2][(c >> 16) & 0xff] ^ t[3][c >> 24];
}

/* @p n single bytes into the running CRC @p c: the steps up to an aligned
 * address and the tail after the last whole 8-byte word (fewer than 8) */
__attribute__((target("sse4.2"))) static uint64_t
crc32c_hw_bytes(uint64_t c, const uint8_t *b, size_t n)
{
	while (n--)
		c = __builtin_ia32_crc32qi((uint32_t)c, *b++);
	return c;
}

__attribute__((target("sse4.2"))) static uint32_t crc32c_hw(uint32_t crc,
							   const void *p,
							   size_t n)
{
	const uint8_t *b = p;
	uint64_t c = ~crc, w;
	int s;

	/* aligned loads for the three-stream loops; a small input (a tiny
	 * batch) goes straight to the 8-byte loop, unaligned loads being
	 * cheap on x86-64 */
	if (n >= 3 * strides[1]) {
		size_t head = (8 - ((uintptr_t)b & 7)) & 7;

		c = crc32c_hw_bytes(c, b, head);
		b += head;
		n -= head;
		if (!shift_ready)
			shift_init();
	}
	for (s = 0; s < 2; s++) {
		size_t st = strides[s];

		while (n >= 3 * st) {
			uint64_t c1 = 0, c2 = 0, w1, w2;
			size_t i;

			for (i = 0; i < st; i += 8) {
				memcpy(&w, b + i, 8);
				memcpy(&w1, b + st + i, 8);
				memcpy(&w2, b + 2 * st + i, 8);
				c = __builtin_ia32_crc32di(c, w);
				c1 = __builtin_ia32_crc32di(c1, w1);
				c2 = __builtin_ia32_crc32di(c2, w2);
			}
			c = shift(shift2[s], (uint32_t)c) ^
			    shift(shift1[s], (uint32_t)c1) ^ (uint32_t)c2;
			b += 3 * st;
			n -= 3 * st;
		}
	}
	while (n >= 8) {
		memcpy(&w, b, 8);
		c = __builtin_ia32_crc32di(c, w);
		b += 8;
		n -= 8;
	}
	return ~(uint32_t)crc32c_hw_bytes(c, b, n);
}

static int hw_state; /* 0 unknown, 1 yes, 2 no */

uint32_t ktk_crc32c(uint32_t crc, const void *p, size_t n)
{
	if (hw_state == 0) {
		__builtin_cpu_init();
		hw_state = __builtin_cpu_supports("sse4.2") ? 1 : 2;
	}
	return hw_state == 1 ? crc32c_hw(crc, p, n) : ktk_crc32c_sw(crc, p, n);
}
#else
uint32_t ktk_crc32c(uint32_t crc, const void *p, size_t n)
{
	return ktk_crc32c_sw(crc, p, n);
}
#endif

uint32_t ktk_crc32(uint32_t crc, const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n > 0) {
		uInt k = n > 0x40000000u ? 0x40000000u : (uInt)n;
		crc = (uint32_t)crc32(crc, b, k);
		b += k;
		n -= k;
	}
	return crc;
}
