/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for lib/base/strv.c: an array of owned strings freed whole
 * (ASan says whether anything is left or freed twice), and none at all. */
#include <stdlib.h>
#include <string.h>

#include "lib/base/strv.h"
#include "tests/unit/unit.h"

static void t_free(void)
{
	char **v = calloc(3, sizeof(*v));

	CHECK(v != NULL);
	if (v == NULL)
		return;
	v[0] = strdup("a");
	v[1] = strdup("b");
	v[2] = NULL; /* a slot not filled yet */
	ktk_strv_free(v, 3);
	ktk_strv_free(NULL, 0);
	ktk_strv_free(NULL, 5);
}

int main(void)
{
	RUN(t_free);
	return unit_done();
}
