/* SPDX-License-Identifier: Apache-2.0 */
/* serdes.h -- schema-registry records without the registry: the Confluent
 * framing (magic byte 0, 4-byte schema id), Avro schemas and Avro's binary
 * encoding to and from JSON, JSON Schema parsing and checking. No network
 * and no librdkafka here: the registry client is lib/registry/.
 *
 * The Avro codec is ktk's own (avro.c), not avro-c: avro-c's JSON output
 * cuts bytes and fixed at the first zero byte, fails on NaN, prints short
 * union names and no logical types, and it has no JSON-to-datum parser, so
 * ktk would need its own JSON layer in both directions anyway; with it,
 * avro-c's part is the schema parser and a binary walk through avro_value_t
 * (a heap datum per record), while decoding the binary straight into JSON
 * text is one pass and no allocation. Avro's binary floats are
 * little-endian, as the hosts ktk builds on (x86-64, arm64).
 */
#ifndef KTK_SERDES_SERDES_H
#define KTK_SERDES_SERDES_H

#include "lib/serdes/avro.h"
#include "lib/serdes/frame.h"
#include "lib/serdes/json_path.h"
#include "lib/serdes/json_schema.h"

#endif
