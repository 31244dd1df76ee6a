/**
 * The technical kernel every module may use: errors, web plumbing, engine clients, time. It holds no
 * business rules; it is an open module so its sub-packages are usable without re-exporting them.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN, displayName = "Shared kernel")
package org.kepu.shared;

import org.springframework.modulith.ApplicationModule;
