/* SPDX-License-Identifier: Apache-2.0 */
/* checkpoint.c -- the text files of a log directory that Kafka's tool does
 * not read: leader-epoch-checkpoint (a line "epoch: E startOffset: O" per
 * entry), the offset checkpoints (replication-offset-, recovery-point-
 * offset-, log-start-offset-, cleaner-offset-checkpoint: "topic: T
 * partition: P offset: O") and partition.metadata ("version: 0 topicId:
 * ID"); -J objects of the same fields.
 */
#include "lib/dump/dump_int.h"

#include <string.h>

#include "lib/logformat/checkpoint.h"

struct ckctx {
	struct ktk_dump *d;
	int fields;
};

static int ck_entry(void *vc, const struct ktk_checkpoint_entry *e)
{
	struct ckctx *c = vc;
	struct ktk_dump *d = c->d;

	int first;

	if (d->o.verify)
		return 0;
	if (c->fields == 2) {
		static const char *const names[] = {"epoch", "startOffset"};
		int64_t vals[] = {e->a, e->b};

		dump_entry_nums(d, "leaderEpoch", names, vals, 2);
		return 0;
	}
	dump_entry_begin(d, "checkpointOffset", &first);
	dump_field(d, d->o.json, &first, "topic", F_STR, (int64_t)e->topic_len,
	      e->topic);
	dump_field(d, d->o.json, &first, "partition", F_NUM, e->a, NULL);
	dump_field(d, d->o.json, &first, "offset", F_NUM, e->b, NULL);
	dump_entry_end(d);
	return 0;
}

int dump_checkpoint_text(struct ktk_dump *d, const char *path, int fields)
{
	struct ktk_segment f;
	struct ktk_err err;
	const uint8_t *p;

	if (dump_open_file(d, path, -1, &f, path, "") == -1)
		return -1;
	if (f.size > (64 << 20)) {
		dump_problem(d, path, -1, "a %lld-byte text file is not a checkpoint",
			(long long)f.size);
		ktk_segment_close(&f);
		return 0;
	}
	p = dump_whole(d, path, &f, &err);
	if (p != NULL && fields == 0) {
		char id[23];

		if (ktk_checkpoint_partition_metadata_parse((const char *)p, (size_t)f.size,
						 id, &err) == -1)
			dump_problem(d, path, -1, "%s", err.msg);
		else if (!d->o.verify) {
			int first;

			dump_entry_begin(d, "partitionMetadata", &first);
			dump_field(d, d->o.json, &first, "version", F_NUM, 0, NULL);
			dump_field(d, d->o.json, &first, "topicId", F_WORD, 0, id);
			dump_entry_end(d);
		}
	} else if (p != NULL) {
		struct ckctx c = {d, fields};

		if (ktk_checkpoint_parse((const char *)p, (size_t)f.size,
					 fields, ck_entry, &c, &err) == -1)
			dump_problem(d, path, -1, "%s", err.msg);
	}
	ktk_segment_close(&f);
	return 0;
}

