package org.kepu.checkin;

/** How a participant checked in: by the venue QR code or after watching the livestream. */
public enum Channel {
    ONSITE,
    ONLINE
}
