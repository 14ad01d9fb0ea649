/* SPDX-License-Identifier: Apache-2.0 */
/* properties.c -- Java .properties parser; the rules are in properties.h. */
#include "lib/config/properties.h"

#include "lib/base/bytes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sbuf {
	char *p;
	size_t n, cap;
};

static int sb_put(struct sbuf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		char *np;

		while (cap < b->n + n + 1)
			cap *= 2;
		np = realloc(b->p, cap);
		if (np == NULL)
			return -1;
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
	return 0;
}

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

static size_t utf8_put(unsigned cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Join one logical line (continuations resolved, escapes kept) from
 * buf[*pos..]. Sets *line to the number of its first natural line. */
static int logical_line(const char *buf, size_t len, size_t *pos, int *lineno,
			struct sbuf *out)
{
	int first = 1;

	out->n = 0;
	if (sb_put(out, "", 0) == -1)
		return -1;
	while (*pos < len) {
		size_t s = *pos, e = s, bs = 0;

		if (!first)
			while (s < len && is_blank(buf[s]))
				s++;
		e = s;
		while (e < len && buf[e] != '\n' && buf[e] != '\r')
			e++;
		/* next natural line starts after \n, \r or \r\n */
		*pos = e;
		if (*pos < len && buf[*pos] == '\r')
			(*pos)++;
		if (*pos < len && buf[*pos] == '\n' &&
		    (*pos == e || buf[*pos - 1] == '\r'))
			(*pos)++;
		(*lineno)++;
		/* a comment or blank line only counts as such at the start */
		if (first) {
			size_t t = s;
			while (t < e && is_blank(buf[t]))
				t++;
			if (t == e || buf[t] == '#' || buf[t] == '!')
				continue;
			s = t;
		}
		while (bs < e - s && buf[e - 1 - bs] == '\\')
			bs++;
		if (bs % 2 == 1) {
			if (sb_put(out, buf + s, e - s - 1) == -1)
				return -1;
			first = 0;
			continue;
		}
		if (sb_put(out, buf + s, e - s) == -1)
			return -1;
		return 1;
	}
	return first ? 0 : 1;
}

/* Unescape src[0..n) into out. */
static int unescape(const char *src, size_t n, struct sbuf *out, int lineno,
		    struct ktk_err *err)
{
	size_t i;

	out->n = 0;
	if (sb_put(out, "", 0) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		char c = src[i];

		if (c != '\\') {
			if (sb_put(out, &c, 1) == -1)
				return -1;
			continue;
		}
		if (++i >= n)
			break; /* a lone trailing backslash is dropped */
		c = src[i];
		switch (c) {
		case 't':
			c = '\t';
			break;
		case 'n':
			c = '\n';
			break;
		case 'r':
			c = '\r';
			break;
		case 'f':
			c = '\f';
			break;
		case 'u': {
			unsigned cp = 0;
			char u8[4];
			int k;

			for (k = 0; k < 4; k++) {
				int h = i + 1 + k < n ? ktk_bytes_hex_digit(src[i + 1 + k])
						      : -1;
				if (h < 0)
					return ktk_err_set(
						err, KTK_EXIT_CONFIG,
						"line %d: malformed \\uXXXX "
						"escape",
						lineno);
				cp = cp * 16 + (unsigned)h;
			}
			i += 4;
			/* join a UTF-16 surrogate pair */
			if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < n &&
			    src[i + 1] == '\\' && src[i + 2] == 'u') {
				unsigned lo = 0;
				int ok = 1;

				for (k = 0; k < 4; k++) {
					int h = ktk_bytes_hex_digit(src[i + 3 + k]);
					if (h < 0)
						ok = 0;
					lo = lo * 16 + (unsigned)(h < 0 ? 0 : h);
				}
				if (ok && lo >= 0xDC00 && lo < 0xE000) {
					cp = 0x10000 + ((cp - 0xD800) << 10) +
					     (lo - 0xDC00);
					i += 6;
				}
			}
			if (sb_put(out, u8, utf8_put(cp, u8)) == -1)
				return -1;
			continue;
		}
		default:
			break;
		}
		if (sb_put(out, &c, 1) == -1)
			return -1;
	}
	return 0;
}

int ktk_properties_parse(const char *buf, size_t len, unsigned flags,
		    ktk_properties_cb cb, void *ctx, struct ktk_err *err)
{
	struct sbuf line = {0}, key = {0}, val = {0};
	size_t pos = 0;
	int lineno = 0, rc = 0;

	for (;;) {
		size_t i, ks, ke, vs;
		const char *l;
		int r;

		r = logical_line(buf, len, &pos, &lineno, &line);
		if (r <= 0) {
			if (r < 0)
				rc = ktk_err_set(err, KTK_EXIT_SOFTWARE,
						 "out of memory");
			break;
		}
		l = line.p;
		if ((flags & KTK_PROPERTIES_SECTIONS) && l[0] == '[') {
			size_t e = line.n;
			while (e > 0 && is_blank(l[e - 1]))
				e--;
			if (e < 2 || l[e - 1] != ']') {
				rc = ktk_err_set(err, KTK_EXIT_CONFIG,
						 "line %d: section header "
						 "without ']'",
						 lineno);
				break;
			}
			if (unescape(l + 1, e - 2, &val, lineno, err) == -1) {
				rc = -1;
				break;
			}
			if (cb(ctx, NULL, val.p, lineno, err) == -1) {
				rc = -1;
				break;
			}
			continue;
		}
		ks = 0;
		for (i = 0; i < line.n; i++) {
			if (l[i] == '\\') {
				i++;
				continue;
			}
			if (l[i] == '=' || l[i] == ':' || is_blank(l[i]))
				break;
		}
		ke = i < line.n ? i : line.n;
		vs = ke;
		while (vs < line.n && is_blank(l[vs]))
			vs++;
		if (vs < line.n && (l[vs] == '=' || l[vs] == ':')) {
			vs++;
			while (vs < line.n && is_blank(l[vs]))
				vs++;
		}
		if (unescape(l + ks, ke - ks, &key, lineno, err) == -1 ||
		    unescape(l + vs, line.n - vs, &val, lineno, err) == -1) {
			rc = -1;
			break;
		}
		if (cb(ctx, key.p, val.p, lineno, err) == -1) {
			rc = -1;
			break;
		}
	}
	free(line.p);
	free(key.p);
	free(val.p);
	return rc;
}

int ktk_properties_load(const char *path, unsigned flags, ktk_properties_cb cb,
		   void *ctx, struct ktk_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (f == NULL)
		return ktk_err_set(err, KTK_EXIT_CONFIG, "%s: %s", path,
				   strerror(errno));
	for (;;) {
		size_t r;

		if (n + 4096 > cap) {
			char *nb;

			cap = cap ? cap * 2 : 8192;
			if (cap > KTK_PROPERTIES_MAX + 1)
				cap = KTK_PROPERTIES_MAX + 1;
			nb = realloc(buf, cap);
			if (nb == NULL) {
				free(buf);
				fclose(f);
				return ktk_err_set(err, KTK_EXIT_SOFTWARE,
						   "out of memory");
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0 || n > KTK_PROPERTIES_MAX)
			break;
	}
	if (n > KTK_PROPERTIES_MAX) {
		rc = ktk_err_set(err, KTK_EXIT_CONFIG,
				 "%s: larger than %d MiB: not a properties "
				 "file",
				 path, KTK_PROPERTIES_MAX >> 20);
	} else if (ferror(f)) {
		rc = ktk_err_set(err, KTK_EXIT_CONFIG, "%s: %s", path,
				 strerror(errno));
	} else {
		rc = ktk_properties_parse(buf, n, flags, cb, ctx, err);
		if (rc == -1)
			ktk_err_prefix(err, "%s: ", path);
	}
	free(buf);
	fclose(f);
	return rc;
}
