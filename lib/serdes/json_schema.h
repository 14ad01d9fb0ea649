/* SPDX-License-Identifier: Apache-2.0 */
/* json_schema.h -- JSON Schema records: the payload is the datum's UTF-8
 * JSON text, so decoding is parsing it; encoding checks a datum against
 * the schema first, in a documented subset of JSON Schema (draft 4 to
 * 2020-12 share these words):
 *
 *   type (a name or a list; "integer" is a number with no fraction),
 *   properties, required, additionalProperties (false or a schema),
 *   items (a schema), enum, const, minimum, maximum, minLength,
 *   maxLength (in code points), minItems, maxItems, allOf, anyOf, oneOf,
 *   not, and "$ref" to "#", "#/definitions/NAME" or "#/$defs/NAME".
 *
 * Every other keyword (pattern, format, dependencies, if/then/else, ...)
 * is accepted and not checked: the registry and the consumers' own
 * validators have the last word. Errors name the path: "field
 * address.zip: expected integer, got string".
 */
#ifndef KTK_SERDES_JSON_SCHEMA_H
#define KTK_SERDES_JSON_SCHEMA_H

#include <stddef.h>

#include "lib/base/err.h"

struct ktk_json_schema;

/** @brief Parse the JSON text of a schema (an object or a boolean).
 *  @returns it, or NULL with @p err set (KTK_EXIT_DATAERR). */
struct ktk_json_schema *ktk_json_schema_parse(const char *text, size_t len,
					      struct ktk_err *err);

/** @brief The schema's "title", or NULL: the record name of the record
 *  and topic-record subject name strategies (as Confluent's serializer). */
const char *ktk_json_schema_name(const struct ktk_json_schema *s);

/** @brief Check @p datum (a json_t *) against @p s.
 *  @returns 0, or -1 with @p err set (KTK_EXIT_DATAERR, naming the path). */
int ktk_json_schema_validate(const struct ktk_json_schema *s,
			     const void *datum, struct ktk_err *err);

/** @brief Free @p s (NULL is fine). */
void ktk_json_schema_free(struct ktk_json_schema *s);

#endif
