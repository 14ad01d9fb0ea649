/* SPDX-License-Identifier: Apache-2.0 */
/* formatter_setup.c -- ktk-consumer's output choice (formatter_setup.h):
 * JSON lines, a format string, or the DefaultMessageFormatter configured
 * from KEY=VALUE properties and kcat's -K/-D/-Z. Reads no bytes; writes
 * through lib/output/json.c, format_string.c or default_formatter.c. */
#include "lib/output/formatter_setup.h"

#include <stdio.h>
#include <string.h>

#include "lib/output/json.h"

static void write_kafka(void *ctx, const struct ktk_record_view *r,
			struct ktk_buffer *b)
{
	ktk_default_formatter_write(ctx, r, b);
}

static void write_string(void *ctx, const struct ktk_record_view *r,
			 struct ktk_buffer *b)
{
	ktk_format_string_write(ctx, r, b);
}

static void write_json(void *ctx, const struct ktk_record_view *r,
		       struct ktk_buffer *b)
{
	(void)ctx;
	ktk_json_put_record(b, r);
	ktk_buffer_putc(b, '\n');
}

int ktk_formatter_setup_init(struct ktk_formatter_setup *s,
			     struct ktk_err *err)
{
	memset(s, 0, sizeof(*s));
	return ktk_default_formatter_init(&s->kfmt, err);
}

int ktk_formatter_setup_check(const struct ktk_formatter_setup *s,
			      struct ktk_err *err)
{
	if ((s->format != NULL) + s->json +
		    (s->nprops > 0 || s->config != NULL || s->key_delim ||
		     s->delim || s->null_word) >
	    1)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "%s and %s cannot be used together",
				   "--format, --json",
				   "--property/--formatter-config/-K/-D/-Z");
	return 0;
}

int ktk_formatter_setup_prop(void *ctx, const char *key, const char *val,
			     int line, struct ktk_err *err)
{
	struct ktk_formatter_setup *s = ctx;

	(void)line;
	if (key == NULL)
		return 0;
	return ktk_default_formatter_set(&s->kfmt, key, val, err);
}

int ktk_formatter_setup_open(struct ktk_formatter_setup *s,
			     struct ktk_err *err)
{
	int i;

	if (s->json) {
		s->write = write_json;
		s->need_headers = 1;
		return 0;
	}
	if (s->format != NULL) {
		if (ktk_format_string_compile(&s->fmtstr, s->format, err) == -1)
			return -1;
		s->write = write_string;
		s->write_ctx = &s->fmtstr;
		s->need_headers = ktk_format_string_uses_headers(&s->fmtstr);
		return 0;
	}
	for (i = 0; i < s->nprops; i++) {
		char key[256];
		const char *eq = strchr(s->props[i], '=');

		snprintf(key, sizeof(key), "%.*s", (int)(eq - s->props[i]),
			 s->props[i]);
		if (ktk_default_formatter_set(&s->kfmt, key, eq + 1, err) == -1)
			return -1;
	}
	if (ktk_default_formatter_kcat(&s->kfmt, s->key_delim, s->delim,
				       s->null_word, err) == -1)
		return -1;
	s->write = write_kafka;
	s->write_ctx = &s->kfmt;
	s->need_headers = (s->kfmt.print & KTK_DEFAULT_FORMATTER_HEADERS) != 0;
	return 0;
}

void ktk_formatter_setup_free(struct ktk_formatter_setup *s)
{
	ktk_default_formatter_free(&s->kfmt);
	ktk_format_string_free(&s->fmtstr);
}
