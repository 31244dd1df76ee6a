package org.kepu.stats;

import java.time.LocalDate;
import java.util.UUID;
import org.kepu.activity.EvidenceCompleteness;

/** One public activity in the export's activity list, with its evidence status. */
public record ActivityLine(
        UUID id,
        String title,
        String organizer,
        String regionCode,
        String status,
        String format,
        LocalDate startDay,
        LocalDate endDay,
        boolean mainVenue,
        EvidenceCompleteness evidence,
        long checkInsOnsite,
        long checkInsOnline,
        long attendanceOnsite,
        long attendanceOnline,
        long volunteers,
        boolean recommended) {}
