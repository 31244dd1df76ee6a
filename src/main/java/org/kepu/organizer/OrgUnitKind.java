package org.kepu.organizer;

/** What kind of organization a unit is (API.md enumeration). */
public enum OrgUnitKind {
    ASSOCIATION,
    SCHOOL,
    SCIENCE_VENUE,
    ENTERPRISE,
    SOCIETY,
    RESEARCH_INSTITUTE,
    GOVERNMENT,
    OTHER
}
