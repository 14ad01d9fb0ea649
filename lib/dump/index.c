/* SPDX-License-Identifier: Apache-2.0 */
/* index.c -- a segment's indexes as DumpLogSegments prints them, each
 * checked against its .log:
 *   .index      offset: O position: P  (then "Mismatches in :PATH")
 *   .timeindex  timestamp: T offset: O (then the timestamp summaries)
 *   .txnindex   version: V producerId: P firstOffset: F lastOffset: L
 *               lastStableOffset: S
 * "PATH is empty." for an empty .index, "PATH passed sanity check." with
 * --index-sanity-check; -J objects of the same fields.
 */
#include "lib/dump/dump_int.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/logformat/index.h"

/* Last offset of the first whole batch in [pos, pos + limit) of the log,
 * as FileRecords.slice(pos, limit).batches().iterator().next(). */
static int first_batch_last(struct ktk_segment *seg, int64_t pos,
			    int64_t limit, int64_t *last, struct ktk_err *err)
{
	struct ktk_batch b;
	int64_t end = seg->end;
	int rc;

	if (pos < 0 || pos > seg->size)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "points at position %lld, past the end of "
				   "the log (%lld bytes)",
				   (long long)pos, (long long)seg->size);
	if (limit < seg->end - pos)
		seg->end = pos + limit;
	rc = ktk_segment_next(seg, pos, &b, err);
	seg->end = end;
	if (rc == 1 || rc == -2) {
		*last = ktk_batch_last_offset(&b);
		return 0;
	}
	if (rc == 0)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "no whole batch at position %lld within %lld "
				   "bytes",
				   (long long)pos, (long long)limit);
	return -1;
}

/* Open the index @p path of @p kind and its segment's .log; fills the
 * absolute path for Kafka's messages. @returns 0, -1 (problem reported). */
static int open_index(struct ktk_dump *d, const char *path, int kind,
		      struct ktk_index *ix, struct ktk_segment *seg, char *ap,
		      size_t apn)
{
	struct ktk_err err;
	char logp[4096], pre[4200];
	int64_t base;

	if (dump_name_offset(path, &base) == -1) {
		/* its entries are relative to the name's offset: not readable
		 * without it (66), which is no fault in its bytes (65) */
		d->unreadable++;
		dump_problem(d, path, -1,
			"the file name does not start with a base offset, "
			"which its entries are relative to (an index is named "
			"as its segment, 00000000000000000000.index)");
		return -1;
	}
	dump_sibling(path, ".log", logp, sizeof(logp));
	dump_abs_path(path, ap, apn);
	/* an index is read against its segment: name the one looked for */
	snprintf(pre, sizeof(pre), "its log segment %s: ", logp);
	if (dump_open_file(d, logp, -1, seg, path, pre) == -1)
		return -1;
	if (ktk_index_open(ix, path, kind, base, &err) == -1) {
		ktk_segment_close(seg);
		dump_problem(d, path, -1, "%s", err.msg);
		return -1;
	}
	return 0;
}

/* Kafka's "FILE is empty." of an .index; with -J {"type":"indexEmpty"} of
 * either index. */
static void index_empty(struct ktk_dump *d, const char *path)
{
	int first;

	if (d->o.verify)
		return;
	if (d->o.json) {
		dump_json_head(d, "indexEmpty", path, &first);
		dump_entry_end(d);
		return;
	}
	ktk_buffer_puts(&d->ob, path);
	KTK_BUFFER_PUTL(&d->ob, " is empty.");
	dump_nl(d);
}

/* --index-sanity-check: the broker's check, Kafka's line when it passes */
static void sanity(struct ktk_dump *d, const char *path,
		   const struct ktk_index *ix, const char *ap)
{
	struct ktk_err err;

	int bad = ktk_index_sanity(ix, ap, &err) == -1, first;

	if (d->o.json && !d->o.verify) {
		dump_json_head(d, "sanityCheck", path, &first);
		dump_field(d, 1, &first, "passed", F_BOOL, !bad, NULL);
		if (bad)
			dump_field(d, 1, &first, "message", F_STR,
			      (int64_t)strlen(err.msg), err.msg);
		dump_entry_end(d);
	} else if (!bad && !d->o.verify) {
		ktk_buffer_puts(&d->ob, path);
		KTK_BUFFER_PUTL(&d->ob, " passed sanity check.");
		dump_nl(d);
	}
	if (bad)
		dump_problem(d, path, -1, "%s", err.msg);
}

/* An entry whose base + relative offset does not fit: Kafka prints the
 * wrapped value (and so do we), reported as a problem. */
static void entry_overflow(struct ktk_dump *d, const char *path,
			   const struct ktk_index *ix, int64_t i,
			   const struct ktk_index_entry *e)
{
	if (e->overflow)
		dump_problem(d, path, i * ix->kind,
			     "entry %" PRId64 ": base offset %" PRId64
			     " plus its relative offset is past the 64-bit "
			     "offsets (read as %" PRId64 ")",
			     i, ix->base_offset, e->offset);
}

int dump_index_offsets(struct ktk_dump *d, const char *path)
{
	struct ktk_index ix;
	struct ktk_segment seg;
	struct ktk_index_entry e;
	struct ktk_err err;
	struct pairs mism = {0};
	char ap[4096];
	int64_t i, last = 0;
	int print = !d->o.verify && !d->o.verify_index_only;

	if (open_index(d, path, KTK_INDEX_OFFSET, &ix, &seg, ap, sizeof(ap)))
		return -1;
	if (ix.entries == 0) {
		index_empty(d, path);
		goto out;
	}
	if (d->o.index_sanity) {
		sanity(d, path, &ix, ap);
		goto out;
	}
	for (i = 0; i < ix.entries; i++) {
		ktk_index_entry(&ix, i, &e);
		if (e.offset == ix.base_offset && i > 0)
			break;
		entry_overflow(d, path, &ix, i, &e);
		if (first_batch_last(&seg, e.position, d->o.max_message_size,
				     &last, &err) == -1) {
			dump_problem(d, path, i * 8, "entry %" PRId64 " (offset %"
				PRId64 "): %s", i, e.offset, err.msg);
		} else if (last != e.offset) {
			dump_summary_add(&mism, e.offset, last);
			if (d->o.verify)
				dump_problem(d, path, i * 8,
					"entry %" PRId64 " says offset %" PRId64
					" is at position %" PRId32
					", the batch there ends at offset %"
					PRId64,
					i, e.offset, e.position, last);
		}
		if (print) {
			static const char *const names[] = {"offset",
							    "position"};
			int64_t vals[] = {e.offset, e.position};

			dump_entry_nums(d, "indexEntry", names, vals, 2);
		}
	}
	dump_summary_emit(d, path, ap, &dump_sum_index, &mism);
out:
	free(mism.v);
	ktk_index_close(&ix);
	ktk_segment_close(&seg);
	return 0;
}

/* Where the walk for the previous time index entry ended. */
struct cursor {
	int valid;
	int64_t start;  /* the position that walk started from */
	int64_t pos;    /* the batch it found, or where the log ended */
	int64_t target; /* the offset it looked for */
};

/* What checking a .timeindex finds (Kafka's three summaries). */
struct time_check {
	struct pairs mism, ooo, nf;
	int64_t prev_ts;
	struct cursor cur;
};

/* The first whole batch from @p pos on whose last offset reaches
 * @p target, as DumpLogSegments walks for each entry (from the .index's
 * slot for the entry, else from 0). The walks of entries in offset order
 * are one forward walk: an entry whose offset is not below the previous
 * one's, and whose start is within the stretch the previous walk covered,
 * goes on from where that walk stopped (the batches before it end below
 * the previous offset, so below this one); any other (out of order, or an
 * index slot past the stretch) walks from its own start as Kafka does.
 * @returns 1 with @p b, 0 when there is none. */
static int batch_reaching(struct ktk_segment *seg, struct cursor *cur,
			  int64_t pos, int64_t target, struct ktk_batch *b)
{
	struct ktk_err err;
	int rc;

	if (cur->valid && target >= cur->target && pos >= cur->start &&
	    pos <= cur->pos)
		pos = cur->pos;
	else
		cur->start = pos;
	cur->valid = 1;
	cur->target = target;
	while ((rc = ktk_segment_next(seg, pos, b, &err)) != 0) {
		if (rc == -1)
			break;
		if (ktk_batch_last_offset(b) >= target) {
			cur->pos = pos;
			return 1;
		}
		pos += b->size;
	}
	cur->pos = pos;
	return 0;
}

/* The largest record timestamp of @p b (-1 when it has none). */
static int64_t batch_max_ts(struct ktk_dump *d, const char *path,
			    const struct ktk_batch *b)
{
	struct ktk_batch_iter *it = d->iter;
	struct ktk_batch_record r;
	struct ktk_err err;
	int64_t maxts = -1;

	if (dump_batch_records(d, path, b, &err) == 0)
		while (ktk_batch_next(it, &r, &err) == 1)
			if (r.timestamp > maxts)
				maxts = r.timestamp;
	return maxts;
}

/* Check entry @p e against the log, starting the walk at @p pos. */
static void time_entry(struct ktk_dump *d, const char *path,
		       struct ktk_segment *seg,
		       const struct ktk_index_entry *e, int64_t pos,
		       struct time_check *c)
{
	struct ktk_batch b;
	int64_t maxts;

	if (!batch_reaching(seg, &c->cur, pos, e->offset, &b)) {
		dump_summary_add(&c->nf, e->offset, -1);
		return;
	}
	if (ktk_batch_last_offset(&b) != e->offset) {
		dump_summary_add(&c->nf, e->offset, ktk_batch_last_offset(&b));
		return;
	}
	maxts = batch_max_ts(d, path, &b);
	if (maxts != e->timestamp)
		dump_summary_add(&c->mism, e->timestamp, maxts);
	if (c->prev_ts >= e->timestamp)
		dump_summary_add(&c->ooo, e->timestamp, c->prev_ts);
}

/* Every entry of the time index, checked (and printed). */
static void time_entries(struct ktk_dump *d, const char *path,
			 const struct ktk_index *tix,
			 const struct ktk_index *ix, struct ktk_segment *seg,
			 struct time_check *c)
{
	static const char *const names[] = {"timestamp", "offset"};
	int print = !d->o.verify && !d->o.verify_index_only;
	struct ktk_index_entry e, oe;
	int64_t i, slot, pos;

	for (i = 0; i < tix->entries; i++) {
		ktk_index_entry(tix, i, &e);
		if (e.offset == tix->base_offset && i > 0)
			break;
		entry_overflow(d, path, tix, i, &e);
		pos = 0;
		if (ix && (slot = ktk_index_lower_slot(ix, e.offset)) >= 0) {
			ktk_index_entry(ix, slot, &oe);
			pos = oe.position;
		}
		time_entry(d, path, seg, &e, pos, c);
		if (print) {
			int64_t vals[] = {e.timestamp, e.offset};

			dump_entry_nums(d, "timeIndexEntry", names, vals, 2);
		}
		c->prev_ts = e.timestamp;
	}
}

int dump_index_time(struct ktk_dump *d, const char *path)
{
	struct ktk_index tix, ix;
	struct ktk_segment seg;
	struct ktk_err err;
	struct time_check c = {.prev_ts = -1};
	char ixp[4096], ap[4096];
	int have_ix;

	if (open_index(d, path, KTK_INDEX_TIME, &tix, &seg, ap, sizeof(ap)))
		return -1;
	dump_sibling(path, ".index", ixp, sizeof(ixp));
	have_ix = ktk_index_open(&ix, ixp, KTK_INDEX_OFFSET, tix.base_offset,
				 &err) == 0;
	if (tix.entries == 0 && d->o.json)
		index_empty(d, path);
	else if (d->o.index_sanity)
		sanity(d, path, &tix, ap);
	else {
		time_entries(d, path, &tix, have_ix ? &ix : NULL, &seg, &c);
		dump_summary_emit(d, path, ap, &dump_sum_ts, &c.mism);
		dump_summary_emit(d, path, ap, &dump_sum_ooo, &c.ooo);
		dump_summary_emit(d, path, ap, &dump_sum_notfound, &c.nf);
		if (d->o.verify && (c.mism.n || c.ooo.n || c.nf.n))
			dump_problem(d, path, -1,
				     "%zu entries with the wrong timestamp, "
				     "%zu out of order, %zu pointing at no batch",
				     c.mism.n, c.ooo.n, c.nf.n);
	}
	free(c.mism.v);
	free(c.ooo.v);
	free(c.nf.v);
	if (have_ix)
		ktk_index_close(&ix);
	ktk_index_close(&tix);
	ktk_segment_close(&seg);
	return 0;
}

int dump_index_txn(struct ktk_dump *d, const char *path)
{
	struct ktk_segment f;
	struct ktk_err err;
	struct ktk_aborted_txn t;
	static const char *const names[] = {"version", "producerId",
					    "firstOffset", "lastOffset",
					    "lastStableOffset"};
	const uint8_t *p;
	size_t i;

	if (dump_open_file(d, path, -1, &f, path, "") == -1)
		return -1;
	for (i = 0; (int64_t)(i + 1) * KTK_TXNINDEX_ENTRY <= f.size; i++) {
		p = ktk_segment_bytes(&f, (int64_t)i * KTK_TXNINDEX_ENTRY,
				      KTK_TXNINDEX_ENTRY, &err);
		if (p == NULL)
			break;
		ktk_index_txn_entry(p, KTK_TXNINDEX_ENTRY, 0, &t);
		if (t.version != 0) {
			dump_problem(d, path, (int64_t)i * KTK_TXNINDEX_ENTRY,
				"Unexpected aborted transaction version %d",
				t.version);
			break;
		}
		if (!d->o.verify) {
			int64_t vals[] = {t.version, t.producer_id,
					  t.first_offset, t.last_offset,
					  t.last_stable_offset};

			dump_entry_nums(d, "abortedTxn", names, vals, 5);
		}
	}
	if (f.size % KTK_TXNINDEX_ENTRY)
		dump_problem(d, path, f.size - f.size % KTK_TXNINDEX_ENTRY,
			"%lld bytes at the end are not a whole entry",
			(long long)(f.size % KTK_TXNINDEX_ENTRY));
	ktk_segment_close(&f);
	return 0;
}

