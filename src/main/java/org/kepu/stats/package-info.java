/**
 * Statistics (统计): the campaign figures upper-level associations are judged on, rolled up the region tree
 * from pre-aggregated counters, quotas and their progress, and the summary tables (汇总表) as XLSX and CSV.
 * {@link org.kepu.stats.StatsService} is the module's API; {@link org.kepu.stats.ActivityTallies} takes the
 * feedback and livestream figures of other modules.
 */
package org.kepu.stats;
