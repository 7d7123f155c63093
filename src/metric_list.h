/* metric_list.h — every metric alpr-eval writes, in one list: its name in
 * metrics.csv (doc/metrics.md's spelling: other tools read it), the table of
 * doc/metrics.md it belongs to, what it counts, and its interval methods. Code
 * names a metric as AE_M(name): a misspelt name does not compile, so no
 * chart or briefing line can silently miss its rows. The definition is in
 * plain words: the briefing's methods section prints it. Order: doc/metrics.md's,
 * which is also metrics.csv's order within each analysis. */
#ifndef AE_METRIC_LIST_H
#define AE_METRIC_LIST_H

#define AE_ALERTS "Alert effectiveness"
#define AE_EXPOSURE "Exposure"
#define AE_GOVERNANCE "Governance"
#define AE_CRIME "Crime effect"
#define AE_METRIC_LIST(X) \
	X(reads, AE_ALERTS, "Plate reads accepted in the study period (detections, not a vendor's total records).", \
	  "none") \
	X(distinct_plates, AE_ALERTS, "Distinct vehicles read: the plate, plus its state when given.", "none") \
	X(hits, AE_ALERTS, "Alerts: reads that matched a hotlist.", "none") \
	X(alert_vehicles, AE_ALERTS, "Distinct vehicles with at least one alert in the period.", "none") \
	X(alerts_top10_vehicles_share, AE_ALERTS, \
	  "The share of alerts raised by the ten vehicles with the most alerts (an exact share of the record).", \
	  "none") \
	X(alert_share, AE_ALERTS, \
	  "The share of alerts raised by each hotlist: the alert mix (an exact share of the record).", "none") \
	X(hit_rate, AE_ALERTS, "Alerts per read; for a hotlist, its alerts over all reads.", "binomial, cluster_plate") \
	X(non_hit_share, AE_ALERTS, "The share of reads that raised no alert (one minus the hit rate).", "binomial") \
	X(disposition_share, AE_ALERTS, "The share of alerts with each verification result.", \
	  "binomial, cluster_plate") \
	X(false_positive_rate, AE_ALERTS, \
	  "Wrong alerts over alerts whose verification result is known (unverified alerts left out).", \
	  "binomial, cluster_plate") \
	X(confirmed_per_million_reads, AE_ALERTS, "Confirmed alerts per million reads.", "cluster_plate") \
	X(outcomes, AE_ALERTS, "Recorded incident outcomes of each type.", "none") \
	X(outcomes_linked, AE_ALERTS, \
	  "Recorded outcomes of a type whose alert (hit_id) is one of the accepted alerts.", "none") \
	X(outcomes_per_million_reads, AE_ALERTS, "Outcomes of a type per million reads.", \
	  "poisson_exact, cluster_plate") \
	X(reads_per_outcome, AE_ALERTS, "Reads per outcome of a type.", "poisson_exact, cluster_plate") \
	X(outcome_yield, AE_ALERTS, "The share of alerts linked to at least one recorded outcome of any type.", \
	  "binomial, cluster_plate") \
	X(enforcement_yield, AE_ALERTS, \
	  "The share of alerts linked to at least one enforcement outcome (the study's enforcement_outcomes: " \
	  "by default an arrest or a recovered vehicle).", \
	  "binomial, cluster_plate") \
	X(cost_per_outcome, AE_ALERTS, "The programme's cost for the period per outcome of a type.", \
	  "poisson_exact, cluster_plate") \
	X(reads_per_1k_residents, AE_EXPOSURE, \
	  "Reads per thousand residents (at all: reads in listed areas over their whole population).", \
	  "quasi_poisson_days") \
	X(reads_per_km2, AE_EXPOSURE, "Reads per square kilometre of the area.", "quasi_poisson_days") \
	X(reads_per_100_vmt, AE_EXPOSURE, "Reads per 100 vehicle miles travelled in the area over the period.", \
	  "quasi_poisson_days") \
	X(exposure_ratio, AE_EXPOSURE, \
	  "An area's share of reads over its share of residents (1 is its proportional share).", "bootstrap_days") \
	X(group_exposure, AE_EXPOSURE, \
	  "Reads per thousand residents as met by the average member of a group (area rates weighted by the group's residents).", \
	  "bootstrap_days") \
	X(disparity_ratio, AE_EXPOSURE, "A group's exposure over the all-area rate (1 is the average resident).", \
	  "bootstrap_days") \
	X(unassigned_reads, AE_EXPOSURE, "Reads in no listed area, kept out of every per-resident figure.", "none") \
	X(tracked_plates_share, AE_EXPOSURE, "The share of vehicles read by at least k distinct cameras.", "binomial") \
	X(plates_seen_once_share, AE_EXPOSURE, "The share of vehicles read exactly once.", "binomial") \
	X(vehicles_read_20_plus_share, AE_EXPOSURE, "The share of vehicles read 20 times or more in the period.", \
	  "binomial") \
	X(reads_per_vehicle_share, AE_EXPOSURE, \
	  "The share of vehicles read 1, 2-4, 5-19, 20-99 or 100 or more times in the period.", "binomial") \
	X(reads_per_vehicle_read_share, AE_EXPOSURE, \
	  "The share of all reads that were of vehicles read 1, 2-4, 5-19, 20-99 or 100 or more times (an exact " \
	  "share of the record).", \
	  "none") \
	X(reads_per_vehicle, AE_EXPOSURE, \
	  "Reads of one vehicle in the period (quantiles over vehicles; no maximum, which would describe one " \
	  "vehicle).", \
	  "none") \
	X(gini_reads_per_capita, AE_EXPOSURE, \
	  "Gini coefficient of reads per resident across areas, population-weighted (0 is equal exposure).", \
	  "bootstrap_days") \
	X(searches, AE_GOVERNANCE, "Searches of the stored reads in the study period (the audit log).", "none") \
	X(search_reason_share, AE_GOVERNANCE, "The share of searches whose stated reason is of each class.", "none") \
	X(searches_without_case_share, AE_GOVERNANCE, \
	  "The share of searches with no case number and a reason that is not a case number alone.", "none") \
	X(searches_flagged_share, AE_GOVERNANCE, \
	  "The share of searches whose reason names one of the study's flag terms (immigration enforcement).", "none") \
	X(searches_after_hours_share, AE_GOVERNANCE, "The share of searches run in the study's after-hours window.", \
	  "none") \
	X(search_users, AE_GOVERNANCE, "Distinct users who ran searches.", "none") \
	X(searches_top10_users_share, AE_GOVERNANCE, "The share of searches run by the ten users with the most.", \
	  "none") \
	X(searches_per_user, AE_GOVERNANCE, "Searches per user (quantiles).", "none") \
	X(search_lookback_days, AE_GOVERNANCE, "Days from a search's window start back from the search (quantiles).", \
	  "none") \
	X(searches_lookback_over, AE_GOVERNANCE, "The share of searches with a window that looked back over d days.", \
	  "none") \
	X(search_window_days, AE_GOVERNANCE, "Length of a search's window in days (quantiles).", "none") \
	X(searches_multi_network_share, AE_GOVERNANCE, "The share of searches that covered more than one network.", \
	  "none") \
	X(search_networks, AE_GOVERNANCE, "Networks a search covered (quantiles).", "none") \
	X(search_devices, AE_GOVERNANCE, "Cameras a search covered (quantiles).", "none") \
	X(access_log_complete_share, AE_GOVERNANCE, "The share of searches whose log entry holds the field.", "none") \
	X(repeat_target_pairs, AE_GOVERNANCE, \
	  "Pairs of a user and a searched target searched 3 or more times over 14 days or more, never with a case " \
	  "number.", \
	  "none") \
	X(sharing_organizations, AE_GOVERNANCE, \
	  "Organizations this agency's detections go to (outbound) or that share theirs with it (inbound).", "none") \
	X(sharing_prohibited, AE_GOVERNANCE, \
	  "Active recipients of this agency's detections that the study's sharing law forbids.", "none") \
	X(reads_held_at_end, AE_GOVERNANCE, \
	  "Reads of the period a d-day retention policy would still hold on its last day (at most d days old at " \
	  "the period's end).", \
	  "none") \
	X(vehicles_held_at_end, AE_GOVERNANCE, \
	  "Distinct vehicles with a read a d-day retention policy would still hold on the period's last day; " \
	  "numerator: those of them with no alert in the period.", \
	  "none") \
	X(outcome_read_age_days, AE_GOVERNANCE, \
	  "Days from the read behind an alert to a recorded outcome of that alert (quantiles).", "none") \
	X(outcomes_needing_older_reads, AE_GOVERNANCE, \
	  "The share of outcomes linked to an alert whose read was more than d days old at the outcome: what a " \
	  "d-day retention policy would have lost.", \
	  "none") \
	X(read_log_span_days, AE_GOVERNANCE, \
	  "Days from the first to the last read in the read log, in the period or not.", "none") \
	X(crime_effect_ratio, AE_CRIME, \
	  "Incidents where cameras went up over the incidents expected there without them (extended two-way " \
	  "fixed-effects Poisson); 1 is no change.", \
	  "jackknife_area") \
	X(crime_effect_p, AE_CRIME, \
	  "Randomization p-value: the share of random reassignments of the installation dates among the areas " \
	  "giving a change at least as large.", \
	  "none") \
	X(crime_effect_mde, AE_CRIME, \
	  "The smallest fall in the incident rate the data could have detected (80 % power at the study's level).", \
	  "none") \
	X(crime_event_ratio, AE_CRIME, \
	  "Incidents relative to expected, by period before and after an area's first camera (period -1 is the " \
	  "reference).", \
	  "jackknife_area") \
	X(crime_pretrend_p, AE_CRIME, \
	  "Test that treated and control areas moved alike before installation (all pre-period ratios equal 1).", \
	  "none") \
	X(incidents, AE_CRIME, \
	  "Reported incidents in the window (an incident id repeated over several offence rows counts once).", "none")

enum ae_metric {
#define AE_METRIC_ENUM(name, table, definition, intervals) AE_METRIC_##name,
	AE_METRIC_LIST(AE_METRIC_ENUM)
#undef AE_METRIC_ENUM
		AE_METRIC_COUNT
};

typedef struct ae_metric_def {
	const char *name;
	const char *table;      /* doc/metrics.md's table */
	const char *definition; /* plain words, for the briefing */
	const char *intervals;  /* "binomial": the study's ci_method */
} ae_metric_def;
extern const ae_metric_def ae_metric_defs[AE_METRIC_COUNT];

/* The metric's name as metrics.csv spells it; a compile error if there is no such metric. */
#define AE_M(id) (ae_metric_defs[AE_METRIC_##id].name)
/* The definition of a metric by name, or NULL when there is no such metric. */
const ae_metric_def *ae_metric_find(const char *name);
#endif
