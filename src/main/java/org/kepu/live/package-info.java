/**
 * Live (直播, 云上科普日): livestream state from the activity's times with the organizer's override, the
 * viewer stream (server-sent events: viewers, comments, status, the online check-in code), chat with
 * moderation, fan-out across instances through Redis pub/sub, and the big screen's stream.
 * {@link org.kepu.live.LiveService} is the module's API.
 */
package org.kepu.live;
