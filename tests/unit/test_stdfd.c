/* SPDX-License-Identifier: Apache-2.0 */
/* test_stdfd.c -- descriptors 0-2 open at start, unusable when they were
 * closed. */
#include "lib/base/stdfd.h"

#include <fcntl.h>
#include <unistd.h>

#include "tests/unit/unit.h"

static void t_closed_stdin(void)
{
	int keep = dup(0), fd;

	CHECK(keep > 2);
	CHECK(ktk_stdfd_open() == 0); /* all open: nothing to do */
	close(0);
	CHECK(ktk_stdfd_open() == 1u);
	CHECK(fcntl(0, F_GETFD) != -1);
	CHECK(!ktk_stdfd_usable(0, 0)); /* /dev/null, for writing only */
	CHECK(ktk_stdfd_usable(0, 1));
	/* the next descriptor is not one of 0-2 */
	fd = open("/dev/null", O_RDONLY);
	CHECK(fd > 2);
	close(fd);
	CHECK(!ktk_stdfd_usable(fd, 0)); /* closed */
	CHECK(dup2(keep, 0) == 0);
	close(keep);
}

int main(void)
{
	RUN(t_closed_stdin);
	return unit_done();
}
