/* SPDX-License-Identifier: Apache-2.0 */
/* buffer.h -- a growable output byte buffer that formatters append to.
 *
 * The hot appenders are inline. A buffer only grows (by doubling) when a
 * single append does not fit; the owner empties it (len = 0) after writing
 * it out, so its size stays bounded by the largest record plus the flush
 * threshold.
 */
#ifndef KTK_BASE_BUFFER_H
#define KTK_BASE_BUFFER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct ktk_buffer {
	char *p;
	size_t len, cap;
	int oom; /* an allocation failed; appends since are dropped */
};

/** @brief Initialise @p b with room for @p cap bytes (0: a default). */
void ktk_buffer_init(struct ktk_buffer *b, size_t cap);

/** @brief Free @p b's memory. */
void ktk_buffer_free(struct ktk_buffer *b);

/** @brief Make room for @p n more bytes. @returns 0, or -1 (and sets
 *  b->oom) when memory runs out. */
int ktk_buffer_grow(struct ktk_buffer *b, size_t n);

/** @brief Ensure @p n free bytes. @returns a pointer to them or NULL. */
static inline char *ktk_buffer_room(struct ktk_buffer *b, size_t n)
{
	if (b->cap - b->len < n && ktk_buffer_grow(b, n) == -1)
		return NULL;
	return b->p + b->len;
}

/** @brief Append @p n bytes of @p s. */
static inline void ktk_buffer_put(struct ktk_buffer *b, const void *s, size_t n)
{
	char *d = ktk_buffer_room(b, n);

	if (d != NULL && n > 0) {
		memcpy(d, s, n);
		b->len += n;
	}
}

/** @brief Append one byte. */
static inline void ktk_buffer_putc(struct ktk_buffer *b, char c)
{
	char *d = ktk_buffer_room(b, 1);

	if (d != NULL) {
		*d = c;
		b->len++;
	}
}

/** @brief Append a NUL-terminated string. */
static inline void ktk_buffer_puts(struct ktk_buffer *b, const char *s)
{
	ktk_buffer_put(b, s, strlen(s));
}

/* the room ktk_buffer_write_i64() needs: the longest decimal text of an
 * int64_t ("-9223372036854775808", 20 bytes) and what it may write past
 * the end of a shorter one */
#define KTK_BUFFER_I64_MAX 24

/** @brief Write the decimal text of @p v at @p d, which has room for
 *  KTK_BUFFER_I64_MAX bytes (those after the text may be overwritten).
 *  @returns the end of the text. */
char *ktk_buffer_write_i64(char *d, int64_t v);

/** @brief Append the decimal text of @p v. */
void ktk_buffer_put_i64(struct ktk_buffer *b, int64_t v);

#endif
