/* SPDX-License-Identifier: Apache-2.0 */
/* record.c -- struct ktk_record helpers; see record.h. */
#include "lib/base/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/base/buffer.h"

void ktk_record_reset(struct ktk_record *rec)
{
	rec->key = rec->value = NULL;
	rec->key_len = rec->value_len = 0;
	rec->nheaders = 0;
	rec->partition = -1;
	rec->timestamp = 0;
}

int ktk_record_add_header(struct ktk_record *rec, const char *name,
			  size_t name_len, const void *value,
			  size_t value_len, struct ktk_err *err)
{
	struct ktk_header *h;

	if (ktk_buffer_grow_array(&rec->headers, rec->nheaders,
				  &rec->headers_cap, sizeof(*rec->headers),
				  8) == -1)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	h = &rec->headers[rec->nheaders++];
	h->name = name;
	h->name_len = name_len;
	h->value = value;
	h->value_len = value ? value_len : 0;
	return 0;
}

void ktk_record_free(struct ktk_record *rec)
{
	free(rec->headers);
	rec->headers = NULL;
	rec->nheaders = rec->headers_cap = 0;
}

size_t ktk_record_size(const struct ktk_record *rec)
{
	size_t n = rec->key_len + rec->value_len, i;

	for (i = 0; i < rec->nheaders; i++)
		n += rec->headers[i].name_len + rec->headers[i].value_len;
	return n;
}

void ktk_record_quote(const void *p, size_t n, char *dst, size_t size)
{
	const unsigned char *s = p;
	size_t i, o = 0;

	if (size == 0)
		return;
	for (i = 0; i < n; i++) {
		char esc[8];
		size_t l;

		if (s[i] == '\n')
			l = (size_t)snprintf(esc, sizeof(esc), "\\n");
		else if (s[i] == '\t')
			l = (size_t)snprintf(esc, sizeof(esc), "\\t");
		else if (s[i] == '\r')
			l = (size_t)snprintf(esc, sizeof(esc), "\\r");
		else if (s[i] < 0x20 || s[i] == 0x7f)
			l = (size_t)snprintf(esc, sizeof(esc), "\\x%02x", s[i]);
		else {
			esc[0] = (char)s[i];
			l = 1;
		}
		if (o + l + 4 >= size) {
			if (o + 3 < size)
				memcpy(dst + o, "...", 3), o += 3;
			break;
		}
		memcpy(dst + o, esc, l);
		o += l;
	}
	dst[o] = '\0';
}
