/* oversight.h — the briefing's section "Audits, sharing and retention": who
 * receives the agency's data, who searched it and why, how long reads are
 * kept and what a shorter policy would cost, and what these records cannot
 * show. A report step only: it has no build and reads the metrics rows the
 * governance, sharing and retention analyses wrote (and the sharing
 * handover), so it runs for every study and says, for each input the study
 * lacks, which question stays unanswered. */
#ifndef AE_OVERSIGHT_H
#define AE_OVERSIGHT_H

struct brief;
void ae_oversight_section(struct brief *b);
#endif
