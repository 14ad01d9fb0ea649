/* SPDX-License-Identifier: Apache-2.0 */
/* version.h -- ktk's version, one place. */
#ifndef KTK_BASE_VERSION_H
#define KTK_BASE_VERSION_H
#define KTK_VERSION "0.1.0"
#endif
