/* SPDX-License-Identifier: Apache-2.0 */
/* frame.c -- the Confluent framing (magic 0, 4-byte big-endian schema id);
 * see frame.h. */
#include "lib/serdes/frame.h"

int ktk_frame_parse(const void *pv, size_t n, int32_t *id,
		    const unsigned char **payload, size_t *plen,
		    struct ktk_err *err)
{
	const unsigned char *p = pv;

	if (p == NULL)
		return ktk_err_set(err, KTK_EXIT_DATAERR, "null, not framed "
				   "with a schema id");
	if (n < KTK_FRAME_HEADER)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "%zu bytes, too short for the schema "
				   "registry framing (magic byte 0, 4-byte "
				   "schema id)", n);
	if (p[0] != KTK_FRAME_MAGIC)
		return ktk_err_set(err, KTK_EXIT_DATAERR,
				   "no magic byte 0 (first byte 0x%02x): not "
				   "framed with a schema id", p[0]);
	*id = (int32_t)((uint32_t)p[1] << 24 | (uint32_t)p[2] << 16 |
			(uint32_t)p[3] << 8 | p[4]);
	*payload = p + KTK_FRAME_HEADER;
	*plen = n - KTK_FRAME_HEADER;
	return 0;
}

void ktk_frame_put(struct ktk_buffer *b, int32_t id)
{
	uint32_t u = (uint32_t)id;
	char h[KTK_FRAME_HEADER] = {KTK_FRAME_MAGIC, (char)(u >> 24),
				    (char)(u >> 16), (char)(u >> 8), (char)u};

	ktk_buffer_put(b, h, sizeof(h));
}
