/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_snapshot -- producer state snapshots (.snapshot) and the text
 * checkpoint files and partition.metadata. */
#include "lib/logformat/checkpoint.h"
#include "lib/logformat/producer_snapshot.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ktk_dump_opts o = fz_opts(0, 0, 0, 0, 0);
	struct ktk_err err;
	char id[23];
	long n;

	if ((n = ktk_producer_snapshot_check(data, size, &err)) > 0) {
		struct ktk_producer_entry e;
		for (long i = 0; i < n; i++)
			ktk_producer_snapshot_entry(data, i, &e);
	}
	ktk_checkpoint_parse((const char *)data, size, 2, NULL, NULL, &err);
	ktk_checkpoint_parse((const char *)data, size, 3, NULL, NULL, &err);
	ktk_checkpoint_partition_metadata_parse((const char *)data, size, id, &err);
	fz_write("00000000000000000005.snapshot", data, size);
	fz_dump("00000000000000000005.snapshot", &o);
	fz_write("leader-epoch-checkpoint", data, size);
	fz_dump("leader-epoch-checkpoint", &o);
	fz_write("replication-offset-checkpoint", data, size);
	fz_dump("replication-offset-checkpoint", &o);
	return 0;
}
