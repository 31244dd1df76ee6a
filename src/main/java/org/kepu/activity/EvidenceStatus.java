package org.kepu.activity;

import java.time.LocalDate;

/** An activity's evidence, how complete it is, and the last day more is accepted. */
public record EvidenceStatus(Evidence evidence, EvidenceCompleteness completeness, LocalDate dueOn) {}
