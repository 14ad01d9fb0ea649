/* SPDX-License-Identifier: Apache-2.0 */
/* base.h -- the base of every other folder: error values and exit
 * statuses, strict number parsing, offset sums that cannot overflow, byte strings (base64, hex, UTF-8, C
 * escapes), the monotonic clock, ISO-8601 dates, the growable buffer that
 * formatters append to, the in-memory record (one to produce, one view of a
 * consumed one), the partitioner that says where a key goes, and descriptors
 * 0-2 kept open at start, plurals and human sizes. It includes
 * nothing outside lib/base/ and no librdkafka. */
#ifndef KTK_BASE_BASE_H
#define KTK_BASE_BASE_H

#include "lib/base/buffer.h"
#include "lib/base/bytes.h"
#include "lib/base/clock.h"
#include "lib/base/err.h"
#include "lib/base/iso8601.h"
#include "lib/base/number.h"
#include "lib/base/offset.h"
#include "lib/base/partitioner.h"
#include "lib/base/record.h"
#include "lib/base/record_view.h"
#include "lib/base/stdfd.h"
#include "lib/base/units.h"
#include "lib/base/version.h"

#endif
