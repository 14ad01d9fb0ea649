/* SPDX-License-Identifier: Apache-2.0 */
/* formatter_setup.h -- choose and configure ktk-consumer's output: JSON
 * lines (-J), a kcat-style format string (-f), or Kafka's
 * DefaultMessageFormatter with its properties (--formatter-config, then
 * --property in order) and kcat's -K/-D/-Z on top. No bytes are read
 * here; the chosen writer is a callback over a struct ktk_record_view. */
#ifndef KTK_OUTPUT_FORMATTER_SETUP_H
#define KTK_OUTPUT_FORMATTER_SETUP_H

#include "lib/base/buffer.h"
#include "lib/base/err.h"
#include "lib/base/record_view.h"
#include "lib/output/default_formatter.h"
#include "lib/output/format_string.h"

struct ktk_formatter_setup {
	/* what the options asked for */
	int json;                   /* -J */
	const char *format;         /* -f */
	const char *config;         /* --formatter-config (read by the caller) */
	const char **props;         /* --property KEY=VALUE, in order */
	int nprops;
	const char *key_delim, *delim; /* -K, -D */
	int null_word;                 /* -Z */
	/* what ktk_formatter_setup_open() chose */
	void (*write)(void *ctx, const struct ktk_record_view *r,
		      struct ktk_buffer *b);
	void *write_ctx;
	int need_headers;
	struct ktk_default_formatter kfmt;
	struct ktk_format_string fmtstr;
};

/** @brief Zero @p s and set up its DefaultMessageFormatter's defaults.
 *  @returns 0, or -1 with @p err set. */
int ktk_formatter_setup_init(struct ktk_formatter_setup *s,
			     struct ktk_err *err);

/** @brief One output at most: -f, -J, or the formatter's properties.
 *  @returns 0, or -1 with @p err set (KTK_EXIT_USAGE). */
int ktk_formatter_setup_check(const struct ktk_formatter_setup *s,
			      struct ktk_err *err);

/** @brief A properties-file callback (lib/config/properties.h) setting one
 *  formatter property; @p ctx is the struct ktk_formatter_setup. */
int ktk_formatter_setup_prop(void *ctx, const char *key, const char *val,
			     int line, struct ktk_err *err);

/** @brief Choose the writer: compile -f, or apply --property and -K/-D/-Z
 *  to the DefaultMessageFormatter (after --formatter-config's properties).
 *  @returns 0, or -1 with @p err set. */
int ktk_formatter_setup_open(struct ktk_formatter_setup *s,
			     struct ktk_err *err);

/** @brief Free what @p s holds. */
void ktk_formatter_setup_free(struct ktk_formatter_setup *s);

#endif
