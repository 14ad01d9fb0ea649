/* SPDX-License-Identifier: Apache-2.0 */
/* frame.h -- the Confluent wire format of schema-registry records:
 *
 *   byte 0     magic 0x00
 *   bytes 1-4  the schema id, int32 big-endian (the registry's global id)
 *   bytes 5-   the payload: an Avro binary datum, or JSON Schema's UTF-8
 *              JSON text (Protobuf would add message indexes first)
 *
 * Confluent 8's clients may instead put the id in a header
 * (__value_schema_id / __key_schema_id, 0x01 and a 16-byte GUID) and write
 * the payload bare; such a record is reported as not supported.
 */
#ifndef KTK_SERDES_FRAME_H
#define KTK_SERDES_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "lib/base/buffer.h"
#include "lib/base/err.h"

#define KTK_FRAME_MAGIC 0
#define KTK_FRAME_HEADER 5 /* magic and id */

/** @brief Split a framed value @p p[0..n) into its schema id and payload.
 *  @returns 0, or -1 with @p err set (KTK_EXIT_DATAERR: shorter than 5
 *  bytes, or a first byte that is not the magic 0). */
int ktk_frame_parse(const void *p, size_t n, int32_t *id,
		    const unsigned char **payload, size_t *plen,
		    struct ktk_err *err);

/** @brief Append the 5-byte header for schema @p id to @p b. */
void ktk_frame_put(struct ktk_buffer *b, int32_t id);

#endif
