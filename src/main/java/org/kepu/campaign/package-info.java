/**
 * Campaign editions (活动届次): one year of 全国科普日/科普月 ({@code SCIENCE_DAY}) or 全国科技活动周 ({@code
 * SCIENCE_WEEK}) at the national level or a province's, city's or county's own, with theme, dates,
 * registration opening and evidence deadline. {@link org.kepu.campaign.CampaignService} is the module's API.
 */
package org.kepu.campaign;
