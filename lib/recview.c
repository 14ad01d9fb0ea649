/* recview.c -- names for the parts of a record view; see recview.h. */
#include "lib/recview.h"

const char *ktk_tstype_name(int tstype)
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
