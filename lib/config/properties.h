/* SPDX-License-Identifier: Apache-2.0 */
/* properties.h -- Java .properties parser (java.util.Properties.load rules).
 *
 * Natural lines end at \n, \r or \r\n. A line whose first non-blank
 * character is # or ! is a comment. A line ending in an odd number of
 * backslashes continues on the next, whose leading blanks are dropped. The
 * key ends at the first unescaped '=', ':' or blank; blanks around the
 * separator are dropped. Escapes: \t \n \r \f, \uXXXX (written as UTF-8,
 * surrogate pairs joined), and \c for any other c. Bytes are passed
 * through unchanged (ktk reads properties files as UTF-8, where Java reads
 * ISO-8859-1). With KTK_PROPERTIES_SECTIONS, a line "[name]" is a section.
 */
#ifndef KTK_CONFIG_PROPERTIES_H
#define KTK_CONFIG_PROPERTIES_H

#include <stddef.h>

#include "lib/base/err.h"

#define KTK_PROPERTIES_SECTIONS 0x1

/* The largest properties file read (1 MiB): configuration, even with
 * inline PEM certificates, is far smaller; a bigger file is a mistake
 * (--command-config /dev/zero). */
#define KTK_PROPERTIES_MAX (1 << 20)

/** @brief Called for each property; @p key is NULL for a section header
 *  (then @p val is its name). Strings live until the callback returns.
 *  @returns 0 to go on, -1 to stop (with the callback's error set). */
typedef int (*ktk_properties_cb)(void *ctx, const char *key, const char *val,
			    int line, struct ktk_err *err);

/** @brief Parse @p len bytes of @p buf. @returns 0, or -1 with @p err set
 *  (KTK_EXIT_CONFIG, "line N: ...") or the callback's error. */
int ktk_properties_parse(const char *buf, size_t len, unsigned flags,
		    ktk_properties_cb cb, void *ctx, struct ktk_err *err);

/** @brief Read and parse the file @p path. Errors name the file; a file
 *  larger than KTK_PROPERTIES_MAX is an error (KTK_EXIT_CONFIG). */
int ktk_properties_load(const char *path, unsigned flags, ktk_properties_cb cb,
		   void *ctx, struct ktk_err *err);

#endif
