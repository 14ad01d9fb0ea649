/* SPDX-License-Identifier: Apache-2.0 */
/* json_path.h -- where in a JSON document a check is ("address.zip",
 * "items[3]"), and the error that names it ("field address.zip: expected
 * integer, got string"). The Avro encoder (avro.c) and the JSON Schema
 * check (json_schema.c) both walk a datum with one and say where it failed.
 */
#ifndef KTK_SERDES_JSON_PATH_H
#define KTK_SERDES_JSON_PATH_H

#include <jansson.h>
#include <stddef.h>

#include "lib/base/err.h"

struct ktk_json_path {
	char s[256]; /* a longer path is cut at 255 bytes */
	size_t len;
};

/** @brief Go into member @p key ("key", ".key" after the first) or, with
 *  @p key NULL, into element @p idx ("[idx]").
 *  @returns the length before, for ktk_json_path_pop(). */
size_t ktk_json_path_push(struct ktk_json_path *p, const char *key,
			  size_t idx);

/** @brief Back out to the length @p len that ktk_json_path_push() returned. */
static inline void ktk_json_path_pop(struct ktk_json_path *p, size_t len)
{
	p->len = len;
}

/** @brief What kind of JSON value @p j is, for "expected X, got Y":
 *  "object", "array", "string", "integer", "number", "boolean" or "null";
 *  with @p article "an object", "a string", ... ("null" stays). */
const char *ktk_json_path_kind(const json_t *j, int article);

/** @brief Set @p err (KTK_EXIT_DATAERR) to @p fmt with @p a and @p b (two
 *  %s), after "field PATH: " unless the path is empty. @returns -1. */
int ktk_json_path_fail(const struct ktk_json_path *p, struct ktk_err *err,
		       const char *fmt, const char *a, const char *b);

#endif
