/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_message_schema -- the message decoders: every schema in the table at every
 * version, coordinator keys/values, metadata frames and control records. */
#include "lib/logformat/coordinator_records.h"
#include "lib/logformat/message_schema.h"
#include "lib/logformat/metadata_records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ktk_buffer out;
	static int nmsg;
	struct ktk_err err;
	long k, v;
	size_t cut;

	if (nmsg == 0)
		while (ktk_message_schema_table[nmsg].name)
			nmsg++;
	if (size < 3)
		return 0;
	{
		const struct ktk_message_schema *m = &ktk_message_schema_table[data[0] % nmsg];
		int ver = m->vmin + data[1] % (m->vmax - m->vmin + 1);

		out.len = 0;
		ktk_message_schema_json(m, ver, data + 3, size - 3, &out, NULL, &err);
	}
	cut = data[2] % (size - 2);
	out.len = 0;
	ktk_coordinator_records_decode(data[1] & 1, 0, data + 3, (int32_t)cut,
			 data[1] & 2 ? NULL : data + 3 + cut,
			 (int32_t)(size - 3 - cut), &out, &k, &v);
	out.len = 0;
	ktk_metadata_records_decode(0, data + 3, (int32_t)(size - 3), &out);
	out.len = 0;
	ktk_metadata_records_control_text(data + 3, (int32_t)cut, data + 3 + cut,
			 (int32_t)(size - 3 - cut), &out);
	out.len = 0;
	ktk_buffer_put_utf8(&out, data, size);
	out.len = 0;
	ktk_message_schema_json_str(&out, data, size);
	return 0;
}
