/* SPDX-License-Identifier: Apache-2.0 */
/* buffer.h -- the growable byte buffer that everything appends to: the
 * consumer's formatters, the codecs' output, the message-schema JSON and
 * ktk-dump-log's output.
 *
 * A zero-initialised buffer is empty and ready. The hot appenders are
 * inline. A buffer only grows (by doubling) when a single append does not
 * fit; the owner empties it (len = 0) after writing it out, so its size
 * stays bounded by the largest record plus the flush threshold. When an
 * allocation fails, the append that needed it is dropped and oom is set;
 * it stays set (no growth is tried again) until ktk_buffer_clear(). Bytes
 * are char; p[0..len) may hold any byte value.
 */
#ifndef KTK_BASE_BUFFER_H
#define KTK_BASE_BUFFER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct ktk_buffer {
	char *p;
	size_t len, cap;
	int oom; /* an allocation failed (that append was dropped) */
};

/** @brief Initialise @p b with room for @p cap bytes (0: a default). */
void ktk_buffer_init(struct ktk_buffer *b, size_t cap);

/** @brief Free @p b's memory (it is then empty, as zero-initialised). */
void ktk_buffer_free(struct ktk_buffer *b);

/** @brief Make room for @p n more bytes. @returns 0, or -1 (and sets
 *  b->oom) when memory runs out. */
int ktk_buffer_grow(struct ktk_buffer *b, size_t n);

/** @brief Room for one more element in an array that grows by doubling:
 *  @p arrp points to the array's pointer, @p n elements of @p size bytes
 *  are in it and @p *cap fit. When it is full it is reallocated to twice
 *  @p *cap elements (@p first the first time) and @p *cap updated.
 *  @returns 0, or -1 when memory runs out (the array is then as it was). */
int ktk_buffer_grow_array(void *arrp, size_t n, size_t *cap, size_t size,
			  size_t first);

/** @brief Empty @p b and forget an earlier allocation failure. */
static inline void ktk_buffer_clear(struct ktk_buffer *b)
{
	b->len = 0;
	b->oom = 0;
}

/** @brief Ensure @p n (> 0) free bytes. @returns a pointer to them or
 *  NULL. */
static inline char *ktk_buffer_room(struct ktk_buffer *b, size_t n)
{
	if (b->cap - b->len < n && ktk_buffer_grow(b, n) == -1)
		return NULL;
	return b->p + b->len;
}

/** @brief Ensure @p n free bytes after len (and memory behind b->p even
 *  when @p n is 0). @returns 0, -1 (memory). */
static inline int ktk_buffer_reserve(struct ktk_buffer *b, size_t n)
{
	if (b->cap - b->len >= n && b->p != NULL)
		return 0;
	return ktk_buffer_grow(b, n);
}

/** @brief Append @p n bytes of @p s. */
static inline void ktk_buffer_put(struct ktk_buffer *b, const void *s, size_t n)
{
	char *d;

	if (n > 0 && (d = ktk_buffer_room(b, n)) != NULL) {
		memcpy(d, s, n);
		b->len += n;
	}
}

/* a string literal, without strlen */
#define KTK_BUFFER_PUTL(b, lit) ktk_buffer_put(b, lit, sizeof(lit) - 1)

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

/* the room ktk_buffer_fmt_i64() needs: "-9223372036854775808" */
#define KTK_BUFFER_I64_MAX 20

/** @brief Write the decimal text of @p v at @p q (room for 20 bytes).
 *  @returns the end of the text. */
char *ktk_buffer_fmt_i64(char *q, int64_t v);

/** @brief Append the decimal text of @p v. */
static inline void ktk_buffer_put_i64(struct ktk_buffer *b, int64_t v)
{
	char *d = ktk_buffer_room(b, 20);

	if (d != NULL)
		b->len = (size_t)(ktk_buffer_fmt_i64(d, v) - b->p);
}

/** @brief Append @p s[0..n) with invalid UTF-8 replaced by U+FFFD as
 *  Java's new String(bytes, UTF_8) does (JDK 17: the length of a
 *  malformed sequence is what Java skips). */
void ktk_buffer_put_utf8(struct ktk_buffer *b, const void *s, size_t n);

/** @brief NUL-terminate the contents (the NUL is not counted in len).
 *  @returns b->p, or "" when there is no memory. */
const char *ktk_buffer_cstr(struct ktk_buffer *b);

#endif
