/* SPDX-License-Identifier: Apache-2.0 */
/* strv.c -- arrays of owned C strings; see strv.h. */
#include "lib/base/strv.h"

#include <stdlib.h>

void ktk_strv_free(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
