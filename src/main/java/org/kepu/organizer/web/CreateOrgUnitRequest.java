package org.kepu.organizer.web;

import java.util.UUID;
import org.kepu.organizer.OrgUnitKind;

/** {@code regionCode} null: a national unit. */
record CreateOrgUnitRequest(String name, OrgUnitKind kind, String regionCode, UUID parentId) {}
