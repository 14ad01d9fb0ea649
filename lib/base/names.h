/* SPDX-License-Identifier: Apache-2.0 */
/* names.h -- tables of names and the numbers they stand for (offset
 * words, formatter properties, format-string tokens): one entry type and
 * one lookup for all of them. */
#ifndef KTK_BASE_NAMES_H
#define KTK_BASE_NAMES_H

#include <stddef.h>

/** @brief One name and the number it stands for. */
struct ktk_name_value {
	const char *name;
	int value;
};

/* the number of entries of a table that is an array */
#define KTK_NAMES_N(t) (sizeof(t) / sizeof((t)[0]))

/** @brief The entry of the @p n entries @p t named @p name (case ignored
 *  with @p nocase), or NULL. */
const struct ktk_name_value *ktk_names_find(const struct ktk_name_value *t,
					    size_t n, const char *name,
					    int nocase);

#endif
