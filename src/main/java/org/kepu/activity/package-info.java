/**
 * Activities from draft to evidence: publishing with validation, the review workflow (approve, reject,
 * cancel, postpone), evidence after the event (补充信息) and 推优 recommendations.
 * {@link org.kepu.activity.ActivityService} is the module's API.
 */
package org.kepu.activity;
