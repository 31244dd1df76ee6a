/**
 * Organizations (org units: 科协, schools, museums, enterprises, societies…) and their accounts: sign-in
 * with browser sessions or bearer tokens, roles, and the region scope every other module enforces.
 * {@link org.kepu.organizer.OrganizerService} is the module's API.
 */
package org.kepu.organizer;
