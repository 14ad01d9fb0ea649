/* SPDX-License-Identifier: Apache-2.0 */
/* checkpoint.h -- Kafka's text checkpoint files (leader-epoch-checkpoint,
 * replication-offset-checkpoint, recovery-point-offset-checkpoint,
 * log-start-offset-checkpoint, cleaner-offset-checkpoint) and
 * partition.metadata. */
#ifndef KTK_LOGFORMAT_CHECKPOINT_H
#define KTK_LOGFORMAT_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/base/err.h"

/* One entry: 2 fields (epoch startOffset) or 3 (topic partition offset). */
struct ktk_checkpoint_entry {
	const char *topic;  /* NULL for 2-field entries */
	size_t topic_len;
	int64_t a, b;       /* epoch/partition, offset */
};

/** @brief Called per entry; return -1 to stop. */
typedef int (*ktk_checkpoint_cb)(void *ctx, const struct ktk_checkpoint_entry *e);

/** @brief Parse checkpoint text @p p[0..n): version line (0), count line,
 *  then that many entries of @p fields (2 or 3) space-separated fields.
 *  @returns the entry count, or -1 with @p err set naming the line. */
long ktk_checkpoint_parse(const char *p, size_t n, int fields, ktk_checkpoint_cb cb,
			  void *ctx, struct ktk_err *err);

/** @brief Parse partition.metadata ("version: 0\ntopic_id: <22 chars>").
 *  @p topic_id gets the 22-character id plus NUL. @returns 0, -1. */
int ktk_checkpoint_partition_metadata_parse(const char *p, size_t n, char topic_id[23],
				 struct ktk_err *err);

#endif
