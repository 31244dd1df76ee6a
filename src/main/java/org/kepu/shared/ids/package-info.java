/** Identifiers the modules generate for their rows. */
package org.kepu.shared.ids;
