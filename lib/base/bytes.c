/* SPDX-License-Identifier: Apache-2.0 */
/* bytes.c -- base64, UTF-8 validation, hex, escapes; see bytes.h. */
#include "lib/base/bytes.h"

#include <stdint.h>
#include <string.h>

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t ktk_bytes_b64_len(size_t n) { return (n + 2) / 3 * 4; }

size_t ktk_bytes_b64_encode(const void *src, size_t n, char *dst)
{
	const unsigned char *s = src;
	size_t i, o = 0;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 |
			     s[i + 2];
		dst[o++] = b64[v >> 18];
		dst[o++] = b64[(v >> 12) & 63];
		dst[o++] = b64[(v >> 6) & 63];
		dst[o++] = b64[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)s[i] << 16;

		if (i + 1 < n)
			v |= (uint32_t)s[i + 1] << 8;
		dst[o++] = b64[v >> 18];
		dst[o++] = b64[(v >> 12) & 63];
		dst[o++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		dst[o++] = '=';
	}
	dst[o] = '\0';
	return o;
}

/* A digit alphabet as ranges of characters: c in [lo, hi] stands for
 * val + (c - lo). One lookup serves base64 (with the URL-safe '-' and '_')
 * and hex (either case). */
struct digit_range {
	unsigned char lo, hi, val;
};

static const struct digit_range b64_digits[] = {
	{'A', 'Z', 0}, {'a', 'z', 26}, {'0', '9', 52},
	{'+', '+', 62}, {'-', '-', 62}, {'/', '/', 63}, {'_', '_', 63},
	{0, 0, 0}};

static const struct digit_range hex_digits[] = {
	{'0', '9', 0}, {'a', 'f', 10}, {'A', 'F', 10}, {0, 0, 0}};

/* the value of @p c in @p r, or -1 when it is none of its digits */
static int digit_value(const struct digit_range *r, unsigned char c)
{
	for (; r->hi; r++)
		if (c >= r->lo && c <= r->hi)
			return r->val + (c - r->lo);
	return -1;
}

long ktk_bytes_b64_decode(const char *src, size_t n, void *dst)
{
	unsigned char *d = dst;
	uint32_t acc = 0;
	size_t i, o = 0;
	int bits = 0;

	while (n > 0 && src[n - 1] == '=')
		n--;
	for (i = 0; i < n; i++) {
		int v = digit_value(b64_digits, (unsigned char)src[i]);

		if (v < 0)
			return -1;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			d[o++] = (unsigned char)(acc >> bits);
		}
	}
	if (bits >= 6) /* one stray character cannot be base64 */
		return -1;
	return (long)o;
}

int ktk_bytes_utf8_valid(const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i = 0, len;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((len = ktk_bytes_utf8_seq(s + i, n - i)) == 0)
			return 0;
		i += len;
	}
	return 1;
}

void ktk_bytes_hex_encode(const void *src, size_t n, char *dst)
{
	static const char hx[] = "0123456789abcdef";
	const unsigned char *s = src;
	size_t i;

	for (i = 0; i < n; i++) {
		dst[2 * i] = hx[s[i] >> 4];
		dst[2 * i + 1] = hx[s[i] & 15];
	}
	dst[2 * n] = '\0';
}

int ktk_bytes_hex_digit(char c)
{
	return digit_value(hex_digits, (unsigned char)c);
}

/* JSON's two-character escapes: each byte, and the letter that follows the
 * backslash for it; '/' is read but never written escaped */
static const char json_bytes[] = "\"\\\b\f\n\r\t/", json_letters[] = "\"\\bfnrt/";

char ktk_bytes_json_escape(unsigned char c)
{
	const char *e;

	if (c == '\0' || c == '/' ||
	    (e = memchr(json_bytes, c, sizeof(json_bytes) - 1)) == NULL)
		return 0;
	return json_letters[e - json_bytes];
}

int ktk_bytes_json_unescape(char l)
{
	const char *e;

	if (l == '\0' || (e = memchr(json_letters, l, sizeof(json_letters) - 1)) == NULL)
		return -1;
	return (unsigned char)json_bytes[e - json_letters];
}

long ktk_bytes_unescape(const char *s, char *dst)
{
	/* \n \t \r \0 \\ and what each stands for */
	static const char from[] = "ntr0\\", to[] = "\n\t\r\0\\";
	const char *e;
	long o = 0;

	while (*s) {
		if (*s != '\\') {
			dst[o++] = *s++;
			continue;
		}
		s++;
		if (*s != '\0' && (e = memchr(from, *s, sizeof(from) - 1)) != NULL) {
			dst[o++] = to[e - from];
		} else if (*s == 'x') {
			int h = ktk_bytes_hex_digit(s[1]), l = h < 0 ? -1 : ktk_bytes_hex_digit(s[2]);

			if (h < 0 || l < 0)
				return -1;
			dst[o++] = (char)(h * 16 + l);
			s += 2;
		} else {
			return -1;
		}
		s++;
	}
	dst[o] = '\0';
	return o;
}
