/* labels.c — see labels.h. */
#include "labels.h"
#include <stdio.h>
#include <string.h>

/* Codes whose words are not just the code with spaces. */
static const char *const words[][3] = {
	{"hotlist", "amber_alert", "AMBER alert"},
	{"hotlist", "registration", "registration problem"},
	{"hotlist", "manual", "entered by hand"},
	{"disposition", "confirmed", "confirmed"},
	{"disposition", "stale_entry", "stale list entry"},
	{"reason_class", "blank", "no reason given"},
	{"reason_class", "generic_investigation", "generic 'investigation'"},
	{"organization_class", "federal", "federal agencies"},
	{"organization_class", "in_state", "agencies of this state"},
	{"organization_class", "out_of_state", "agencies of other states"},
	{"organization_class", "private", "not public agencies"},
	{"organization_class", "unknown", "not classified"},
	{"direction_class", "federal", "federal agencies"},
	{"direction_class", "immigration", "of which immigration"},
	{"direction_class", "in_state", "agencies of this state"},
	{"direction_class", "out_of_state", "agencies of other states"},
	{"direction_class", "private", "not public agencies"},
	{"direction_class", "unknown", "not classified"},
	{"search_type", "multiGeo", "multi-area"},
};

/* Dimensions whose groups are the tool's own codes (schema.c, gov_classify.c):
 * only these have underscores turned into spaces; other groups are names
 * from the study's data, shown as given. */
static const char *const coded[] = {"disposition",     "hotlist",     "outcome", "reason_class", "organization_class",
				    "direction_class", "search_type", "type",    "field",        "direction"};

const char *ae_label_plain(const char *dim, const char *code, char *buf, size_t n)
{
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i][0], dim) == 0 && strcmp(words[i][1], code) == 0)
			return words[i][2];
	int is_coded = 0;
	for (size_t i = 0; i < sizeof coded / sizeof coded[0]; i++)
		is_coded |= strcmp(coded[i], dim) == 0;
	int group = strcmp(dim, "group") == 0;
	if ((!is_coded && !group) || !n)
		return code;
	snprintf(buf, n, "%s", code);
	/* a demographic group (pop_<group> of the study's census table) is a name: capitalised */
	if (group && buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = ' ';
	return buf;
}
