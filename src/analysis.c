/* analysis.c — see analysis.h. The order is doc/metrics.md's: alert
 * effectiveness, then exposure, then governance, then crime effect. */
#include "analysis.h"
#include "alerts.h"
#include "exposure.h"
#include "governance.h"
#include "governance_charts.h"
#include "retention.h"
#include "retention_charts.h"
#include "sharing.h"
#include "oversight.h"
#include "peers.h"
#include "incidents.h"
#include "effect.h"
#include "effect_brief.h"
#include "effect_charts.h"

const ae_analysis ae_analyses[] = {
	{"alerts", 1u << TB_READS, ae_alerts_build, NULL, ae_alerts_charts, ae_alerts_summary, "alerts",
	 "Alerts: which hotlists raised them", ae_alerts_section},
	{"exposure", 1u << TB_READS, ae_exposure_analyse, ae_exposure_release, ae_exposure_charts, ae_exposure_summary,
	 "areas", "Areas", ae_exposure_section},
	{"governance", 1u << TB_SEARCHES, ae_governance_build, NULL, ae_governance_charts, ae_governance_summary, NULL,
	 NULL, NULL},
	{"sharing", 1u << TB_SHARING, ae_sharing_build, ae_sharing_release, ae_sharing_charts, ae_sharing_summary, NULL,
	 NULL, NULL},
	{"retention", 1u << TB_READS, ae_retention_build, NULL, ae_retention_charts, NULL, NULL, NULL, NULL},
	/* crime effect: the model, then the incident counts. It runs for every study (needs 0): without
	 * incidents its report steps say what the missing input leaves unanswered. */
	{"effect", 0, ae_effect_build, ae_effect_release, ae_effect_charts, ae_effect_summary, "crime",
	 "Did crime change?", ae_effect_section},
	{"incidents", 1u << TB_INCIDENTS, ae_incidents_build, NULL, NULL, NULL, NULL, NULL, NULL},
	/* a report step over the rows above: it says what each missing input leaves unanswered */
	{"oversight", 0, NULL, NULL, NULL, NULL, "governance", "Audits, sharing and retention", ae_oversight_section},
	/* a report step: this city's alerts per read and retention among other agencies' published figures */
	{"peers", 0, NULL, NULL, NULL, NULL, "peers", "Peers: other agencies' published figures", ae_peers_section},
};
const size_t ae_nanalyses = sizeof ae_analyses / sizeof ae_analyses[0];

int ae_analysis_runs(const ae_analysis *an, const ae_study *st)
{
	for (int t = 0; t < TB_COUNT; t++)
		if ((an->needs >> t & 1) && !st->input[t].present)
			return 0;
	return 1;
}
