/**
 * Feedback (反馈评价): ratings and comments from participants who checked in, and their moderation. The
 * sensitive-word list ({@link org.kepu.feedback.SensitiveWords}) and the checks on free text
 * ({@link org.kepu.feedback.UserText}) are shared with live chat.
 */
package org.kepu.feedback;
