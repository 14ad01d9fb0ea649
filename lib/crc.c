/* crc.c -- CRC-32C and CRC-32 (see crc.h).
 *
 * CRC-32C: on x86-64 with SSE4.2 the crc32 instruction (8 bytes a step),
 * chosen at run time with __builtin_cpu_supports; elsewhere slicing-by-8
 * with tables built once. CRC-32 is zlib's crc32().
 */
#include "lib/crc.h"

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

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) static uint32_t crc32c_hw(uint32_t crc,
							   const void *p,
							   size_t n)
{
	const uint8_t *b = p;
	uint64_t c = ~crc, w;

	while (n && ((uintptr_t)b & 7)) {
		c = __builtin_ia32_crc32qi((uint32_t)c, *b++);
		n--;
	}
	while (n >= 8) {
		memcpy(&w, b, 8);
		c = __builtin_ia32_crc32di(c, w);
		b += 8;
		n -= 8;
	}
	while (n--)
		c = __builtin_ia32_crc32qi((uint32_t)c, *b++);
	return ~(uint32_t)c;
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
