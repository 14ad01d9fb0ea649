/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_avro -- the Confluent framing and the Avro decoder on arbitrary
 * bytes: byte 0 picks one of a fixed set of schemas (every type, logical
 * types, unions, recursion), the rest is a framed datum, decoded in both
 * JSON modes; what decodes is parsed back and encoded again, and the
 * fast text encoder must give the same bytes or pass. Byte 0 of
 * 0xff makes the rest a schema text for the schema parser instead. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/buffer.h"
#include "lib/serdes/serdes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const schemas[] = {
	"{\"type\":\"record\",\"name\":\"All\",\"namespace\":\"f\",\"fields\":["
	"{\"name\":\"n\",\"type\":\"null\"},{\"name\":\"b\",\"type\":\"boolean\"},"
	"{\"name\":\"i\",\"type\":\"int\"},{\"name\":\"l\",\"type\":\"long\"},"
	"{\"name\":\"f\",\"type\":\"float\"},{\"name\":\"d\",\"type\":\"double\"},"
	"{\"name\":\"y\",\"type\":\"bytes\"},{\"name\":\"s\",\"type\":\"string\"},"
	"{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}},"
	"{\"name\":\"a\",\"type\":{\"type\":\"array\",\"items\":\"long\"}},"
	"{\"name\":\"m\",\"type\":{\"type\":\"map\",\"values\":\"string\"}},"
	"{\"name\":\"x\",\"type\":{\"type\":\"fixed\",\"name\":\"X\",\"size\":3}},"
	"{\"name\":\"u\",\"type\":[\"null\",\"string\",\"E\"]}]}",
	"{\"type\":\"record\",\"name\":\"Node\",\"fields\":["
	"{\"name\":\"v\",\"type\":\"int\"},{\"name\":\"kids\",\"type\":"
	"{\"type\":\"array\",\"items\":\"Node\"}},"
	"{\"name\":\"next\",\"type\":[\"null\",\"Node\"]}]}",
	"{\"type\":\"record\",\"name\":\"L\",\"fields\":["
	"{\"name\":\"dec\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
	"\"precision\":40,\"scale\":5}},"
	"{\"name\":\"fd\",\"type\":{\"type\":\"fixed\",\"name\":\"FD\",\"size\":8,"
	"\"logicalType\":\"decimal\",\"precision\":18,\"scale\":2}},"
	"{\"name\":\"ts\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}},"
	"{\"name\":\"dt\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"}},"
	"{\"name\":\"id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"}}]}",
	"{\"type\":\"array\",\"items\":\"null\"}",
	"{\"type\":\"map\",\"values\":[\"null\",\"double\",{\"type\":\"array\",\"items\":\"boolean\"}]}",
};

#define NSCHEMAS (sizeof(schemas) / sizeof(schemas[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ktk_avro_schema *parsed[NSCHEMAS];
	struct ktk_err err;
	struct ktk_buffer out, bin;
	const unsigned char *payload;
	size_t plen, i;
	int32_t id;
	int mode;

	if (size == 0)
		return 0;
	if (data[0] == 0xff) {
		ktk_avro_schema_free(ktk_avro_schema_parse((const char *)data + 1,
							   size - 1, &err));
		ktk_json_schema_free(ktk_json_schema_parse((const char *)data + 1,
							   size - 1, &err));
		return 0;
	}
	for (i = 0; i < NSCHEMAS; i++)
		if (parsed[i] == NULL &&
		    (parsed[i] = ktk_avro_schema_parse(schemas[i], strlen(schemas[i]),
						       &err)) == NULL)
			abort();
	if (ktk_frame_parse(data + 1, size - 1, &id, &payload, &plen, &err) == -1)
		return 0;
	ktk_buffer_init(&out, 0);
	ktk_buffer_init(&bin, 0);
	for (mode = 0; mode < 2; mode++) {
		const struct ktk_avro_schema *s = parsed[data[0] % NSCHEMAS];

		out.len = 0;
		if (ktk_avro_decode(s, payload, plen, (enum ktk_avro_mode)mode,
				    &out, &err) == 0) {
			json_t *j = json_loadb(out.p, out.len,
					       JSON_DECODE_ANY | JSON_ALLOW_NUL,
					       NULL);

			/* what the decoder writes is JSON (jansson refuses
			 * \u0000 in object keys, valid JSON all the same) */
			if (j == NULL && !memmem(out.p, out.len, "\\u0000", 6))
				abort();
			bin.len = 0;
			if (j != NULL && ktk_avro_encode(s, j, &bin, &err) == 0) {
				/* the fast path writes the same bytes, or passes */
				struct ktk_buffer fast;

				ktk_buffer_init(&fast, 0);
				if (ktk_avro_encode_text(s, out.p, out.len, &fast) == 0 &&
				    (fast.len != bin.len ||
				     memcmp(fast.p, bin.p, bin.len) != 0))
					abort();
				ktk_buffer_free(&fast);
			}
			json_decref(j);
		}
	}
	ktk_buffer_free(&out);
	ktk_buffer_free(&bin);
	return 0;
}
