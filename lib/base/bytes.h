/* SPDX-License-Identifier: Apache-2.0 */
/* bytes.h -- byte-string helpers shared by the readers and formatters:
 * base64 (RFC 4648, with padding), UTF-8 validation, hex, and C-style
 * escapes in command-line delimiters ("\n", "\t", "\r", "\0", "\xNN", "\\").
 */
#ifndef KTK_BASE_BYTES_H
#define KTK_BASE_BYTES_H

#include <stddef.h>

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

/** @brief Write the lower-case hex of @p src[0..n) to @p dst (2n + 1). */
void ktk_bytes_hex_encode(const void *src, size_t n, char *dst);

/** @brief The value of the hex digit @p c (0-9, a-f, A-F), or -1. */
int ktk_bytes_hex_digit(char c);

/** @brief Unescape @p s into @p dst (at least strlen(s) + 1 bytes):
 *  \n \t \r \0 \\ \xNN, other bytes as they are. @returns the length
 *  (dst may hold NUL bytes), or -1 for a malformed escape. */
long ktk_bytes_unescape(const char *s, char *dst);

#endif
