/* SPDX-License-Identifier: Apache-2.0 */
/* strv.h -- arrays of C strings that own each string: group ids, topic
 * names, Avro enum symbols. Freed the same way wherever they are kept. */
#ifndef KTK_BASE_STRV_H
#define KTK_BASE_STRV_H

#include <stddef.h>

/** @brief Free the @p n strings of @p v, then @p v itself (NULL: none). */
void ktk_strv_free(char **v, size_t n);

#endif
