/* SPDX-License-Identifier: Apache-2.0 */
/* avro.h -- Apache Avro schemas, and Avro's binary encoding to and from
 * JSON, written here (no avro-c: see lib/serdes/serdes.h for why).
 *
 * A schema is parsed from its JSON text (Avro 1.11 specification): the
 * primitive types, records (and "error"), enums, arrays, maps, unions,
 * fixed; named types with namespaces (a name is resolved against the
 * enclosing namespace, then as given), referred to before they are
 * complete, so recursive types work; logical types decimal (bytes or
 * fixed, precision and scale), uuid, date, time-millis, time-micros,
 * timestamp-millis/-micros, local-timestamp-millis/-micros, duration (a
 * logical type on the wrong base type is ignored, as the spec says).
 *
 * The binary encoding (the datum of a Confluent-framed record): int and
 * long as zig-zag varints, float and double as little-endian IEEE 754,
 * bytes and string as a long length then the bytes, a record as its
 * fields in order, an enum and a union branch as an int index, arrays and
 * maps as blocks (a long count, negative: -count then a long byte size,
 * 0 ends), fixed as its bytes.
 *
 * JSON mapping, decoding (KTK_AVRO_PLAIN, the default):
 *   null, boolean, string        as themselves (strings must be UTF-8)
 *   int, long                    numbers; date (days since 1970-01-01),
 *                                time-*, timestamp-*, local-timestamp-*
 *                                stay numbers (ms or us), lossless and free
 *                                of time zones
 *   float, double                the shortest number that reads back to the
 *                                same value; NaN, Infinity, -Infinity as the
 *                                strings "NaN", "Infinity", "-Infinity"
 *   bytes, fixed                 a string of code points U+0000..U+00FF, one
 *                                per byte (Avro's own JSON rule for bytes:
 *                                zero bytes are "\u0000", nothing is cut)
 *   decimal                      a string of its exact value, "-12.340"
 *                                (scale digits after the point)
 *   enum                         its symbol as a string
 *   array, map                   a JSON array, a JSON object
 *   record                       an object, fields in schema order
 *   union                        the branch's value, unwrapped (null for
 *                                null)
 * KTK_AVRO_JSON is Avro's JSON encoding instead: a non-null union value
 * wrapped as {"TYPE": value} (TYPE a primitive name or a full name) and
 * decimals as their bytes.
 *
 * Encoding (JSON to binary) takes either form: a union value wrapped as
 * {"TYPE": value} goes to that branch, any other to the first branch it
 * fits; a decimal as a string or a number ("12.5" into scale 2 is 1250);
 * float and double also from "NaN", "Infinity", "-Infinity"; a record
 * field missing from the object takes the field's default, and a key not
 * in the schema is an error. Errors name the field: "field
 * address.zip: expected int, got string".
 */
#ifndef KTK_SERDES_AVRO_H
#define KTK_SERDES_AVRO_H

#include <stddef.h>

#include "lib/base/buffer.h"
#include "lib/base/err.h"

enum ktk_avro_mode { KTK_AVRO_PLAIN = 0, KTK_AVRO_JSON = 1 };

struct ktk_avro_schema;

/** @brief Parse the JSON text @p text[0..len) of a schema.
 *  @returns the schema, or NULL with @p err set (KTK_EXIT_DATAERR, naming
 *  what is wrong and where). */
struct ktk_avro_schema *ktk_avro_schema_parse(const char *text, size_t len,
					      struct ktk_err *err);

/** @brief Parse a schema that refers to named types of other schemas
 *  (the registry's "references"): @p texts[0..n-1) are those schemas,
 *  dependencies first, each adding its named types; the last one,
 *  @p texts[n-1], is the schema. @returns it, or NULL with @p err set. */
struct ktk_avro_schema *ktk_avro_schema_parse_refs(const char *const *texts,
						   const size_t *lens, size_t n,
						   struct ktk_err *err);

/** @brief The full name of the top-level type (a record's
 *  "namespace.Name"), or NULL when it is not a named type: the subject
 *  of the record and topic-record name strategies. */
const char *ktk_avro_schema_name(const struct ktk_avro_schema *s);

/** @brief Free @p s (NULL is fine). */
void ktk_avro_schema_free(struct ktk_avro_schema *s);

/** @brief Decode the binary datum @p p[0..n) (all of it) and append its
 *  JSON text, on one line, to @p out.
 *  @returns 0, or -1 with @p err set (KTK_EXIT_DATAERR: truncated, a bad
 *  index or length, invalid UTF-8, bytes left over) and @p out as it was. */
int ktk_avro_decode(const struct ktk_avro_schema *s, const void *p, size_t n,
		    enum ktk_avro_mode mode, struct ktk_buffer *out,
		    struct ktk_err *err);

/** @brief Encode the JSON value @p datum (a json_t *) and append the binary
 *  datum to @p out.
 *  @returns 0, or -1 with @p err set (KTK_EXIT_DATAERR, naming the field)
 *  and @p out as it was. */
int ktk_avro_encode(const struct ktk_avro_schema *s, const void *datum,
		    struct ktk_buffer *out, struct ktk_err *err);

/** @brief Schema evolution on the reader's side: reshape @p datum (a
 *  json_t decoded with the writer's schema, KTK_AVRO_PLAIN) to the reader
 *  schema @p reader: record fields in the reader's order, a field the
 *  writer did not have takes the reader's default, one the reader does not
 *  have is dropped; ints and longs read as floats or doubles, strings as
 *  bytes and back (JSON keeps the same text); unions and enums by value.
 *  @returns a new json_t, or NULL with @p err set (KTK_EXIT_DATAERR,
 *  naming the field: a new field without a default, a value the reader's
 *  type cannot hold). */
void *ktk_avro_project(const struct ktk_avro_schema *reader, const void *datum,
		       struct ktk_err *err);

/** @brief Encode the JSON text @p text[0..len) straight to binary, without
 *  building a json_t: a fast path for the common shapes (fields in schema
 *  order, all present; unions of null and one type; no decimal, bytes or
 *  fixed; no escapes but the usual ones).
 *  @returns 0 with the datum appended to @p out, or 1 (@p out as it was)
 *  when the text is outside the fast path or wrong: then parse it and call
 *  ktk_avro_encode(), which handles everything and names the error. */
int ktk_avro_encode_text(const struct ktk_avro_schema *s, const char *text,
			 size_t len, struct ktk_buffer *out);

#endif
