/* SPDX-License-Identifier: Apache-2.0 */
/* stdfd.h -- descriptors 0, 1 and 2 open at start.
 *
 * A program started with one of them closed (`>&-`, `<&-`) would have the
 * next descriptor a library opens land there: librdkafka's wake-up pipe
 * on 0 and 1, and our records written into it. ktk_stdfd_open(), first in
 * every main(), puts /dev/null there instead, opened the other way round
 * (0 for writing, 1 and 2 for reading) so that it cannot pass for a stream:
 * reads and writes on it fail, and ktk_stdfd_usable() tells a binary whose
 * data channel it is to say so and stop before it reads or commits.
 * It also sets SIGPIPE to be ignored, for every binary alike: a write to a
 * reader that left (`| head`) fails with EPIPE, which ktk_close_stdout()
 * takes as a quiet end, where SIGPIPE would kill the run with 141.
 */
#ifndef KTK_BASE_STDFD_H
#define KTK_BASE_STDFD_H

/** @brief Open /dev/null on each of descriptors 0-2 that is closed, and
 *  ignore SIGPIPE from here on.
 *  @returns a mask of those it opened (bit N: descriptor N). */
unsigned ktk_stdfd_open(void);

/** @brief Whether @p fd is open for writing (@p for_write) or reading. */
int ktk_stdfd_usable(int fd, int for_write);

#endif
