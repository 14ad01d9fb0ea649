/* wbuf.h -- a growable output byte buffer that formatters append to.
 *
 * The hot appenders are inline. A buffer only grows (by doubling) when a
 * single append does not fit; the owner empties it (len = 0) after writing
 * it out, so its size stays bounded by the largest record plus the flush
 * threshold.
 */
#ifndef KTK_WBUF_H
#define KTK_WBUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct ktk_wbuf {
	char *p;
	size_t len, cap;
	int oom; /* an allocation failed; appends since are dropped */
};

/** @brief Initialise @p b with room for @p cap bytes (0: a default). */
void ktk_wbuf_init(struct ktk_wbuf *b, size_t cap);

/** @brief Free @p b's memory. */
void ktk_wbuf_free(struct ktk_wbuf *b);

/** @brief Make room for @p n more bytes. @returns 0, or -1 (and sets
 *  b->oom) when memory runs out. */
int ktk_wbuf_grow(struct ktk_wbuf *b, size_t n);

/** @brief Ensure @p n free bytes. @returns a pointer to them or NULL. */
static inline char *ktk_wbuf_room(struct ktk_wbuf *b, size_t n)
{
	if (b->cap - b->len < n && ktk_wbuf_grow(b, n) == -1)
		return NULL;
	return b->p + b->len;
}

/** @brief Append @p n bytes of @p s. */
static inline void ktk_wbuf_put(struct ktk_wbuf *b, const void *s, size_t n)
{
	char *d = ktk_wbuf_room(b, n);

	if (d != NULL && n > 0) {
		memcpy(d, s, n);
		b->len += n;
	}
}

/** @brief Append one byte. */
static inline void ktk_wbuf_putc(struct ktk_wbuf *b, char c)
{
	char *d = ktk_wbuf_room(b, 1);

	if (d != NULL) {
		*d = c;
		b->len++;
	}
}

/** @brief Append a NUL-terminated string. */
static inline void ktk_wbuf_puts(struct ktk_wbuf *b, const char *s)
{
	ktk_wbuf_put(b, s, strlen(s));
}

/** @brief Append the decimal text of @p v. */
void ktk_wbuf_put_i64(struct ktk_wbuf *b, int64_t v);

#endif
