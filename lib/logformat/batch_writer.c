/* SPDX-License-Identifier: Apache-2.0 */
/* batch_writer.c -- record batch v2 writer (see batch_writer.h; layout in batch.c).
 * Varints are zig-zag LEB128 as in Kafka's ByteUtils. */
#include "lib/logformat/batch_writer.h"

#include <string.h>

#include "lib/logformat/batch.h"
#include "lib/logformat/crc.h"

static int put(struct ktk_buffer *b, const void *p, size_t n)
{
	ktk_buffer_put(b, p, n);
	return b->oom ? -1 : 0;
}

static int varlong(struct ktk_buffer *b, int64_t v)
{
	uint64_t u = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
	uint8_t t[10];
	int n = 0;

	while (u >= 0x80) {
		t[n++] = (uint8_t)(u | 0x80);
		u >>= 7;
	}
	t[n++] = (uint8_t)u;
	return put(b, t, (size_t)n);
}

static void be(uint8_t *q, uint64_t v, int w)
{
	for (int i = w - 1; i >= 0; i--)
		*q++ = (uint8_t)(v >> (8 * i));
}

void ktk_batch_writer_begin(struct ktk_batch_writer *w, int64_t base_offset, int64_t ts)
{
	w->recs.len = 0;
	w->base_offset = base_offset;
	w->base_timestamp = ts;
	w->max_timestamp = ts;
	w->count = 0;
	w->attributes = 0;
	w->partition_leader_epoch = 0;
	w->producer_id = -1;
	w->producer_epoch = -1;
	w->base_sequence = -1;
}

int ktk_batch_writer_add(struct ktk_batch_writer *w, int64_t ts, const void *key,
		   int32_t klen, const void *val, int32_t vlen, int nh,
		   const char *const *hk, const char *const *hv)
{
	struct ktk_buffer body = {0};
	int rc = 0, i;

	rc |= put(&body, "", 1); /* attributes */
	rc |= varlong(&body, ts - w->base_timestamp);
	rc |= varlong(&body, w->count);
	rc |= varlong(&body, key ? klen : -1);
	if (key)
		rc |= put(&body, key, (size_t)klen);
	rc |= varlong(&body, val ? vlen : -1);
	if (val)
		rc |= put(&body, val, (size_t)vlen);
	rc |= varlong(&body, nh);
	for (i = 0; i < nh; i++) {
		rc |= varlong(&body, (int64_t)strlen(hk[i]));
		rc |= put(&body, hk[i], strlen(hk[i]));
		rc |= varlong(&body, hv[i] ? (int64_t)strlen(hv[i]) : -1);
		if (hv[i])
			rc |= put(&body, hv[i], strlen(hv[i]));
	}
	rc |= varlong(&w->recs, (int64_t)body.len);
	rc |= put(&w->recs, body.p, body.len);
	ktk_buffer_free(&body);
	if (ts > w->max_timestamp)
		w->max_timestamp = ts;
	w->count++;
	return rc ? -1 : 0;
}

int ktk_batch_writer_finish(struct ktk_batch_writer *w, struct ktk_err *err)
{
	const struct ktk_buffer *payload = &w->recs;
	uint8_t *q;
	size_t size;

	if ((w->attributes & KTK_ATTR_CODEC) != KTK_CODEC_NONE) {
		if (ktk_codec_compress(w->attributes & KTK_ATTR_CODEC,
				       (const uint8_t *)w->recs.p,
				       w->recs.len, &w->z, err) == -1)
			return -1;
		payload = &w->z;
	}
	size = KTK_BATCH_V2_OVERHEAD + payload->len;
	w->out.len = 0;
	if (ktk_buffer_reserve(&w->out, size) == -1)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	q = (uint8_t *)w->out.p;
	be(q, (uint64_t)w->base_offset, 8);
	be(q + 8, size - 12, 4);
	be(q + 12, (uint64_t)(uint32_t)w->partition_leader_epoch, 4);
	q[16] = 2;
	be(q + 21, (uint16_t)w->attributes, 2);
	be(q + 23, (uint32_t)(w->count ? w->count - 1 : 0), 4);
	be(q + 27, (uint64_t)w->base_timestamp, 8);
	be(q + 35, (uint64_t)w->max_timestamp, 8);
	be(q + 43, (uint64_t)w->producer_id, 8);
	be(q + 51, (uint16_t)w->producer_epoch, 2);
	be(q + 53, (uint32_t)w->base_sequence, 4);
	be(q + 57, (uint32_t)w->count, 4);
	if (payload->len)
		memcpy(q + 61, payload->p, payload->len);
	be(q + 17, ktk_crc32c(0, q + 21, size - 21), 4);
	w->out.len = size;
	return 0;
}

void ktk_batch_writer_free(struct ktk_batch_writer *w)
{
	ktk_buffer_free(&w->recs);
	ktk_buffer_free(&w->out);
	ktk_buffer_free(&w->z);
}
