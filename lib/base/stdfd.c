/* SPDX-License-Identifier: Apache-2.0 */
/* stdfd.c -- descriptors 0, 1 and 2 open at start; see stdfd.h. */
#include "lib/base/stdfd.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

unsigned ktk_stdfd_open(void)
{
	unsigned opened = 0;
	int fd;

	for (fd = 0; fd <= 2; fd++) {
		int nfd;

		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		/* the lowest free descriptor: this one */
		nfd = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
		if (nfd == -1)
			continue;
		if (nfd != fd) {
			dup2(nfd, fd);
			close(nfd);
		}
		opened |= 1u << fd;
	}
	/* a reader that leaves (| head) is a failed write (EPIPE) that ends
	 * the run quietly with 0 (ktk_close_stdout), not a SIGPIPE death (141) */
	signal(SIGPIPE, SIG_IGN);
	return opened;
}

int ktk_stdfd_usable(int fd, int for_write)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl == -1)
		return 0;
	fl &= O_ACCMODE;
	return fl == O_RDWR || fl == (for_write ? O_WRONLY : O_RDONLY);
}
