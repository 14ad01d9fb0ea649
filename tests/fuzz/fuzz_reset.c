/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_reset -- ktk-groups' reset planner on arbitrary text
 * (lib/groups/reset.c): --from-file CSV plans in both forms (with one
 * --group and without), --to-datetime and --by-duration. Every plan that
 * parses is written back as --export writes it and parsed again: the same
 * entries must come back. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/groups/reset.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(const struct ktk_reset_entry *e, long n, int grouped)
{
	struct ktk_reset_entry *back = NULL;
	struct ktk_err err;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	long i, m;

	if (f == NULL)
		abort();
	for (i = 0; i < n; i++)
		ktk_reset_csv_write(f, grouped ? e[i].group : NULL, e[i].topic,
				    e[i].partition, e[i].offset);
	fclose(f);
	m = ktk_reset_csv_parse(text, len, grouped ? NULL : "g", "export",
				&back, &err);
	if (m != n)
		abort(); /* what --export writes, --from-file must read */
	for (i = 0; i < n; i++)
		if (strcmp(back[i].topic, e[i].topic) != 0 ||
		    back[i].partition != e[i].partition ||
		    back[i].offset != e[i].offset ||
		    (grouped && strcmp(back[i].group, e[i].group) != 0))
			abort();
	ktk_reset_entries_free(back, (size_t)m);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ktk_reset_entry *e = NULL;
	struct ktk_err err;
	int64_t ms;
	char *s;
	long n;

	if (size > 4096)
		return 0;
	/* a plan for one group (3 columns allowed) and for any group */
	n = ktk_reset_csv_parse((const char *)data, size, "g", "in", &e, &err);
	if (n > 0)
		round_trip(e, n, e[0].group != NULL);
	if (n >= 0)
		ktk_reset_entries_free(e, (size_t)n);
	e = NULL;
	n = ktk_reset_csv_parse((const char *)data, size, NULL, "in", &e, &err);
	if (n > 0)
		round_trip(e, n, 1);
	if (n >= 0)
		ktk_reset_entries_free(e, (size_t)n);
	/* the same text as a date and a duration */
	if (size <= 128) {
		s = fz_str(data, size);
		ktk_reset_datetime_parse(s, &ms, &err);
		ktk_reset_duration_parse(s, &ms, &err);
		free(s);
	}
	return 0;
}
