/* SPDX-License-Identifier: Apache-2.0 */
/* bytes.h -- byte-string helpers shared by the readers and formatters:
 * base64 (RFC 4648, with padding), UTF-8 validation, hex, and C-style
 * escapes in command-line delimiters ("\n", "\t", "\r", "\0", "\xNN", "\\").
 */
#ifndef KTK_BASE_BYTES_H
#define KTK_BASE_BYTES_H

#include <stddef.h>
#include <stdint.h>

/** @brief Size of the base64 text of @p n bytes, without the NUL. */
size_t ktk_bytes_b64_len(size_t n);

/** @brief Write the base64 of @p src[0..n) to @p dst (ktk_bytes_b64_len(n) + 1
 *  bytes, NUL-terminated). @returns the text length. */
size_t ktk_bytes_b64_encode(const void *src, size_t n, char *dst);

/** @brief Decode base64 @p src[0..n) (padding optional, no whitespace)
 *  into @p dst (at least n * 3 / 4 + 3 bytes). @returns the decoded length,
 *  or -1 when @p src is not base64. */
long ktk_bytes_b64_decode(const char *src, size_t n, void *dst);

/** @brief Whether @p s[0..n) is valid UTF-8 (no overlongs, surrogates or
 *  code points above U+10FFFF). */
int ktk_bytes_utf8_valid(const void *s, size_t n);

/** @brief The length (2 to 4) of the valid multi-byte UTF-8 sequence that
 *  @p s[0..n) starts with (s[0] >= 0x80), or 0 when it starts with none
 *  (as ktk_bytes_utf8_valid() judges). */
static inline size_t ktk_bytes_utf8_seq(const void *p, size_t n)
{
	const unsigned char *s = p;
	unsigned char c = s[0];
	uint32_t cp;
	size_t len, k;

	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3F);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return len;
}

/** @brief Write the lower-case hex of @p src[0..n) to @p dst (2n + 1). */
void ktk_bytes_hex_encode(const void *src, size_t n, char *dst);

/** @brief The value of the hex digit @p c (0-9, a-f, A-F), or -1. */
int ktk_bytes_hex_digit(char c);

/** @brief JSON's two-character escape of byte @p c (RFC 8259: \" \\ \b
 *  \f \n \r \t): the letter after the backslash, or 0 when @p c has none
 *  (a control byte then takes \u00XX). */
char ktk_bytes_json_escape(unsigned char c);

/** @brief The byte JSON's escape letter @p l stands for (" \ / b f n r t),
 *  or -1 when "\l" is not a two-character escape (u is not: it has hex). */
int ktk_bytes_json_unescape(char l);

/** @brief Unescape @p s into @p dst (at least strlen(s) + 1 bytes):
 *  \n \t \r \0 \\ \xNN, other bytes as they are. @returns the length
 *  (dst may hold NUL bytes), or -1 for a malformed escape. */
long ktk_bytes_unescape(const char *s, char *dst);

#endif
