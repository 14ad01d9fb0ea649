/* SPDX-License-Identifier: Apache-2.0 */
/* default_formatter.c -- Kafka's DefaultMessageFormatter; see default_formatter.h. */
#include "lib/output/default_formatter.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/base/bytes.h"
#include "lib/base/names.h"

static int set_str(char **dst, size_t *len, const char *val,
		   struct ktk_err *err)
{
	char *s = strdup(val);

	if (s == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	free(*dst);
	*dst = s;
	*len = strlen(s);
	return 0;
}

/* The formatter's string properties: each one's name, Kafka's default and
 * where it lives; one table for init (the defaults), set and free. */
static const struct {
	const char *name, *deflt;
	size_t str, len; /* offsets of the string and its length */
} strs[] = {
	{"key.separator", "\t", offsetof(struct ktk_default_formatter, key_sep),
	 offsetof(struct ktk_default_formatter, key_sep_len)},
	{"line.separator", "\n", offsetof(struct ktk_default_formatter, line_sep),
	 offsetof(struct ktk_default_formatter, line_sep_len)},
	{"headers.separator", ",",
	 offsetof(struct ktk_default_formatter, headers_sep),
	 offsetof(struct ktk_default_formatter, headers_sep_len)},
	{"null.literal", "null", offsetof(struct ktk_default_formatter, null_lit),
	 offsetof(struct ktk_default_formatter, null_lit_len)},
};

/* string property @p i of @p f set to @p val */
static int set_prop(struct ktk_default_formatter *f, size_t i,
		    const char *val, struct ktk_err *err)
{
	return set_str((char **)((char *)f + strs[i].str),
		       (size_t *)((char *)f + strs[i].len), val, err);
}

int ktk_default_formatter_init(struct ktk_default_formatter *f, struct ktk_err *err)
{
	size_t i;

	memset(f, 0, sizeof(*f));
	f->print = KTK_DEFAULT_FORMATTER_VALUE;
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if (set_prop(f, i, strs[i].deflt, err) == -1) {
			ktk_default_formatter_free(f);
			return -1;
		}
	return 0;
}

void ktk_default_formatter_free(struct ktk_default_formatter *f)
{
	size_t i;

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		free(*(char **)((char *)f + strs[i].str));
	memset(f, 0, sizeof(*f));
}

/* Java: value.trim().equalsIgnoreCase("true") */
static int java_true(const char *v)
{
	size_t n;

	while (*v && (unsigned char)*v <= ' ')
		v++;
	n = strlen(v);
	while (n > 0 && (unsigned char)v[n - 1] <= ' ')
		n--;
	return n == 4 && strncasecmp(v, "true", 4) == 0;
}

static const struct ktk_name_value flags[] = {
	{"print.timestamp", KTK_DEFAULT_FORMATTER_TIMESTAMP},
	{"print.partition", KTK_DEFAULT_FORMATTER_PARTITION},
	{"print.offset", KTK_DEFAULT_FORMATTER_OFFSET},
	{"print.delivery", KTK_DEFAULT_FORMATTER_DELIVERY},
	{"print.epoch", KTK_DEFAULT_FORMATTER_EPOCH},
	{"print.headers", KTK_DEFAULT_FORMATTER_HEADERS},
	{"print.key", KTK_DEFAULT_FORMATTER_KEY},
	{"print.value", KTK_DEFAULT_FORMATTER_VALUE},
};

/* deserializers that hand the bytes on unchanged */
static int plain_deserializer(const char *v)
{
	const char *dot = strrchr(v, '.');
	const char *base = dot ? dot + 1 : v;

	return strcmp(base, "StringDeserializer") == 0 ||
	       strcmp(base, "ByteArrayDeserializer") == 0 ||
	       strcmp(base, "BytesDeserializer") == 0;
}

int ktk_default_formatter_set(struct ktk_default_formatter *f, const char *key, const char *val,
		 struct ktk_err *err)
{
	const struct ktk_name_value *fl =
		ktk_names_find(flags, KTK_NAMES_N(flags), key, 0);
	size_t i;

	if (fl != NULL) {
		if (java_true(val))
			f->print |= (unsigned)fl->value;
		else
			f->print &= ~(unsigned)fl->value;
		return 0;
	}
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if (strcmp(key, strs[i].name) == 0)
			return set_prop(f, i, val, err);
	if (strcmp(key, "key.deserializer") == 0 ||
	    strcmp(key, "value.deserializer") == 0 ||
	    strcmp(key, "headers.deserializer") == 0) {
		if (plain_deserializer(val))
			return 0;
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "formatter property %s: only "
				   "StringDeserializer and ByteArrayDeserializer "
				   "are supported, not '%s'",
				   key, val);
	}
	return ktk_err_set(err, KTK_EXIT_USAGE,
			   "unknown formatter property '%s' (see "
			   "ktk-consumer(1), FORMATTER PROPERTIES)",
			   key);
}

int ktk_default_formatter_set_bytes(struct ktk_default_formatter *f,
				    const char *key, const char *val,
				    size_t len, struct ktk_err *err)
{
	char **dst = strcmp(key, "key.separator") == 0	   ? &f->key_sep
		     : strcmp(key, "line.separator") == 0	   ? &f->line_sep
		     : strcmp(key, "headers.separator") == 0 ? &f->headers_sep
		     : strcmp(key, "null.literal") == 0	   ? &f->null_lit
							   : NULL;
	size_t *dlen = dst == &f->key_sep	    ? &f->key_sep_len
		       : dst == &f->line_sep    ? &f->line_sep_len
		       : dst == &f->headers_sep ? &f->headers_sep_len
						: &f->null_lit_len;
	char *s;

	if (dst == NULL)
		return ktk_default_formatter_set(f, key, val, err);
	if ((s = malloc(len + 1)) == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	memcpy(s, val, len);
	s[len] = '\0';
	free(*dst);
	*dst = s;
	*dlen = len;
	return 0;
}

static void put_nullable(const struct ktk_default_formatter *f, struct ktk_buffer *b,
			 const void *p, size_t n)
{
	if (p == NULL)
		ktk_buffer_put(b, f->null_lit, f->null_lit_len);
	else
		ktk_buffer_put(b, p, n);
}

/* the separator after a field: key.separator if any later field prints */
static void sep(const struct ktk_default_formatter *f, struct ktk_buffer *b, unsigned bit)
{
	if (f->print & ~((bit << 1) - 1))
		ktk_buffer_put(b, f->key_sep, f->key_sep_len);
	else
		ktk_buffer_put(b, f->line_sep, f->line_sep_len);
}

void ktk_default_formatter_write(const struct ktk_default_formatter *f, const struct ktk_record_view *r,
		    struct ktk_buffer *b)
{
	unsigned p = f->print;
	size_t i;

	if (p == KTK_DEFAULT_FORMATTER_VALUE) { /* the common case */
		put_nullable(f, b, r->value, r->value_len);
		ktk_buffer_put(b, f->line_sep, f->line_sep_len);
		return;
	}
	if (p & KTK_DEFAULT_FORMATTER_TIMESTAMP) {
		if (r->tstype == KTK_TS_NONE) {
			ktk_buffer_puts(b, "NO_TIMESTAMP");
		} else {
			ktk_buffer_puts(b, ktk_record_view_tstype_name(r->tstype));
			ktk_buffer_putc(b, ':');
			ktk_buffer_put_i64(b, r->timestamp);
		}
		sep(f, b, KTK_DEFAULT_FORMATTER_TIMESTAMP);
	}
	if (p & KTK_DEFAULT_FORMATTER_PARTITION) {
		ktk_buffer_puts(b, "Partition:");
		ktk_buffer_put_i64(b, r->partition);
		sep(f, b, KTK_DEFAULT_FORMATTER_PARTITION);
	}
	if (p & KTK_DEFAULT_FORMATTER_OFFSET) {
		ktk_buffer_puts(b, "Offset:");
		ktk_buffer_put_i64(b, r->offset);
		sep(f, b, KTK_DEFAULT_FORMATTER_OFFSET);
	}
	if (p & KTK_DEFAULT_FORMATTER_DELIVERY) {
		ktk_buffer_puts(b, "Delivery:NOT_PRESENT");
		sep(f, b, KTK_DEFAULT_FORMATTER_DELIVERY);
	}
	if (p & KTK_DEFAULT_FORMATTER_EPOCH) {
		ktk_buffer_puts(b, "Epoch:");
		if (r->leader_epoch >= 0)
			ktk_buffer_put_i64(b, r->leader_epoch);
		else
			ktk_buffer_puts(b, "NOT_PRESENT");
		sep(f, b, KTK_DEFAULT_FORMATTER_EPOCH);
	}
	if (p & KTK_DEFAULT_FORMATTER_HEADERS) {
		if (r->header_cnt == 0)
			ktk_buffer_puts(b, "NO_HEADERS");
		for (i = 0; i < r->header_cnt; i++) {
			const struct ktk_header *h = &r->headers[i];

			if (i > 0)
				ktk_buffer_put(b, f->headers_sep,
					     f->headers_sep_len);
			ktk_buffer_put(b, h->name, h->name_len);
			ktk_buffer_putc(b, ':');
			put_nullable(f, b, h->value, h->value_len);
		}
		sep(f, b, KTK_DEFAULT_FORMATTER_HEADERS);
	}
	if (p & KTK_DEFAULT_FORMATTER_KEY) {
		put_nullable(f, b, r->key, r->key_len);
		sep(f, b, KTK_DEFAULT_FORMATTER_KEY);
	}
	if (p & KTK_DEFAULT_FORMATTER_VALUE) {
		put_nullable(f, b, r->value, r->value_len);
		ktk_buffer_put(b, f->line_sep, f->line_sep_len);
	}
}

/* kcat's -K SEP, -D SEP and -Z as properties; see default_formatter.h */
int ktk_default_formatter_kcat(struct ktk_default_formatter *f,
			       const char *key_delim, const char *delim,
			       int null_word, struct ktk_err *err)
{
	const char *flag[2] = {"-K", "-D"}, *arg[2] = {key_delim, delim};
	const char *key[2] = {"key.separator", "line.separator"};
	int i;

	for (i = 0; i < 2; i++) {
		char *buf;
		long n;

		if (arg[i] == NULL)
			continue;
		if ((buf = malloc(strlen(arg[i]) + 1)) == NULL)
			return ktk_err_set(err, KTK_EXIT_SOFTWARE,
					   "out of memory");
		n = ktk_bytes_unescape(arg[i], buf);
		if (n < 0) {
			free(buf);
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "%s '%s': bad escape (use \\n \\t "
					   "\\r \\0 \\\\ \\xNN)",
					   flag[i], arg[i]);
		}
		if (ktk_default_formatter_set_bytes(f, key[i], buf,
						    (size_t)n, err) == -1) {
			free(buf);
			return -1;
		}
		free(buf);
	}
	if (key_delim != NULL &&
	    ktk_default_formatter_set(f, "print.key", "true", err) == -1)
		return -1;
	if (null_word &&
	    ktk_default_formatter_set(f, "null.literal", "NULL", err) ==
		    -1)
		return -1;
	return 0;
}
