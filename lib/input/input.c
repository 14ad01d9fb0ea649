/* SPDX-License-Identifier: Apache-2.0 */
/* input.c -- files, formats and command-line additions; see input.h. */
#include "lib/input/input.h"

#include "lib/base/bytes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/base/stdfd.h"
#include "lib/base/units.h"

static char *stdin_only[] = {"-"};

int ktk_input_init(struct ktk_input *in, char **files, int nfiles,
		   struct ktk_err *err)
{
	int i;

	memset(in, 0, sizeof(*in));
	in->format = KTK_IN_LINE;
	in->mode = KTK_STREAM_LINES;
	in->max = 1000000;
	in->files = nfiles > 0 ? files : stdin_only;
	in->nfiles = nfiles > 0 ? nfiles : 1;
	for (i = 0; i < in->nfiles; i++) {
		struct stat st;

		if (strcmp(in->files[i], "-") != 0 &&
		    stat(in->files[i], &st) == 0 && S_ISREG(st.st_mode))
			in->total_size += (uint64_t)st.st_size;
		else if (strcmp(in->files[i], "-") == 0) {
			if (!ktk_stdfd_usable(0, 0))
				return ktk_err_set(err, KTK_EXIT_FAIL,
						   "standard input is closed "
						   "(nothing read, nothing "
						   "produced)");
			if (fstat(0, &st) == 0 && S_ISREG(st.st_mode))
				in->total_size += (uint64_t)st.st_size;
		}
	}
	return ktk_line_reader_init(&in->lr, err);
}

void ktk_input_free(struct ktk_input *in)
{
	if (in->open)
		ktk_stream_close(&in->r);
	in->open = 0;
	ktk_line_reader_free(&in->lr);
	ktk_json_reader_free(&in->js);
	free(in->owned[0]);
	free(in->owned[1]);
	free(in->owned[2]);
	free(in->owned_fixed);
	in->owned[0] = in->owned[1] = in->owned[2] = NULL;
	in->owned_fixed = NULL;
}

/* escape-decoded copy of a flag value, which may hold NUL bytes, into
 * *@p out (owned by the input) */
static int unescaped(const char *flag, const char *arg, char **out,
		     size_t *len, struct ktk_err *err)
{
	long n;

	free(*out);
	*out = malloc(strlen(arg) + 1);
	if (*out == NULL)
		return ktk_err_set(err, KTK_EXIT_SOFTWARE, "out of memory");
	n = ktk_bytes_unescape(arg, *out);
	if (n < 0)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "%s '%s': bad escape (use \\n \\t \\r \\0 "
				   "\\\\ \\xNN)",
				   flag, arg);
	*len = (size_t)n;
	return 0;
}

int ktk_input_check(const struct ktk_input_flags *f, int reader_props,
		    struct ktk_err *err)
{
	if (f->format != KTK_IN_LINE && (f->keysep || reader_props))
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "-K, --property and --reader-config apply "
				   "to --input-format line only");
	if (f->format == KTK_IN_RAW && f->delim)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "-D cannot be used with --input-format raw");
	if (f->format == KTK_IN_JSON && f->delim)
		return ktk_err_set(err, KTK_EXIT_USAGE,
				   "-D cannot be used with --input-format json "
				   "(one object per line)");
	return 0;
}

int ktk_input_configure(struct ktk_input *in, const struct ktk_input_flags *f,
			struct ktk_err *err)
{
	size_t i, len;

	if (f->keysep) {
		if (unescaped("-K", f->keysep, &in->owned[0], &len, err) == -1)
			return -1;
		ktk_line_reader_set(&in->lr, "parse.key", "true", 4, err);
		if (ktk_line_reader_set(&in->lr, "key.separator", in->owned[0],
					len, err) == -1)
			return -1;
	}
	if (ktk_line_reader_check(&in->lr, err) == -1)
		return -1;
	if (f->delim) {
		if (unescaped("-D", f->delim, &in->owned[1], &len, err) == -1)
			return -1;
		if (len == 0 || len > sizeof(in->delim))
			return ktk_err_set(err, KTK_EXIT_USAGE,
					   "-D '%s': a delimiter has 1 to %zu "
					   "bytes",
					   f->delim, sizeof(in->delim));
		memcpy(in->delim, in->owned[1], len);
		in->delim_len = len;
		in->mode = KTK_STREAM_DELIM;
	}
	if (f->key) {
		if (unescaped("-k", f->key, &in->owned[2], &len, err) == -1)
			return -1;
		in->fixed_key = in->owned[2];
		in->fixed_key_len = len;
	}
	if (f->nheaders > 0) {
		free(in->owned_fixed);
		in->owned_fixed = calloc(f->nheaders, sizeof(*in->owned_fixed));
		if (in->owned_fixed == NULL)
			return ktk_err_set(err, KTK_EXIT_SOFTWARE,
					   "out of memory");
	}
	for (i = 0; i < f->nheaders; i++) {
		struct ktk_header *h = &in->owned_fixed[i];
		const char *eq = strchr(f->headers[i], '=');

		h->name = f->headers[i];
		h->name_len = eq ? (size_t)(eq - f->headers[i])
				 : strlen(f->headers[i]);
		h->value = eq ? eq + 1 : NULL;
		h->value_len = eq ? strlen(eq + 1) : 0;
	}
	in->fixed = in->owned_fixed;
	in->nfixed = f->nheaders;
	in->empty_null = f->null_empty;
	in->ignore_partition = f->ignore_partition;
	in->ignore_timestamp = f->ignore_timestamp;
	return 0;
}

uint64_t ktk_input_bytes(const struct ktk_input *in)
{
	return in->done_bytes + (in->open ? in->r.bytes_read : 0);
}

void ktk_input_progress(const struct ktk_input *in, uint64_t read,
			uint64_t delivered, double secs, char *buf,
			size_t size)
{
	uint64_t bytes = ktk_input_bytes(in);
	char pct[32] = "", rate[32];

	if (in->total_size > 0)
		snprintf(pct, sizeof(pct), ", %.0f%%",
			 100.0 * (double)bytes / (double)in->total_size);
	ktk_units_rate(secs > 0 ? (double)bytes / secs : 0.0, rate,
		       sizeof(rate));
	snprintf(buf, size, "%llu %s, %llu delivered, %.0f records/s, %s%s",
		 (unsigned long long)read,
		 ktk_units_plural(read, "record", "records"),
		 (unsigned long long)delivered,
		 secs > 0 ? (double)read / secs : 0.0, rate, pct);
}

void ktk_input_where(const struct ktk_input *in, uint64_t pos, char *buf,
		     size_t size)
{
	unsigned i = (unsigned)(pos >> 48);
	unsigned long long n = pos & 0xffffffffffffULL;
	const char *name = (int)i < in->nfiles ? in->files[i] : "?";

	if (in->nfiles == 1 && strcmp(name, "-") == 0)
		snprintf(buf, size, "%s %llu",
			 in->format == KTK_IN_RAW ? "record" : "line", n);
	else
		snprintf(buf, size, "%s:%llu",
			 strcmp(name, "-") == 0 ? "stdin" : name, n);
}

static int apply_extras(struct ktk_input *in, struct ktk_record *rec,
			struct ktk_err *err)
{
	size_t i;

	if (rec->key == NULL && in->fixed_key != NULL) {
		rec->key = in->fixed_key;
		rec->key_len = in->fixed_key_len;
	}
	for (i = 0; i < in->nfixed; i++)
		if (ktk_record_add_header(rec, in->fixed[i].name,
					  in->fixed[i].name_len,
					  in->fixed[i].value,
					  in->fixed[i].value_len, err) == -1)
			return -1;
	if (in->empty_null) {
		if (rec->key != NULL && rec->key_len == 0)
			rec->key = NULL;
		if (rec->value != NULL && rec->value_len == 0)
			rec->value = NULL;
	}
	return 0;
}

int ktk_input_next(struct ktk_input *in, struct ktk_record *rec,
		   uint64_t *pos, struct ktk_err *err)
{
	const char *p;
	size_t len;
	int st, rc;

	for (;;) {
		if (!in->open) {
			enum ktk_stream_mode m = in->format == KTK_IN_RAW
						       ? KTK_STREAM_RAW
					       : in->format == KTK_IN_JSON
						       ? KTK_STREAM_LINES
						       : in->mode;
			size_t max = in->format == KTK_IN_JSON
					     ? in->max * 2 + 65536
					     : in->max;

			if (in->cur >= in->nfiles)
				return KTK_INPUT_END;
			if (in->stop && *in->stop)
				return KTK_INPUT_END;
			if (in->before_read) /* opening a FIFO may block */
				in->before_read(in->before_read_arg);
			if (ktk_stream_open(&in->r, in->files[in->cur], m,
					    in->delim, in->delim_len, max,
					    err) == -1)
				/* opening a FIFO was interrupted: stop */
				return in->stop && *in->stop ? KTK_INPUT_END
							     : -1;
			in->r.stop = in->stop;
			in->r.before_read = in->before_read;
			in->r.before_read_arg = in->before_read_arg;
			in->r.idle = in->idle;
			in->open = 1;
		}
		st = ktk_stream_next(&in->r, &p, &len, err);
		if (st == -1)
			return -1;
		if (st == KTK_STREAM_EOF) {
			in->done_bytes += in->r.bytes_read;
			ktk_stream_close(&in->r);
			in->open = 0;
			in->cur++;
			continue;
		}
		*pos = ((uint64_t)in->cur << 48) | in->r.number;
		ktk_record_reset(rec);
		rec->number = in->r.number;
		if (st == KTK_STREAM_TOOBIG) {
			in->bad = "larger than message.max.bytes";
			ktk_err_set(err, KTK_EXIT_DATAERR,
				    "record of %zu bytes is larger "
				    "than message.max.bytes (%zu)",
				    len, in->max);
			return KTK_INPUT_BAD;
		}
		in->bad = "not parsable";
		switch (in->format) {
		case KTK_IN_LINE:
			if (ktk_line_reader_parse(&in->lr, p, len, in->r.number,
					      rec, err) == -1)
				return KTK_INPUT_BAD;
			break;
		case KTK_IN_JSON:
			rc = ktk_json_reader_parse(&in->js, p, len, in->r.number,
					      rec, err);
			if (rc == -1)
				return KTK_INPUT_BAD;
			if (rc == 0)
				continue;
			break;
		case KTK_IN_RAW:
			rec->value = p;
			rec->value_len = len;
			break;
		}
		if (apply_extras(in, rec, err) == -1)
			return -1;
		if (in->ignore_partition)
			rec->partition = -1;
		if (in->ignore_timestamp)
			rec->timestamp = 0;
		if (rec->partition >= 0 && in->partitions > 0 &&
		    rec->partition >= in->partitions) {
			char where[300];

			ktk_input_where(in, *pos, where, sizeof(where));
			return ktk_err_set(err, KTK_EXIT_FAIL,
					   "%s: topic %s has no partition %d "
					   "(it has %d); --ignore-partition "
					   "lets the partitioner choose",
					   where, in->topic ? in->topic : "?",
					   (int)rec->partition,
					   (int)in->partitions);
		}
		if (in->transform &&
		    in->transform(in->transform_ctx, in, rec, err) == -1) {
			in->bad = in->bad_transform ? in->bad_transform
						    : "not encodable";
			return KTK_INPUT_BAD;
		}
		return KTK_INPUT_RECORD;
	}
}
