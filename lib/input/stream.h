/* SPDX-License-Identifier: Apache-2.0 */
/* stream.h -- split an input stream into records, fast.
 *
 * Input is read in large blocks (read(2) into one buffer of about
 * max + 256 KiB) and split with memchr (one-byte delimiter) or memmem
 * (longer ones), never a byte at a time. Records are returned as pointers
 * into the buffer, valid until the next call. Memory is bounded by the
 * largest record allowed (@c max): a longer record is skipped up to its
 * delimiter and reported as KTK_STREAM_TOOBIG with its number, and the rest
 * of the input goes on.
 *
 * Modes:
 *   delimited  records end at the delimiter (any 1..16 bytes, NUL
 *              included); the last record needs no delimiter; an empty
 *              input has no record, an empty line is an empty record.
 *   lines      delimited by "\n", and a "\r" before it is dropped (the
 *              line ends of Java's BufferedReader.readLine, except that a
 *              lone "\r" does not end a line).
 *   raw        the whole input is one record (also when empty).
 */
#ifndef KTK_INPUT_STREAM_H
#define KTK_INPUT_STREAM_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/base/err.h"

enum ktk_stream_mode { KTK_STREAM_LINES, KTK_STREAM_DELIM, KTK_STREAM_RAW };

enum ktk_stream_status {
	KTK_STREAM_EOF = 0,    /* no more records */
	KTK_STREAM_OK = 1,     /* a record */
	KTK_STREAM_TOOBIG = 2, /* a record longer than max, skipped */
};

struct ktk_stream {
	int fd;
	int own_fd;          /* close on ktk_stream_close */
	char name[256];      /* file name, or "stdin" */
	enum ktk_stream_mode mode;
	char delim[16];
	size_t delim_len;
	size_t max;          /* largest record returned */
	char *buf;
	size_t cap, start, end, scan; /* unread bytes are buf[start..end) */
	int eof, done, skipping;
	uint64_t number;     /* records returned so far (incl. TOOBIG) */
	uint64_t bytes_read; /* bytes read from the input */
	int64_t size;        /* input size if a regular file, else -1 */
	/* when set and nonzero, an interrupted read ends the input */
	const volatile sig_atomic_t *stop;
	/* when set, called before each read(2), which may block: a
	 * producer hands over the records it gathered first */
	void (*before_read)(void *arg);
	void *before_read_arg;
	/* when set, called with before_read_arg about every 100 ms while
	 * input that is not a regular file has nothing to read (a producer
	 * serves its delivery reports meanwhile); nonzero ends the input */
	int (*idle)(void *arg);
};

/** @brief Open @p path ("-" for stdin) for reading records in @p mode,
 *  with delimiter @p delim[0..delim_len) (KTK_STREAM_DELIM only) and records
 *  of at most @p max bytes. @returns 0, or -1 with @p err set
 *  (KTK_EXIT_NOINPUT naming the file). */
int ktk_stream_open(struct ktk_stream *r, const char *path,
		    enum ktk_stream_mode mode, const char *delim,
		    size_t delim_len, size_t max, struct ktk_err *err);

/** @brief The next record in *@p rec / *@p len. For KTK_STREAM_TOOBIG,
 *  *@p len is how many bytes were seen before giving up (at least max+1).
 *  @returns an enum ktk_stream_status, or -1 with @p err set (a read error,
 *  KTK_EXIT_NOINPUT). */
int ktk_stream_next(struct ktk_stream *r, const char **rec, size_t *len,
		    struct ktk_err *err);

/** @brief Close the input and free the buffer. */
void ktk_stream_close(struct ktk_stream *r);

#endif
