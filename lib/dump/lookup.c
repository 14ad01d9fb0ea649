/* SPDX-License-Identifier: Apache-2.0 */
/* lookup.c -- --offset N and --timestamp T on a partition directory: the
 * record at offset N (or the first with a timestamp >= T) and the COUNT - 1
 * after it, found through the .index and .timeindex as the broker would,
 * printed as record lines of segment.c.
 */
#include "lib/dump/dump_int.h"

#include <inttypes.h>
#include <stdio.h>

#include "lib/logformat/index.h"

/* A lookup in progress. */
struct lookup {
	const char *dir, *sep;
	int by_time;
	int64_t target;   /* the offset, or the timestamp */
	int64_t want_off; /* the offset to start from in the first segment */
	long count, printed;
};

static int is_log(const struct dent *e)
{
	return e->rank == 0 && e->sub == 0;
}

/* By time: whether segment @p e may hold the target, by its time index
 * (its last entry is its largest timestamp); sets want_off from the index
 * when it does. A segment without a usable time index may. */
static int time_segment(struct lookup *l, const struct dent *e)
{
	struct ktk_index tix;
	struct ktk_index_entry last, f;
	struct ktk_err err;
	char path[4096];
	int64_t k, s;

	snprintf(path, sizeof(path), "%s%s%020" PRId64 ".timeindex", l->dir,
		 l->sep, e->off);
	if (ktk_index_open(&tix, path, KTK_INDEX_TIME, e->off, &err) == -1)
		return 1;
	if ((k = ktk_index_valid_entries(&tix)) == 0) {
		ktk_index_close(&tix);
		return 1;
	}
	ktk_index_entry(&tix, k - 1, &last);
	if (last.timestamp < l->target) {
		ktk_index_close(&tix);
		return 0;
	}
	s = ktk_index_lower_slot(&tix, l->target);
	if (s >= 0) {
		ktk_index_entry(&tix, s, &f);
		l->want_off = f.offset;
	} else
		l->want_off = e->off;
	ktk_index_close(&tix);
	return 1;
}

/* The segment to start in, or -1 when none can hold the target. */
static long start_segment(struct lookup *l, const struct dent *v, size_t n)
{
	long start = -1;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!is_log(&v[i]))
			continue;
		if (l->by_time) {
			if (time_segment(l, &v[i]))
				return (long)i;
		} else if (v[i].off <= l->target || start < 0)
			start = (long)i;
	}
	return start;
}

/* The file position to start reading segment @p e at: the offset
 * index's slot for want_off, else 0. */
static int64_t start_position(struct lookup *l, const struct dent *e)
{
	struct ktk_index ix;
	struct ktk_index_entry ie;
	struct ktk_err err;
	char ixp[4096];
	int64_t s, pos = 0;

	snprintf(ixp, sizeof(ixp), "%s%s%020" PRId64 ".index", l->dir, l->sep,
		 e->off);
	if (ktk_index_open(&ix, ixp, KTK_INDEX_OFFSET, e->off, &err) == -1)
		return 0;
	s = ktk_index_lower_slot(&ix, l->want_off);
	if (s >= 0) {
		ktk_index_entry(&ix, s, &ie);
		pos = ie.position;
	}
	ktk_index_close(&ix);
	return pos;
}

/* Print the records of one batch from the target on. */
static void lookup_batch(struct ktk_dump *d, struct lookup *l,
			 const char *path, const struct ktk_batch *b)
{
	struct ktk_batch_record r;
	struct ktk_err err;
	int rc = 0;

	if ((rc = dump_batch_records(d, path, b, &err)) < 0) {
		if (rc == -1)
			dump_problem(d, path, b->position, "%s", err.msg);
		return;
	}
	while (l->printed < l->count &&
	       (rc = ktk_batch_next(d->iter, &r, &err)) == 1) {
		if (l->printed == 0 &&
		    (l->by_time ? r.timestamp < l->target : r.offset < l->target))
			continue;
		dump_segment_record(d, path, b, &r);
		l->printed++;
	}
	if (rc == -1)
		dump_problem(d, path, b->position, "%s", err.msg);
}

/* Read segment @p e from @p pos on. @returns 0, -1 (cannot be opened). */
static int lookup_segment(struct ktk_dump *d, struct lookup *l,
			  const struct dent *e, int64_t pos)
{
	struct ktk_segment seg;
	struct ktk_batch b;
	struct ktk_err err;
	char path[4096];
	int rc;

	snprintf(path, sizeof(path), "%s%s%s", l->dir, l->sep, e->name);
	if (ktk_segment_open(&seg, path, -1, &err) == -1) {
		dump_problem(d, path, -1, "%s", err.msg);
		return -1;
	}
	while (l->printed < l->count &&
	       (rc = ktk_segment_next(&seg, pos, &b, &err)) != 0) {
		if (rc < 0) {
			dump_problem(d, path, pos, "%s", err.msg);
			break;
		}
		pos += b.size;
		if (l->by_time ? b.max_timestamp < l->target
			       : ktk_batch_last_offset(&b) < l->target)
			continue;
		lookup_batch(d, l, path, &b);
	}
	ktk_segment_close(&seg);
	return 0;
}

long ktk_dump_lookup(struct ktk_dump *d, const char *dir, int by_time,
		     int64_t target, long count)
{
	struct lookup l = {dir, dump_ends_with(dir, "/") ? "" : "/", by_time,
			   target, target, count, 0};
	struct dent *v;
	size_t n, i;
	long start;

	if (dump_read_dir(d, dir, &v, &n) == -1)
		return -1;
	start = start_segment(&l, v, n);
	if (start >= 0 && by_time && l.want_off == target)
		l.want_off = v[start].off;
	for (i = start >= 0 ? (size_t)start : n; i < n && l.printed < count;
	     i++) {
		if (!is_log(&v[i]))
			continue;
		if (lookup_segment(d, &l, &v[i],
				   i == (size_t)start ? start_position(&l, &v[i])
						      : 0) == -1)
			break;
	}
	dump_free_dents(v, n);
	return l.printed;
}
