/* SPDX-License-Identifier: Apache-2.0 */
/* names.c -- name tables; see names.h. */
#include "lib/base/names.h"

#include <string.h>
#include <strings.h>

const struct ktk_name_value *ktk_names_find(const struct ktk_name_value *t,
					    size_t n, const char *name,
					    int nocase)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((nocase ? strcasecmp(name, t[i].name)
			    : strcmp(name, t[i].name)) == 0)
			return &t[i];
	return NULL;
}
