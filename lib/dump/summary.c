/* SPDX-License-Identifier: Apache-2.0 */
/* summary.c -- Kafka's stderr summaries after a file: "Non-consecutive
 * offsets in PATH", "Mismatches in :PATH", "Found timestamp mismatch in
 * :PATH", "Found out of order timestamp in :PATH" and "The following
 * indexed offsets are not found in the log.", a line per pair after each;
 * with -J an object per pair on standard output instead.
 */
#include "lib/dump/dump_int.h"

#include <inttypes.h>
#include <stdlib.h>

static int cmp_pair_asc(const void *x, const void *y)
{
	const struct pair *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* Sort pairs by a (descending when desc), the last put of a key winning,
 * as Java's TreeMap.put does. Returns the new count. */
static size_t sort_pairs(struct pair *v, size_t n, int desc)
{
	size_t i, k = 0;

	qsort(v, n, sizeof(*v), cmp_pair_asc);
	for (i = 0; i < n; i++) {
		if (k > 0 && v[k - 1].a == v[i].a)
			v[k - 1] = v[i];
		else
			v[k++] = v[i];
	}
	if (desc)
		for (i = 0; i < k / 2; i++) {
			struct pair t = v[i];
			v[i] = v[k - 1 - i];
			v[k - 1 - i] = t;
		}
	return k;
}

void dump_summary_add(struct pairs *ps, int64_t a, int64_t b)
{
	if (ps->n == ps->cap) {
		if (ps->n >= MAX_PAIRS ||
		    ktk_buffer_grow_array(&ps->v, ps->n, &ps->cap,
					  sizeof(*ps->v), 64) == -1) {
			ps->dropped++;
			return;
		}
	}
	ps->v[ps->n].a = a;
	ps->v[ps->n].b = b;
	ps->v[ps->n].seq = (long)ps->n;
	ps->n++;
}

const struct sumkind dump_sum_noncons = {
	"Non-consecutive offsets in %s", "  %" PRId64 " is followed by %" PRId64,
	"nonConsecutiveOffsets", "offset", "nextOffset", 1, 1};
const struct sumkind dump_sum_index = {
	"Mismatches in :%s", "  Index offset: %" PRId64 ", log offset: %" PRId64,
	"indexMismatch", "indexOffset", "logOffset", -1, 0};
const struct sumkind dump_sum_ts = {
	"Found timestamp mismatch in :%s",
	"  Index timestamp: %" PRId64 ", log timestamp: %" PRId64,
	"timestampMismatch", "indexTimestamp", "logTimestamp", 0, 0};
const struct sumkind dump_sum_ooo = {
	"Found out of order timestamp in :%s",
	"  Index timestamp: %" PRId64 ", Previously indexed timestamp: %" PRId64,
	"outOfOrderTimestamp", "indexTimestamp", "previousIndexedTimestamp", 0,
	0};
const struct sumkind dump_sum_notfound = {
	"The following indexed offsets are not found in the log.",
	"Indexed offset: %" PRId64 ", found log offset: %" PRId64,
	"offsetNotFound", "indexedOffset", "foundLogOffset", 0, 0};

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
void dump_summary_emit(struct ktk_dump *d, const char *path, const char *ap,
		    const struct sumkind *k, struct pairs *ps)
{
	size_t n = ps->n, i;
	int first;

	if (n == 0)
		return;
	if (k->sort)
		n = sort_pairs(ps->v, n, k->sort < 0);
	if (!d->o.json) {
		dump_note(d, k->head, ap);
		for (i = 0; i < n; i++)
			dump_note(d, k->line, ps->v[i].a, ps->v[i].b);
		if (k->more && ps->dropped)
			dump_note(d, "  (%ld more not listed)", ps->dropped);
		return;
	}
	if (d->o.verify)
		return;
	for (i = 0; i < n; i++) {
		dump_json_head(d, k->type, path, &first);
		dump_field(d, 1, &first, k->a, F_NUM, ps->v[i].a, NULL);
		dump_field(d, 1, &first, k->b, F_NUM, ps->v[i].b, NULL);
		dump_entry_end(d);
	}
	if (ps->dropped) {
		dump_json_head(d, "summaryTruncated", path, &first);
		dump_field(d, 1, &first, "summary", F_WORD, 0, k->type);
		dump_field(d, 1, &first, "notListed", F_NUM, ps->dropped, NULL);
		dump_entry_end(d);
	}
}
#pragma GCC diagnostic pop

