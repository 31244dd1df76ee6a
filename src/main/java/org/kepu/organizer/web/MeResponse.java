package org.kepu.organizer.web;

import java.util.List;
import java.util.UUID;

record MeResponse(String username, List<String> roles, OrgUnitRef orgUnit) {

    record OrgUnitRef(UUID id, String name, RegionRef region) {}

    record RegionRef(String code, String name) {}
}
