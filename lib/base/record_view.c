/* SPDX-License-Identifier: Apache-2.0 */
/* record_view.c -- names for the parts of a record view; see record_view.h. */
#include "lib/base/record_view.h"

const char *ktk_record_view_tstype_name(int tstype)
{
	switch (tstype) {
	case KTK_TS_CREATE:
		return "CreateTime";
	case KTK_TS_LOG_APPEND:
		return "LogAppendTime";
	default:
		return "NoTimestampType";
	}
}
