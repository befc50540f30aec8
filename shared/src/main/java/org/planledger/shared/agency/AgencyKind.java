package org.planledger.shared.agency;

public enum AgencyKind {
    /** A department or board of the provincial committee: a member of "Các sở, ban, ngành". */
    PROVINCIAL_DEPARTMENT,
    /** Another body of the province (the committee itself, the council, police, press, service centre). */
    PROVINCIAL_BODY,
    /** One of the 12 district-level People's Committees. */
    DISTRICT_COMMITTEE,
    /** A single commune-level People's Committee (the plan only names them as a group). */
    COMMUNE_COMMITTEE,
    /** A set of agencies named as one ("Các sở, ban, ngành"); may have no enumerated members. */
    GROUP,
    /** A body outside the province's administration: ministries, the Government, VCCI, UNDP, associations. */
    EXTERNAL
}
